package io.strata.domain.transform.standard;

import io.strata.domain.key.UsageKey;
import io.strata.domain.transform.CollectedFields;
import io.strata.ports.InputRejectedException;

import java.time.Instant;
import java.util.Locale;

/**
 * Reads the source values of fields that not every structure keeps (such as {@code hide_after_due}
 * or {@code end}) with the same typing rules as {@link CollectedFields}.
 */
final class SourceValues {
    private SourceValues() {
    }

    /** Returns the value as an instant, or null when it is null. */
    static Instant instant(UsageKey block, String name, Object value) {
        // "start" is a date field for CollectedFields, so its rules read any date the same way.
        return value == null ? null : (Instant) CollectedFields.normalize(block, "start", value);
    }

    /** Returns whether the value is true (a Boolean or the text true); null and false are false. */
    static boolean isTrue(UsageKey block, String name, Object value) {
        return value != null && (Boolean) CollectedFields.normalize(block, "graded", value);
    }

    /** Returns the value as a whole number, or {@code fallback} when it is null. */
    static long wholeNumber(UsageKey block, String name, Object value, long fallback) {
        if (value == null) {
            return fallback;
        }
        if (value instanceof Number number) {
            return number.longValue();
        }
        try {
            return Long.parseLong(String.valueOf(value).trim());
        } catch (NumberFormatException e) {
            throw new InputRejectedException(String.format(Locale.ROOT,
                    "Invalid value[%s] of field[%s] in block[%s]: expected a whole number; fix the course export",
                    value, name, block), e);
        }
    }
}
