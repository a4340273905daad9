package io.strata.domain.key;

import java.util.Locale;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * Identifies one run of a course: {@code course-v1:ORG+NUMBER+RUN}, or the old
 * {@code ORG/NUMBER/RUN} form that courses created before 2014 keep.
 *
 * <p>Each part is a non-empty run of ASCII letters, digits and {@code _ . ~ - %}. A key remembers
 * its form: {@link #toString()} gives back the string it was parsed from. Two keys are equal when
 * their parts and their form are equal.
 */
public record CourseKey(String org, String number, String run, boolean isDeprecated) {
    private static final Pattern PART = Pattern.compile("[A-Za-z0-9_.~%-]+");
    private static final String PREFIX = "course-v1:";

    public CourseKey {
        requirePart("org", org);
        requirePart("number", number);
        requirePart("run", run);
    }

    /** Returns the key of a course in the current {@code course-v1:} form. */
    public static CourseKey of(String org, String number, String run) {
        return new CourseKey(org, number, run, /* isDeprecated= */ false);
    }

    /**
     * Parses a key in either form.
     *
     * @throws InvalidKeyException when the string is neither form; the message names the string
     */
    public static CourseKey parse(String text) {
        requireNonNull(text, "course key is null");
        if (text.startsWith(PREFIX)) {
            return parseParts(text, text.substring(PREFIX.length()).split("\\+", -1), false);
        }
        if (text.indexOf('/') >= 0) {
            return parseParts(text, text.split("/", -1), true);
        }
        throw invalid(text);
    }

    private static CourseKey parseParts(String text, String[] parts, boolean isDeprecated) {
        if (parts.length != 3 || !isPart(parts[0]) || !isPart(parts[1]) || !isPart(parts[2])) {
            throw invalid(text);
        }
        return new CourseKey(parts[0], parts[1], parts[2], isDeprecated);
    }

    private static InvalidKeyException invalid(String text) {
        return new InvalidKeyException(String.format(Locale.ROOT,
                "Invalid course key[%s]: expected course-v1:ORG+NUMBER+RUN or ORG/NUMBER/RUN", text));
    }

    static boolean isPart(String part) {
        return part != null && PART.matcher(part).matches();
    }

    private static void requirePart(String name, String value) {
        if (!isPart(value)) {
            throw new InvalidKeyException(String.format(Locale.ROOT,
                    "Invalid course key part %s[%s]: use letters, digits and _ . ~ - %%", name, value));
        }
    }

    @Override
    public String toString() {
        return isDeprecated ? org + "/" + number + "/" + run : PREFIX + org + "+" + number + "+" + run;
    }
}
