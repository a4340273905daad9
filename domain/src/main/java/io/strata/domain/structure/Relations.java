package io.strata.domain.structure;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

import static java.util.Objects.requireNonNull;

/*
 * Why flat arrays: an array per block for its children and another for its parents made two
 * objects per block (16-byte headers around, mostly, one or two ints), which a decode allocated
 * and the garbage collector then copied. Two arrays for all the children and two for all the
 * parents hold the same ints with no object per block, and a walk reads neighbouring memory.
 */

/**
 * Is the children and parents of every block of a structure, in two pairs of flat arrays: block
 * {@code b}'s children are {@code childTargets[childOffsets[b]]} up to (excluding)
 * {@code childTargets[childOffsets[b + 1]]}, in course order, and its parents likewise in the
 * parent arrays, in the order they were added.
 *
 * <p>The factories check the shape of the arrays (lengths, offsets); whether the relations agree
 * with each other and form a DAG is checked by {@link BlockStructure#assemble}, except that parents
 * derived from the children ({@link #fromChildren}) agree with them by construction. Instances are
 * immutable once made; the factories take ownership of the arrays.
 */
public final class Relations {
    private final int[] childOffsets;
    private final int[] childTargets;
    private final int[] parentOffsets;
    private final int[] parentTargets;
    /** Is whether the parents were derived from the children, so that they agree without a check. */
    private final boolean isDerived;

    private Relations(int[] childOffsets, int[] childTargets, int[] parentOffsets, int[] parentTargets,
            boolean isDerived) {
        this.childOffsets = childOffsets;
        this.childTargets = childTargets;
        this.parentOffsets = parentOffsets;
        this.parentTargets = parentTargets;
        this.isDerived = isDerived;
    }

    /**
     * Returns the relations held in flat arrays, taking ownership of them.
     *
     * @param childOffsets one more entry than blocks: 0 first, ascending, the child count last
     * @param childTargets every block's children, block after block
     * @param parentOffsets as {@code childOffsets}, for the parents
     * @param parentTargets every block's parents, block after block
     * @throws IllegalStateException when the offsets are not ascending from 0 to their target
     *     array's length, or the two offset arrays differ in length
     */
    public static Relations of(int[] childOffsets, int[] childTargets, int[] parentOffsets, int[] parentTargets) {
        requireNonNull(childTargets, "childTargets is null");
        requireNonNull(parentTargets, "parentTargets is null");
        if (childOffsets.length != parentOffsets.length || childOffsets.length < 2) {
            throw new IllegalStateException(String.format(Locale.ROOT,
                    "Relations disagree on the block count: child offsets[%d], parent offsets[%d]",
                    childOffsets.length, parentOffsets.length));
        }
        checkOffsets("child", childOffsets, childTargets.length);
        checkOffsets("parent", parentOffsets, parentTargets.length);
        return new Relations(childOffsets, childTargets, parentOffsets, parentTargets, /* isDerived= */ false);
    }

    /**
     * Returns the relations of these children, with each block's parents in ascending index order
     * except for the blocks given an order of their own: the form a decoder reads, which stores
     * only the parent orders that differ from ascending. Takes ownership of the arrays.
     *
     * @param childOffsets one more entry than blocks: 0 first, ascending, the child count last
     * @param childTargets every block's children, block after block
     * @param orderedBlocks the blocks whose parents were added in another order
     * @param parentOrders for each of those blocks, its parents in the order they were added
     * @throws IllegalStateException when the offsets are not ascending from 0 to the targets'
     *     length, a child index is out of range, or a parent order does not hold exactly the
     *     block's parents
     */
    public static Relations fromChildren(int[] childOffsets, int[] childTargets, int[] orderedBlocks,
            int[][] parentOrders) {
        requireNonNull(childTargets, "childTargets is null");
        if (childOffsets.length < 2 || orderedBlocks.length != parentOrders.length) {
            throw new IllegalStateException(String.format(Locale.ROOT,
                    "Relations disagree: child offsets[%d], ordered blocks[%d], parent orders[%d]",
                    childOffsets.length, orderedBlocks.length, parentOrders.length));
        }
        checkOffsets("child", childOffsets, childTargets.length);
        int blocks = childOffsets.length - 1;
        var parentOffsets = parentOffsets(childTargets, blocks);
        var parentTargets = deriveParents(childOffsets, childTargets, parentOffsets);
        for (int i = 0; i < orderedBlocks.length; i++) {
            applyParentOrder(parentOffsets, parentTargets, orderedBlocks[i], parentOrders[i]);
        }
        return new Relations(childOffsets, childTargets, parentOffsets, parentTargets, /* isDerived= */ true);
    }

