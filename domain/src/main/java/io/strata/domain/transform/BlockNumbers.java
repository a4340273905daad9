package io.strata.domain.transform;

import java.util.Arrays;

/*
 * Cost: a shallow request over a large course numbers few blocks, and an array of the course's
 * size would cost more to clear than the request does; a full request numbers most blocks, and a
 * hash table would cost more than the array. So numbers start in a small hash table and move to an
 * array of the course's size once they cover a thirty-second of it.
 */
/**
 * Is one request's whole number per block index (such as a depth), for blocks that have one; the
 * others read as {@link #NONE}. Not thread-safe.
 */
public final class BlockNumbers {
    /** Is what a block without a number reads as. */
    public static final int NONE = -1;

    private static final int FIRST_CAPACITY = 16;
    private static final int DENSE_SHARE = 32;

    private final int size;
    private int[] dense;
    /** Is the hash table: block index plus one by slot (0 for a free slot), and the numbers. */
    private int[] keys = new int[FIRST_CAPACITY];
    private int[] values = new int[FIRST_CAPACITY];
    private int count;

    /** Creates an empty set of numbers for the blocks of a structure of the given size. */
    public BlockNumbers(int size) {
        this.size = size;
    }

    /** Returns the block's number, or {@link #NONE}. */
    public int get(int block) {
        if (dense != null) {
            return dense[block];
        }
        int mask = keys.length - 1;
        for (int slot = hash(block) & mask; keys[slot] != 0; slot = (slot + 1) & mask) {
            if (keys[slot] == block + 1) {
                return values[slot];
            }
        }
        return NONE;
    }

    /** Sets the block's number; {@link #NONE} is the same as none. */
    public void set(int block, int number) {
        if (dense != null) {
            dense[block] = number;
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
        values[slot] = number;
        if (count * DENSE_SHARE > size) {
            toDense();
        } else if (count * 2 > keys.length) {
            grow();
        }
    }

    private void toDense() {
        dense = new int[size];
        Arrays.fill(dense, NONE);
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
        values = new int[oldKeys.length * 2];
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
