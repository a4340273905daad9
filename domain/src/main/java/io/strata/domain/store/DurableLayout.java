package io.strata.domain.store;

import io.strata.domain.key.CourseKey;

import java.util.Locale;

import static java.util.Objects.requireNonNull;

/**
 * Lays out payloads and pointers in the durable tier:
 *
 * <pre>
 * &lt;prefix&gt;/&lt;course folder&gt;/&lt;version name&gt;.strb   one payload per address
 * &lt;prefix&gt;/&lt;course folder&gt;/current                the course's current-version pointer
 * </pre>
 *
 * <p>The course folder is the course key in one path segment: {@code course-v1:ORG+NUMBER+RUN}
 * as is, and an old-form {@code ORG/NUMBER/RUN} key as {@code ORG+NUMBER+RUN} (its parts cannot
 * hold {@code +}, and only new-form keys start with {@code course-v1:}, so folders never collide).
 * The prefix may be empty; leading, trailing and repeated {@code /} are dropped. Immutable.
 */
public final class DurableLayout {
    /** Is the file name of the pointer in each course folder. */
    public static final String POINTER_NAME = "current";
    /** Is the extension of payload files. */
    public static final String PAYLOAD_EXTENSION = ".strb";

    private final String prefix;

    /**
     * Creates a layout under the prefix, such as {@code strata/structures}.
     *
     * @throws IllegalArgumentException when a segment of the prefix is {@code .} or {@code ..} or
     *     holds a backslash or a control character
     */
    public DurableLayout(String prefix) {
        this.prefix = normalize(requireNonNull(prefix, "prefix is null"));
    }

    /** Returns the normalized prefix: empty, or segments joined by single {@code /}. */
    public String prefix() {
        return prefix;
    }

    /** Returns the folder that holds every payload and the pointer of the course. */
    public String courseFolder(CourseKey course) {
        requireNonNull(course, "course is null");
        var segment = course.isDeprecated()
                ? course.org() + "+" + course.number() + "+" + course.run()
                : course.toString();
        return prefix.isEmpty() ? segment : prefix + "/" + segment;
    }

    /** Returns the path of the payload at the address. */
    public String payloadPath(StructureAddress address) {
        requireNonNull(address, "address is null");
        return courseFolder(address.course()) + "/" + address.versionName() + PAYLOAD_EXTENSION;
    }

    /** Returns the path of the course's current-version pointer. */
    public String pointerPath(CourseKey course) {
        return courseFolder(course) + "/" + POINTER_NAME;
    }

    private static String normalize(String prefix) {
        var normalized = new StringBuilder();
        for (var segment : prefix.split("/")) {
            if (segment.isEmpty()) {
                continue;
            }
            if (segment.equals(".") || segment.equals("..") || segment.indexOf('\\') >= 0
                    || segment.chars().anyMatch(Character::isISOControl)) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "Invalid durable prefix[%s]: segment[%s] is not allowed;"
                                + " use '/'-separated names without '.', '..', backslash or control characters",
                        prefix, segment));
            }
            if (normalized.length() > 0) {
                normalized.append('/');
            }
            normalized.append(segment);
        }
        return normalized.toString();
    }

    @Override
    public String toString() {
        return "DurableLayout[" + prefix + "]";
    }
}