    private static int[] parentOffsets(int[] childTargets, int blocks) {
        var offsets = new int[blocks + 1];
        for (int child : childTargets) {
            if (child < 0 || child >= blocks) {
                throw new IllegalStateException("Child index[" + child + "] is the root or out of range");
            }
            offsets[child + 1]++;
        }
        for (int block = 0; block < blocks; block++) {
            offsets[block + 1] += offsets[block];
        }
        return offsets;
    }

    /** Returns every block's parents in ascending index order, placed by the offsets. */
    private static int[] deriveParents(int[] childOffsets, int[] childTargets, int[] parentOffsets) {
        int blocks = childOffsets.length - 1;
        var targets = new int[childTargets.length];
        var next = Arrays.copyOf(parentOffsets, blocks);
        for (int block = 0; block < blocks; block++) {
            for (int i = childOffsets[block]; i < childOffsets[block + 1]; i++) {
                targets[next[childTargets[i]]++] = block;
            }
        }
        return targets;
    }

    private static void applyParentOrder(int[] parentOffsets, int[] parentTargets, int block, int[] order) {
        if (block < 0 || block >= parentOffsets.length - 1) {
            throw new IllegalStateException("Parent order names block index[" + block + "], out of range");
        }
        int start = parentOffsets[block];
        int end = parentOffsets[block + 1];
        var sorted = order.clone();
        Arrays.sort(sorted);
        if (!Arrays.equals(sorted, 0, sorted.length, parentTargets, start, end)) {
            throw new IllegalStateException(String.format(Locale.ROOT,
                    "Parent order of block[%d] does not match its parents", block));
        }
        System.arraycopy(order, 0, parentTargets, start, order.length);
    }

    /** Returns the relations of one children array and one parents array per block, copied. */
    static Relations of(int[][] children, int[][] parents) {
        var childOffsets = offsets(children);
        var parentOffsets = offsets(parents);
        return of(childOffsets, flatten(children, childOffsets), parentOffsets, flatten(parents, parentOffsets));
    }

    private static int[] offsets(int[][] lists) {
        var offsets = new int[lists.length + 1];
        for (int block = 0; block < lists.length; block++) {
            offsets[block + 1] = offsets[block] + lists[block].length;
        }
        return offsets;
    }

    private static int[] flatten(int[][] lists, int[] offsets) {
        var targets = new int[offsets[lists.length]];
        for (int block = 0; block < lists.length; block++) {
            System.arraycopy(lists[block], 0, targets, offsets[block], lists[block].length);
        }
        return targets;
    }

    private static void checkOffsets(String what, int[] offsets, int targets) {
        if (offsets[0] != 0 || offsets[offsets.length - 1] != targets) {
            throw new IllegalStateException(String.format(Locale.ROOT,
                    "The %s offsets run from %d to %d, expected 0 to %d",
                    what, offsets[0], offsets[offsets.length - 1], targets));
        }
        for (int block = 1; block < offsets.length; block++) {
            if (offsets[block] < offsets[block - 1]) {
                throw new IllegalStateException(String.format(Locale.ROOT,
                        "The %s offsets of block[%d] go down", what, block - 1));
            }
        }
    }

    /** Returns whether the parents were derived from the children and so agree with them. */
    boolean isDerived() {
        return isDerived;
    }

    /** Returns the number of blocks. */
    int size() {
        return childOffsets.length - 1;
    }

    int childCount(int block) {
        return childOffsets[block + 1] - childOffsets[block];
    }

    int child(int block, int position) {
        return childTargets[childOffsets[block] + Objects.checkIndex(position, childCount(block))];
    }

    int[] children(int block) {
        return Arrays.copyOfRange(childTargets, childOffsets[block], childOffsets[block + 1]);
    }

    int parentCount(int block) {
        return parentOffsets[block + 1] - parentOffsets[block];
    }

    int parent(int block, int position) {
        return parentTargets[parentOffsets[block] + Objects.checkIndex(position, parentCount(block))];
    }

    int[] parents(int block) {
        return Arrays.copyOfRange(parentTargets, parentOffsets[block], parentOffsets[block + 1]);
    }

    /** Returns the first index of the block's children in {@link #childTargets()}. */
    int childStart(int block) {
        return childOffsets[block];
    }

    int[] childTargets() {
        return childTargets;
    }

    int parentStart(int block) {
        return parentOffsets[block];
    }

    int[] parentTargets() {
        return parentTargets;
    }

    boolean isSameAs(Relations other) {
        return Arrays.equals(childOffsets, other.childOffsets) && Arrays.equals(childTargets, other.childTargets)
                && Arrays.equals(parentOffsets, other.parentOffsets)
                && Arrays.equals(parentTargets, other.parentTargets);
    }
}
