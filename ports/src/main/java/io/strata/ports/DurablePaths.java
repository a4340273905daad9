package io.strata.ports;

import java.util.Locale;

import static java.util.Objects.requireNonNull;

/**
 * Checks paths against the rules of {@link DurableStore}, so that every store and every fake
 * refuses the same paths with the same message: relative, {@code /}-separated, non-empty segments
 * that are neither {@code .} nor {@code ..} and hold no NUL byte or backslash.
 *
 * <p>Stateless and thread-safe.
 */
public final class DurablePaths {
    private DurablePaths() {
    }

    /**
     * Checks a path or a listing prefix.
     *
     * @throws InputRejectedException naming the path (control characters escaped) and the rule it breaks
     * @throws NullPointerException when the path is null
     */
    public static void check(String path) {
        requireNonNull(path, "path is null");
        for (var segment : path.split("/", -1)) {
            var reason = segmentProblem(segment);
            if (reason != null) {
                throw new InputRejectedException(String.format(Locale.ROOT,
                        "Invalid path[%s]: %s; use relative '/'-separated segments without '.', '..',"
                                + " NUL or backslash",
                        printable(path), reason));
            }
        }
    }

    /** Returns the text with every control character written as {@code \\uXXXX}, for messages and logs. */
    public static String printable(String text) {
        var escaped = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c)) {
                escaped.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else {
                escaped.append(c);
            }
        }
        return escaped.toString();
    }

    private static String segmentProblem(String segment) {
        if (segment.isEmpty()) {
            return "a segment is empty";
        }
        if (segment.equals(".") || segment.equals("..")) {
            return "a segment is '" + segment + "'";
        }
        if (segment.indexOf('\0') >= 0) {
            return "it contains NUL";
        }
        if (segment.indexOf('\\') >= 0) {
            return "it contains a backslash";
        }
        return null;
    }
}
