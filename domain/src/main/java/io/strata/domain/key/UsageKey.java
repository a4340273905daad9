package io.strata.domain.key;

import java.util.Locale;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * Identifies one block of one course: {@code block-v1:ORG+NUMBER+RUN+type@TYPE+block@ID}, or
 * {@code i4x://ORG/NUMBER/TYPE/ID} for a course whose key has the old form.
 *
 * <p>The block type and id are non-empty runs of ASCII letters, digits and {@code _ . ~ - :}
 * (OLX ids such as {@code secret:magic} keep their colon). {@link #toString()} gives the form that
 * matches the course key's form.
 */
public record UsageKey(CourseKey course, String type, String id) {
    private static final Pattern BLOCK_V1 = Pattern.compile(
            "block-v1:([^+]+)\\+([^+]+)\\+([^+]+)\\+type@([^+]+)\\+block@(.+)");
    private static final Pattern I4X = Pattern.compile("i4x://([^/]+)/([^/]+)/([^/]+)/(.+)");
    /** Marks the ASCII characters a type or id may hold; one lookup per character. */
    private static final boolean[] NAME_CHARS = nameChars();

    public UsageKey {
        requireNonNull(course, "course is null");
        requireName("type", type);
        requireName("id", id);
    }

    /**
     * Parses a usage key in either form.
     *
     * @throws InvalidKeyException when the string is neither form; the message names the string
     */
    public static UsageKey parse(String text) {
        requireNonNull(text, "usage key is null");
        var v1 = BLOCK_V1.matcher(text);
        if (v1.matches() && isName(v1.group(4)) && isName(v1.group(5))) {
            return new UsageKey(courseOrInvalid(text, v1.group(1), v1.group(2), v1.group(3), false),
                    v1.group(4), v1.group(5));
        }
        var old = I4X.matcher(text);
        if (old.matches() && isName(old.group(3)) && isName(old.group(4))) {
            return new UsageKey(courseOrInvalid(text, old.group(1), old.group(2), "unknown", true),
                    old.group(3), old.group(4));
        }
        throw invalid(text);
    }

    private static CourseKey courseOrInvalid(String text, String org, String number, String run,
            boolean isDeprecated) {
        if (!CourseKey.isPart(org) || !CourseKey.isPart(number) || !CourseKey.isPart(run)) {
            throw invalid(text);
        }
        return new CourseKey(org, number, run, isDeprecated);
    }

    private static InvalidKeyException invalid(String text) {
        return new InvalidKeyException(String.format(Locale.ROOT,
                "Invalid usage key[%s]: expected block-v1:ORG+NUMBER+RUN+type@TYPE+block@ID", text));
    }

    /**
     * Returns whether the name may be a block type or id: one or more of {@code [A-Za-z0-9_.~:-]};
     * false for null. A table lookup per character rather than a regular expression or a chain of
     * comparisons: every block of every decoded structure has its id checked, and that was a
     * visible share of a decode.
     */
    public static boolean isName(String name) {
        if (name == null || name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            if (!isNameChar(name.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** Returns whether a block type or id may hold the character; see {@link #isName}. */
    public static boolean isNameChar(char c) {
        return c < NAME_CHARS.length && NAME_CHARS[c];
    }

    private static boolean[] nameChars() {
        var allowed = new boolean[128];
        for (char c = 0; c < allowed.length; c++) {
            allowed[c] = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '_' || c == '.' || c == '~' || c == ':' || c == '-';
        }
        return allowed;
    }

    private static void requireName(String what, String value) {
        if (!isName(value)) {
            throw new InvalidKeyException(String.format(Locale.ROOT,
                    "Invalid block %s[%s]: use letters, digits and _ . ~ - :", what, value));
        }
    }

    /**
     * Returns whether this key names a block of the given course. An old-form usage key does not
     * carry the run, so it matches any run of the same organization and number.
     */
    public boolean isIn(CourseKey other) {
        if (course.isDeprecated()) {
            return course.org().equals(other.org()) && course.number().equals(other.number());
        }
        return course.equals(other);
    }

    @Override
    public String toString() {
        if (course.isDeprecated()) {
            return "i4x://" + course.org() + "/" + course.number() + "/" + type + "/" + id;
        }
        return "block-v1:" + course.org() + "+" + course.number() + "+" + course.run()
                + "+type@" + type + "+block@" + id;
    }
}
