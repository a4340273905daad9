package io.strata.domain.transform;

import io.strata.domain.structure.BlockStructure;

import java.util.Arrays;
import java.util.List;
import java.util.function.IntPredicate;

/*
 * Design: the full pass asks the filters about every block reachable through kept blocks, in the
 * structure's topological order. This pass asks them only about the blocks whose depth in the
 * filtered view is at most the limit plus one, in the same relative order, so each decision and
 * each rewiring of a kept block within the limit is the one the full pass makes. The extra level
 * is there for the rewiring: a removed split test one level below the limit hands its children to
 * its parent, and one of them may be within the limit through another parent. So on that level
 * only the filters that keep descendants are asked at once; the others are asked when a search
 * needs the block (what they would record on the view is recorded by their afterPartialPass).
 *
 * The blocks to visit are bits by position in the shared order, read forwards, with the smallest
 * depth a decided parent gave each: a block is added only by a parent decided before it, and all
 * parents come earlier in the order, so when a block is read every parent within the limit is
 * decided, and every block added later comes after it.
 *
 * Answers about the blocks below the limit come from searches that ask the filters lazily, one
 * decision per block, only about blocks the full pass would ask about too:
 * - whether a kept block at the limit has a kept leaf below it (what hide-empty needs), searched
 *   down through kept blocks and removed blocks that keep their descendants, to the first found;
 * - whether the full pass would ask about a given block, searched upwards to a block known asked.
 */
/**
 * Is the state of a filter pass limited to a depth: the filters' decisions so far, which blocks it
 * cut below the limit, and the searches that answer, exactly, what the full pass would have told
 * about the blocks it cut. Belongs to one {@link TransformView}; not thread-safe.
 */
final class DepthLimitedPass {
    private final TransformView view;
    private final BlockStructure structure;
    private final IntPredicate[] predicates;
    private final boolean[] keeps;
    /** Is the filters that keep the descendants of what they remove: the only ones that rewire. */
    private final IntPredicate[] rewiring;
    private final int maxDepth;
    private final int root;
    /** Is, by block, whether the filters were asked about it; then whether they remove it, and keep its children. */
    private final BlockBits decided;
    private final BlockBits removes;
    private final BlockBits keepsChildren;
    /** Is, by block, whether this pass reached it (the full pass asks about it). */
    private final BlockBits reached;
    /** Is, by block, whether it is reached below the limit and not known removed: cut, if the filters keep it. */
    private final BlockBits beyond;
    private BlockBits leafBelow;
    private BlockBits noLeafBelow;
    private BlockBits asked;
    private BlockBits notAsked;
    private int[] keptOrder = new int[16];
    private int keptCount;

    DepthLimitedPass(TransformView view, List<BlockFilter> filters, int maxDepth) {
        this.view = view;
        this.structure = view.structure();
        this.predicates = filters.stream().map(BlockFilter::removes).toArray(IntPredicate[]::new);
        this.keeps = new boolean[predicates.length];
        for (int i = 0; i < keeps.length; i++) {
            keeps[i] = filters.get(i).keepsDescendants();
        }
        this.rewiring = filters.stream().filter(BlockFilter::keepsDescendants).map(BlockFilter::removes)
                .toArray(IntPredicate[]::new);
        this.maxDepth = maxDepth;
        this.root = view.root();
        int size = structure.size();
        this.decided = new BlockBits(size);
        this.removes = new BlockBits(size);
        this.keepsChildren = new BlockBits(size);
        this.reached = new BlockBits(size);
        this.beyond = new BlockBits(size);
    }

    /**
     * Runs the pass on the view, given each block's position in the shared topological order and
     * that order; returns false when the filters removed the root (the view is then empty).
     */
    boolean run(int[] order, int[] positions) {
        var pending = new Pending(positions, maxDepth);
        var regionBlocks = new int[16];
        var regionDepths = new int[16];
        int regionCount = 0;
        pending.add(root, 0);
        for (int position = pending.next(0); position >= 0; position = pending.next(position + 1)) {
            int block = order[position];
            int depth = pending.depthAt(position);
            reached.set(block);
            if (regionCount == regionBlocks.length) {
                regionBlocks = Arrays.copyOf(regionBlocks, regionCount * 2);
                regionDepths = Arrays.copyOf(regionDepths, regionCount * 2);
            }
            regionBlocks[regionCount] = block;
            regionDepths[regionCount++] = depth;
            if (!apply(block, depth, pending)) {
                return false;
            }
        }
        cutBelowLimit(regionBlocks, regionDepths, regionCount);
        return true;
    }

