package io.strata.domain.transform;

import io.strata.domain.key.UsageKey;
import io.strata.ports.InputRejectedException;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Holds the one list of source fields every collected structure keeps, and turns their source
 * values into the types transformers and the Blocks API read.
 *
 * <p>Dates become {@link Instant} (a string without an offset is read as UTC, as Open edX does),
 * flags become {@link Boolean} and {@code days_early_for_beta} becomes {@link Double}. The big
 * opaque {@code data} body is never kept.
 */
public final class CollectedFields {
    /** Lists the fields the Blocks API and the standard transformers read; kept for every block. */
    public static final List<String> BLOCKS_API = List.of(
            "display_name", "graded", "format", "due", "start", "visible_to_staff_only", "hide_from_toc",
            "days_early_for_beta", "self_paced", "group_access", "user_partitions", "weight",
            "show_correctness");

    private static final Set<String> DATES = Set.of("start", "due");
    private static final Set<String> FLAGS = Set.of("graded", "visible_to_staff_only", "hide_from_toc", "self_paced");
    private static final Set<String> NUMBERS = Set.of("days_early_for_beta", "weight");

    private CollectedFields() {
    }

    /**
     * Returns the value to keep for a source field: typed for the fields this class knows, as given
     * otherwise.
     *
     * @throws InputRejectedException when a known field's value cannot be read as its type; the
     *     message names the block, the field and the value
     */
    public static Object normalize(UsageKey block, String name, Object value) {
        if (value == null || isUnset(name, value)) {
            return null;
        }
        if (DATES.contains(name)) {
            return toInstant(block, name, value);
        }
        if (FLAGS.contains(name)) {
            return toBoolean(block, name, value);
        }
        if (NUMBERS.contains(name)) {
            return toDouble(block, name, value);
        }
        return value;
    }

    /**
     * Returns whether a typed field's source value means "not set": Open edX exports write an unset
     * value of a typed field as an empty string or the JSON literal {@code null} (seen as
     * {@code weight="null"} in the Open edX test course).
     */
    private static boolean isUnset(String name, Object value) {
        boolean isTyped = DATES.contains(name) || FLAGS.contains(name) || NUMBERS.contains(name);
        if (!isTyped || !(value instanceof String text)) {
            return false;
        }
        var trimmed = text.trim();
        return trimmed.isEmpty() || "null".equals(trimmed) || "\"null\"".equals(trimmed);
    }

    private static Instant toInstant(UsageKey block, String name, Object value) {
        if (value instanceof Instant instant) {
            return instant;
        }
        if (!(value instanceof String text)) {
            throw rejected(block, name, value, "an ISO-8601 date");
        }
        var trimmed = stripQuotes(text.trim());
        try {
            return OffsetDateTime.parse(trimmed).toInstant();
        } catch (DateTimeParseException notOffset) {
            // Open edX writes some dates without an offset; it reads them as UTC.
            try {
                return LocalDateTime.parse(trimmed).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException notLocal) {
                try {
                    return LocalDate.parse(trimmed).atStartOfDay().toInstant(ZoneOffset.UTC);
                } catch (DateTimeParseException notDate) {
                    throw rejected(block, name, value, "an ISO-8601 date");
                }
            }
        }
    }

    private static Boolean toBoolean(UsageKey block, String name, Object value) {
        if (value instanceof Boolean flag) {
            return flag;
        }
        if (value instanceof String text) {
            var trimmed = text.trim();
            if (trimmed.equalsIgnoreCase("true")) {
                return Boolean.TRUE;
            }
            if (trimmed.equalsIgnoreCase("false")) {
                return Boolean.FALSE;
            }
        }
        throw rejected(block, name, value, "true or false");
    }

    private static Double toDouble(UsageKey block, String name, Object value) {
        if (value instanceof Number number) {
            return number.doubleValue();
        }
        if (value instanceof String text) {
            if (text.isBlank() || text.trim().equals("null")) {
                // Studio writes weight="null" for a block that sets no weight.
                return null;
            }
            try {
                return Double.valueOf(text.trim());
            } catch (NumberFormatException e) {
                throw rejected(block, name, value, "a number");
            }
        }
        throw rejected(block, name, value, "a number");
    }

    private static String stripQuotes(String text) {
        if (text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"")) {
            return text.substring(1, text.length() - 1);
        }
        return text;
    }

    private static InputRejectedException rejected(UsageKey block, String name, Object value, String expected) {
        return new InputRejectedException(String.format(Locale.ROOT,
                "Invalid value[%s] of field[%s] in block[%s]: expected %s; fix the course export",
                value, name, block, expected));
    }
}
