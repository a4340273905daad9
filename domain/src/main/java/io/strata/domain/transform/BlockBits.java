package io.strata.domain.transform;

import java.util.BitSet;

/**
 * Is a fixed-size set of block indexes that counts its members: what a view asks of its removed
 * blocks for every block of every walk, without {@link BitSet}'s growth checks, and with the count
 * kept up to date instead of recounted. Not thread-safe.
 */
final class BlockBits {
    private final long[] words;
    private final int size;
    private int count;

    BlockBits(int size) {
        this.words = new long[(size + 63) >>> 6];
        this.size = size;
    }

    boolean get(int block) {
        return (words[block >>> 6] & (1L << block)) != 0;
    }

    void set(int block) {
        int index = block >>> 6;
        long mask = 1L << block;
        if ((words[index] & mask) == 0) {
            words[index] |= mask;
            count++;
        }
    }

    void clear(int block) {
        int index = block >>> 6;
        long mask = 1L << block;
        if ((words[index] & mask) != 0) {
            words[index] &= ~mask;
            count--;
        }
    }

    /** Returns the first member at or after {@code from}, or -1 when there is none. */
    int nextSetBit(int from) {
        if (from >= size) {
            return -1;
        }
        int index = from >>> 6;
        long word = words[index] & (-1L << from);
        while (word == 0) {
            if (++index == words.length) {
                return -1;
            }
            word = words[index];
        }
        return (index << 6) + Long.numberOfTrailingZeros(word);
    }

    /** Adds every block. */
    void setAll() {
        for (int i = 0; i < words.length; i++) {
            words[i] = -1L;
        }
        if ((size & 63) != 0) {
            words[words.length - 1] = (1L << size) - 1;
        }
        count = size;
    }

    /** Adds every block of {@code blocks}. */
    void addAll(BitSet blocks) {
        for (int block = blocks.nextSetBit(0); block >= 0 && block < size; block = blocks.nextSetBit(block + 1)) {
            set(block);
        }
    }

    int count() {
        return count;
    }

    boolean isEmpty() {
        return count == 0;
    }
}