    /** Decides one reached block as the full pass does and pushes the children it reaches. */
    private boolean apply(int block, int depth, Pending pending) {
        if (depth > maxDepth && !isRewired(block)) {
            // Below the limit and not rewired: the other filters are asked when a search needs it.
            return true;
        }
        decide(block);
        if (!removes.get(block)) {
            if (depth <= maxDepth) {
                addChildren(block, depth + 1, pending);
            }
            return true;
        }
        if (block == root) {
            view.removeBlock(block, /* keepDescendants= */ false);
            return false;
        }
        if (keepsChildren.get(block)) {
            // Its children move up to its parents, so they have the depth it would have had.
            addChildren(block, depth, pending);
            view.removeBlock(block, /* keepDescendants= */ true);
        } else {
            view.removed().set(block);
        }
        return true;
    }

    private boolean isRewired(int block) {
        for (var filter : rewiring) {
            if (filter.test(block)) {
                return true;
            }
        }
        return false;
    }

    private void addChildren(int block, int childDepth, Pending pending) {
        for (int slot = view.childSlotCount(block) - 1; slot >= 0; slot--) {
            int child = view.childAt(block, slot);
            if (!view.removed().get(child) && !reached.get(child)) {
                pending.add(child, childDepth);
            }
        }
    }

    /** Keeps exactly the blocks the filters keep within the limit; the rest of the view is removed. */
    private void cutBelowLimit(int[] regionBlocks, int[] regionDepths, int regionCount) {
        var removed = view.removed();
        removed.setAll();
        for (int i = 0; i < regionCount; i++) {
            int block = regionBlocks[i];
            if (decided.get(block) && removes.get(block)) {
                continue;
            }
            if (regionDepths[i] > maxDepth) {
                beyond.set(block);
                continue;
            }
            removed.clear(block);
            if (keptCount == keptOrder.length) {
                keptOrder = Arrays.copyOf(keptOrder, keptCount * 2);
            }
            keptOrder[keptCount++] = block;
        }
    }

    /** Returns the blocks the pass kept, each after all of its parents; never to be changed. */
    int[] keptOrder() {
        return keptOrder;
    }

    /** Returns how many entries of {@link #keptOrder()} are blocks. */
    int keptOrderLength() {
        return keptCount;
    }

    /** Returns whether the filters kept the block but the cut below the limit removed it. */
    boolean isCut(int block) {
        if (!beyond.get(block)) {
            return false;
        }
        decide(block);
        return !removes.get(block);
    }

    /**
     * Returns whether, below a kept block, a leaf the full pass would keep is reached from it
     * through blocks the filters keep (or remove keeping their children), past the cut.
     */
    boolean hasKeptLeafBelowCut(int block) {
        for (int slot = view.childSlotCount(block) - 1; slot >= 0; slot--) {
            int child = view.childAt(block, slot);
            if (isCut(child) && hasKeptLeafAtOrBelow(child)) {
                return true;
            }
        }
        return false;
    }

    /** Searches depth first from a block the filters keep, stopping at the first kept leaf. */
    private boolean hasKeptLeafAtOrBelow(int start) {
        if (structure.childCount(start) == 0) {
            return true;
        }
        if (leafBelow == null) {
            leafBelow = new BlockBits(structure.size());
            noLeafBelow = new BlockBits(structure.size());
        }
        var path = new int[16];
        var slots = new int[16];
        int top = 0;
        path[0] = start;
        while (top >= 0) {
            int block = path[top];
            int slot = slots[top];
            if (leafBelow.get(block)) {
                markFound(path, top);
                return true;
            }
            if (slot == structure.childCount(block) || noLeafBelow.get(block)) {
                noLeafBelow.set(block);
                top--;
                continue;
            }
            slots[top] = slot + 1;
            int child = structure.child(block, slot);
            if (noLeafBelow.get(child)) {
                continue;
            }
            // Reached through a kept block, or one that keeps its children: the full pass asks too.
            decide(child);
            boolean isKept = !removes.get(child);
            if (isKept && structure.childCount(child) == 0) {
                markFound(path, top);
                return true;
            }
            if (isKept || keepsChildren.get(child)) {
                top++;
                if (top == path.length) {
                    path = Arrays.copyOf(path, top * 2);
                    slots = Arrays.copyOf(slots, top * 2);
                }
                path[top] = child;
                slots[top] = 0;
            }
        }
        return false;
    }

