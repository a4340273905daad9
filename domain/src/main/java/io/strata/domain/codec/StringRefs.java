package io.strata.domain.codec;

import java.util.Arrays;

/**
 * Gives each distinct string a ref, in the order they are first met: the writer's string table.
 * An open-addressing table of refs plus one (0 is an empty slot) beside the strings themselves,
 * rather than a hash map: a large course has a few hundred thousand strings, and a map made a node
 * and a boxed ref for each and chased a pointer per lookup. One instance serves one body; not
 * thread-safe.
 */
final class StringRefs {
    private String[] texts;
    private int[] hashes;
    private int[] slots;
    private int size;

    StringRefs(int expected) {
        int capacity = Integer.highestOneBit(Math.max(expected, 8) * 2) * 2;
        slots = new int[capacity];
        texts = new String[Math.max(expected, 8)];
        hashes = new int[texts.length];
    }

    /** Returns the ref of the string, giving it the next one when it is new. */
    int refOf(String text) {
        int hash = text.hashCode();
        int mask = slots.length - 1;
        int slot = spread(hash) & mask;
        for (int entry = slots[slot]; entry != 0; entry = slots[slot]) {
            int ref = entry - 1;
            if (hashes[ref] == hash && texts[ref].equals(text)) {
                return ref;
            }
            slot = (slot + 1) & mask;
        }
        return add(text, hash, slot);
    }

    private int add(String text, int hash, int slot) {
        if (size == texts.length) {
            texts = Arrays.copyOf(texts, size * 2);
            hashes = Arrays.copyOf(hashes, size * 2);
        }
        int ref = size++;
        texts[ref] = text;
        hashes[ref] = hash;
        slots[slot] = ref + 1;
        // Keeps the table at most half full, so that probes stay short.
        if (size * 2 > slots.length) {
            rehash();
        }
        return ref;
    }

    private void rehash() {
        slots = new int[slots.length * 2];
        int mask = slots.length - 1;
        for (int ref = 0; ref < size; ref++) {
            int slot = spread(hashes[ref]) & mask;
            while (slots[slot] != 0) {
                slot = (slot + 1) & mask;
            }
            slots[slot] = ref + 1;
        }
    }

    private static int spread(int hash) {
        return hash ^ (hash >>> 16);
    }

    /** Returns the number of distinct strings. */
    int size() {
        return size;
    }

    /** Returns the string of a ref. */
    String text(int ref) {
        return texts[ref];
    }
}
