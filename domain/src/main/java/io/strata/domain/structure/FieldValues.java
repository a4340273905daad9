package io.strata.domain.structure;

import java.time.Instant;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;

/**
 * Checks and freezes field values: the types a block structure may hold are {@code String},
 * {@code Boolean}, {@code Long}, {@code Double}, {@code Instant}, and lists and string-keyed maps
 * of those. {@code Integer} is widened to {@code Long} so that equal values compare equal after a
 * round trip through the codec.
 */
public final class FieldValues {
    private FieldValues() {
    }

    /**
     * Returns the value as an unmodifiable deep copy.
     *
     * @throws IllegalArgumentException when the value or anything inside it is null or of another type
     */
    public static Object freeze(Object value) {
        if (value instanceof Integer number) {
            return number.longValue();
        }
        if (value instanceof String || value instanceof Boolean || value instanceof Long
                || value instanceof Double || value instanceof Instant) {
            return value;
        }
        if (value instanceof List<?> list) {
            var copy = new ArrayList<Object>(list.size());
            for (var item : list) {
                copy.add(freeze(item));
            }
            return Collections.unmodifiableList(copy);
        }
        if (value instanceof Map<?, ?> map) {
            var copy = new LinkedHashMap<String, Object>(map.size() * 2);
            for (var entry : map.entrySet()) {
                if (!(entry.getKey() instanceof String key)) {
                    throw new IllegalArgumentException("Field map keys must be strings: " + entry.getKey());
                }
                copy.put(key, freeze(entry.getValue()));
            }
            return Collections.unmodifiableMap(copy);
        }
        throw new IllegalArgumentException("Unsupported field value type: "
                + (value == null ? "null" : value.getClass().getName()));
    }

    /**
     * Returns an unmodifiable list of the longs, backed by the array, which the list takes: a
     * decoder's form of a recorded list of block indexes, one array instead of a boxed
     * {@code Long} per element. Equal to any list of the same {@code Long} values.
     */
    public static List<Long> longs(long[] values) {
        return new LongList(values);
    }

    /** Is a list of longs boxed only when read; {@link AbstractList} gives equality, hash and iteration. */
    private static final class LongList extends AbstractList<Long> implements RandomAccess {
        private final long[] values;

        private LongList(long[] values) {
            this.values = values;
        }

        @Override
        public Long get(int index) {
            return values[index];
        }

        @Override
        public int size() {
            return values.length;
        }
    }
}
