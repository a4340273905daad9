package io.strata.domain.structure;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/*
 * Why not an unmodifiable LinkedHashMap: a structure holds one map per block (and per transformer
 * that recorded something), usually of 2 to 12 entries. A LinkedHashMap costs about 40 bytes per
 * entry plus its table; two arrays cost 8 per entry, and blocks with the same field names share
 * the names array. A lookup scans the names, comparing references first: names come from a
 * string table or from the collect code's constants, so equals() is rarely reached.
 */

/**
 * Is an immutable, insertion-ordered map from field names to field values, backed by two arrays.
 * Equal to any {@link Map} with the same entries. It rejects null names and values.
 */
public final class FieldMap extends AbstractMap<String, Object> {
    private static final FieldMap EMPTY = new FieldMap(new Shape(new String[0]), new Object[0]);

    /** Is the shape's names, held here too so that a lookup reads one array, not two objects. */
    private final String[] names;
    /** Costs no memory: the object's padding had room for the reference. */
    private final Shape shape;
    private final Object[] values;

    private FieldMap(Shape shape, Object[] values) {
        this.names = shape.names;
        this.shape = shape;
        this.values = values;
    }

    /** Returns the empty map. */
    public static FieldMap empty() {
        return EMPTY;
    }

    /**
     * Returns the shape of maps with these names in this order, taking ownership of the array.
     *
     * @throws IllegalArgumentException when a name repeats
     * @throws NullPointerException when a name is null
     */
    public static Shape shape(String... names) {
        for (int i = 0; i < names.length; i++) {
            requireNonNull(names[i], "field name is null");
            for (int j = 0; j < i; j++) {
                if (names[j].equals(names[i])) {
                    throw new IllegalArgumentException("Field name[" + names[i] + "] repeats");
                }
            }
        }
        return new Shape(names);
    }

    /**
     * Is the ordered field names that many maps share: a decoder or builder checks the names once
     * per shape, then makes each block's map from its values alone.
     */
    public static final class Shape {
        private final String[] names;

        private Shape(String[] names) {
            this.names = names;
        }

        /** Returns the number of names. */
        public int size() {
            return names.length;
        }

        /**
         * Returns the map of these values under this shape's names, taking ownership of the array.
         * Values must already be frozen ({@link FieldValues#freeze}).
         *
         * @throws IllegalArgumentException when the number of values differs from the names'
         * @throws NullPointerException when a value is null
         */
        public FieldMap wrap(Object... values) {
            if (values.length != names.length) {
                throw new IllegalArgumentException("Field names[" + names.length + "] and values[" + values.length
                        + "] differ in length");
            }
            if (names.length == 0) {
                return EMPTY;
            }
            for (var value : values) {
                requireNonNull(value, "field value is null");
            }
            return new FieldMap(this, values);
        }
    }

    /**
     * Returns the shape this map was made with: maps made with one shape object share it, so an
     * encoder can recognise their names by reference instead of comparing them.
     */
    public Shape shape() {
        return shape;
    }

    /** Returns a copy of the map, in its iteration order. */
    public static FieldMap copyOf(Map<String, Object> map) {
        if (map instanceof FieldMap fieldMap) {
            return fieldMap;
        }
        var names = new String[map.size()];
        var values = new Object[map.size()];
        int i = 0;
        for (var entry : map.entrySet()) {
            names[i] = entry.getKey();
            values[i++] = entry.getValue();
        }
        return shape(names).wrap(values);
    }

    @Override
    public int size() {
        return names.length;
    }

    /**
     * Returns the name at the position in iteration order, from 0 to {@code size() - 1}: an encoder
     * reads a map by position rather than through an entry object per field.
     */
    public String name(int index) {
        return names[index];
    }

    /** Returns the value at the position in iteration order, from 0 to {@code size() - 1}. */
    public Object value(int index) {
        return values[index];
    }

    @Override
    public Object get(Object name) {
        int index = indexOf(name);
        return index < 0 ? null : values[index];
    }

    @Override
    public boolean containsKey(Object name) {
        return indexOf(name) >= 0;
    }

    private int indexOf(Object name) {
        for (int i = 0; i < names.length; i++) {
            if (names[i] == name) {
                return i;
            }
        }
        if (name instanceof String) {
            for (int i = 0; i < names.length; i++) {
                if (names[i].equals(name)) {
                    return i;
                }
            }
        }
        return -1;
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Entry<String, Object>> iterator() {
                return new Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        return next < names.length;
                    }

                    @Override
                    public Entry<String, Object> next() {
                        if (next >= names.length) {
                            throw new NoSuchElementException();
                        }
                        var entry = new SimpleImmutableEntry<>(names[next], values[next]);
                        next++;
                        return entry;
                    }
                };
            }

            @Override
            public int size() {
                return names.length;
            }
        };
    }
}
