package io.strata.domain.transform.standard;

import java.util.BitSet;
import java.util.List;

/**
 * Turns the block lists transformers record on the root (lists of {@code Long} indexes) into the
 * primitive forms their filters read, once per structure (see
 * {@link io.strata.domain.structure.BlockStructure#derived}).
 */
final class Derived {
    private static final int[] NONE = new int[0];

    private Derived() {
    }

    /** Returns the indexes of a recorded list of block indexes; empty when nothing was recorded. */
    private static int[] indexes(Object recorded) {
        if (!(recorded instanceof List<?> list)) {
            return NONE;
        }
        var indexes = new int[list.size()];
        for (int i = 0; i < indexes.length; i++) {
            indexes[i] = ((Number) list.get(i)).intValue();
        }
        return indexes;
    }

    /** Returns a set of the blocks of a recorded list of block indexes; never to be changed. */
    static BitSet blocks(Object recorded) {
        var blocks = new BitSet();
        for (int block : indexes(recorded)) {
            blocks.set(block);
        }
        return blocks;
    }
}
