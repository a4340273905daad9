package io.strata.domain.transform;

/*
 * Cost: most request data names few blocks (the root's flags, the item banks' selections), and a
 * shallow request over a large course names few blocks for any name; an array of the course's size
 * per name would cost more to clear than the request costs. So values start in a small hash table
 * and move to an array of the course's size once they cover a thirty-second of it.
 */
/**
 * Is one request's values under one name, by block index: what {@link TransformView#setData}
 * stores. A null value is the same as none. Not thread-safe.
 */
final class BlockValues {
    private static final int FIRST_CAPACITY = 16;
    private static final int DENSE_SHARE = 32;

    private final int size;
    private Object[] dense;
    /** Is the hash table: block index plus one by slot (0 for a free slot), and the values. */
    private int[] keys = new int[FIRST_CAPACITY];
    private Object[] values = new Object[FIRST_CAPACITY];
    private int count;

    BlockValues(int size) {
        this.size = size;
    }

    Object get(int block) {
        if (dense != null) {
            return dense[block];
        }
        int mask = keys.length - 1;
        for (int slot = hash(block) & mask; keys[slot] != 0; slot = (slot + 1) & mask) {
            if (keys[slot] == block + 1) {
                return values[slot];
            }
        }
        return null;
    }

    void put(int block, Object value) {
        if (dense != null) {
            dense[block] = value;
            return;
        }
        int mask = keys.length - 1;
        int slot = hash(block) & mask;
        while (keys[slot] != 0 && keys[slot] != block + 1) {
            slot = (slot + 1) & mask;
        }
        if (keys[slot] == 0) {
            keys[slot] = block + 1;
            count++;
        }
        values[slot] = value;
        if (count * DENSE_SHARE > size) {
            toDense();
        } else if (count * 2 > keys.length) {
            grow();
        }
    }

    private void toDense() {
        dense = new Object[size];
        for (int slot = 0; slot < keys.length; slot++) {
            if (keys[slot] != 0) {
                dense[keys[slot] - 1] = values[slot];
            }
        }
        keys = null;
        values = null;
    }

    private void grow() {
        var oldKeys = keys;
        var oldValues = values;
        keys = new int[oldKeys.length * 2];
        values = new Object[oldKeys.length * 2];
        int mask = keys.length - 1;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != 0) {
                int slot = hash(oldKeys[i] - 1) & mask;
                while (keys[slot] != 0) {
                    slot = (slot + 1) & mask;
                }
                keys[slot] = oldKeys[i];
                values[slot] = oldValues[i];
            }
        }
    }

    private static int hash(int block) {
        // MurmurHash3's finalizer: block indexes of one level of a course are often evenly spaced.
        int mixed = (block ^ block >>> 16) * 0x85EBCA6B;
        mixed = (mixed ^ mixed >>> 13) * 0xC2B2AE35;
        return mixed ^ mixed >>> 16;
    }
}