    private void markFound(int[] path, int top) {
        for (int i = 0; i <= top; i++) {
            leafBelow.set(path[i]);
        }
    }

    /**
     * Returns whether the full pass would ask the filters about the block: it is the root, or one
     * of its parents is asked about and kept (or removed keeping its children).
     */
    boolean wouldBeAsked(int start) {
        if (isKnownAsked(start)) {
            return true;
        }
        if (asked == null) {
            asked = new BlockBits(structure.size());
            notAsked = new BlockBits(structure.size());
        }
        if (notAsked.get(start)) {
            return false;
        }
        var path = new int[16];
        var slots = new int[16];
        int top = 0;
        path[0] = start;
        while (top >= 0) {
            int block = path[top];
            int slot = slots[top];
            if (slot == structure.parentCount(block)) {
                notAsked.set(block);
                top--;
                continue;
            }
            slots[top] = slot + 1;
            int parent = structure.parent(block, slot);
            if (notAsked.get(parent)) {
                continue;
            }
            if (!isKnownAsked(parent)) {
                top++;
                if (top == path.length) {
                    path = Arrays.copyOf(path, top * 2);
                    slots = Arrays.copyOf(slots, top * 2);
                }
                path[top] = parent;
                slots[top] = 0;
                continue;
            }
            // Asked about, so asking the filters here is what the full pass does too.
            if (passesOn(parent)) {
                // The block is asked about; so is each block below it on the path while its parent passes on.
                asked.set(block);
                while (top > 0 && passesOn(path[top])) {
                    top--;
                    asked.set(path[top]);
                }
                if (top == 0 && asked.get(path[0])) {
                    return true;
                }
                // path[top] is asked about but does not pass on: the block below looks at its next parent.
                top--;
            }
        }
        return false;
    }

    private boolean isKnownAsked(int block) {
        return block == root || reached.get(block) || asked != null && asked.get(block);
    }

    /** Returns whether the children of an asked-about block are asked about through it. */
    private boolean passesOn(int block) {
        decide(block);
        return !removes.get(block) || keepsChildren.get(block) && block != root;
    }

    private void decide(int block) {
        if (decided.get(block)) {
            return;
        }
        decided.set(block);
        boolean isRemoved = false;
        boolean keepsDescendants = true;
        for (int i = 0; i < predicates.length; i++) {
            // Every filter is asked, as in the full pass: a filter may record something when asked.
            if (predicates[i].test(block)) {
                isRemoved = true;
                keepsDescendants &= keeps[i];
            }
        }
        if (isRemoved) {
            removes.set(block);
            if (keepsDescendants) {
                keepsChildren.set(block);
            }
        }
    }

    /**
     * Is the blocks to visit, by position in the shared order, with the smallest depth given to
     * each: one set of positions per depth, so that nothing of the course's size but bits is made.
     */
    private static final class Pending {
        private final int[] positions;
        private final BlockBits[] byDepth;
        private final BlockBits any;

        Pending(int[] positions, int maxDepth) {
            this.positions = positions;
            this.byDepth = new BlockBits[maxDepth + 2];
            this.any = new BlockBits(positions.length);
        }

        void add(int block, int depth) {
            int position = positions[block];
            if (byDepth[depth] == null) {
                byDepth[depth] = new BlockBits(positions.length);
            }
            byDepth[depth].set(position);
            any.set(position);
        }

        int next(int fromPosition) {
            return any.nextSetBit(fromPosition);
        }

        /** Returns the smallest depth given to the block at the position. */
        int depthAt(int position) {
            for (int depth = 0; depth < byDepth.length; depth++) {
                if (byDepth[depth] != null && byDepth[depth].get(position)) {
                    return depth;
                }
            }
            throw new IllegalStateException("No depth was given to position[" + position + "]");
        }
    }
}
