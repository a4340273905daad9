package io.strata.domain.transform;

import io.strata.domain.key.UsageKey;
import io.strata.domain.structure.BlockStructure;
import io.strata.ports.ItemNotFoundException;

import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntPredicate;

import static java.util.Objects.requireNonNull;

/*
 * Design: removal is a bit per block. Relations are read from the structure until a removal that
 * keeps descendants rewires them; only the rewired blocks get their own copy of their lists, so a
 * view of a large course costs a few bitsets until someone rewires. Removed blocks stay in the
 * lists and are skipped when read.
 *
 * Cost: the structure's own topological order is computed once per structure and shared (see
 * BlockStructure.derived); the filter pass and the order-insensitive walks (anyTopologicalOrder)
 * read it instead of walking the graph again. Every public change keeps one invariant, so no walk
 * is needed to find unreachable blocks: each kept block other than the root has a kept parent.
 *
 * A request with a maximum depth may get a filter pass cut at that depth (applyFiltersWithin, see
 * DepthLimitedPass): then only the blocks within the depth are kept, walks are sized to the kept
 * blocks rather than to the course, and the questions about what lies below the cut go to the pass.
 */
/**
 * Is one request's view of a shared {@link BlockStructure}: which blocks are still kept, how they
 * are related now, and what the request's transformers added. The structure itself is never
 * changed; the view holds only what differs from it.
 *
 * <p>Invariants: the root of the view is the course root or the requested start block; after every
 * transformer (see {@link #pruneUnreachable()}) each kept block is reachable from the root through
 * kept blocks. A block with several parents stays as long as one of them is kept.
 *
 * <p>Not thread-safe: a view belongs to the request that made it.
 */
public final class TransformView {
    private static final Object ABSENT = new Object();
    /** Keys the structure's topological order from its root, shared by every view of it. */
    private static final Object STRUCTURE_ORDER = new Object();
    /** Keys each block's position in that order, and the length of the longest path from the root. */
    private static final Object STRUCTURE_POSITIONS = new Object();
    private static final Object LONGEST_PATH = new Object();

    private final BlockStructure structure;
    private final int root;
    private final BlockBits removed;
    private final Map<String, Object[]> fieldOverrides = new HashMap<>();
    private final Map<String, BlockValues> data = new HashMap<>();
    /** Is the last name {@link #setData} wrote and its values: transformers write one name for many blocks. */
    private String lastDataName;
    private BlockValues lastDataValues;
    private int[][] childrenOverride;
    private int[][] parentsOverride;
    /** Is the state of the filter pass when it was limited to a depth; null after a full pass. */
    private DepthLimitedPass depthLimitedPass;
    private TimeWindow validity = TimeWindow.ALWAYS;

    private TransformView(BlockStructure structure, int root) {
        this.structure = structure;
        this.root = root;
        this.removed = new BlockBits(structure.size());
    }

    /** Returns a view of the whole structure, every block kept. */
    public static TransformView of(BlockStructure structure) {
        requireNonNull(structure, "structure is null");
        return new TransformView(structure, structure.root());
    }

    /**
     * Returns a view rooted at the given block: it and its descendants are kept, every other block
     * is removed, and the block has depth 0.
     *
     * @throws ItemNotFoundException when the structure has no such block
     */
    public static TransformView rootedAt(BlockStructure structure, UsageKey start) {
        requireNonNull(structure, "structure is null");
        requireNonNull(start, "start is null");
        int index = structure.indexOf(start).orElseThrow(() -> new ItemNotFoundException(String.format(Locale.ROOT,
                "Block[%s] is not in this course's structure[%s]: check the block id and course id",
                start, structure.courseKey())));
        var view = new TransformView(structure, index);
        if (index != structure.root()) {
            view.pruneUnreachable();
        }
        return view;
    }

    /** Returns the shared structure this view reads. */
    public BlockStructure structure() {
        return structure;
    }

    /**
     * Returns the span of request times over which the transforms that made this view would have made
     * the same view: {@link TimeWindow#ALWAYS} until a transform reports the dates it compared.
     */
    public TimeWindow validity() {
        return validity;
    }

    /** Narrows the view's validity to the moments that are also in the window. */
    public void limitValidity(TimeWindow window) {
        validity = validity.intersect(requireNonNull(window, "window is null"));
    }

    /** Returns the index of the view's root block. */
    public int root() {
        return root;
    }

    /** Returns whether the block is still in the view. */
    public boolean isKept(int block) {
        return !removed.get(block);
    }

    /** Returns whether every block, the root included, has been removed. */
    public boolean isEmpty() {
        return removed.get(root);
    }

    /** Returns the number of blocks still in the view. */
    public int keptCount() {
        return structure.size() - removed.count();
    }

    /** Returns the usage key of the block. */
    public UsageKey key(int block) {
        return structure.key(block);
    }

    /** Returns the kept children of the block, in their current order. */
    public int[] children(int block) {
        var override = childrenOverride == null ? null : childrenOverride[block];
        if (override != null) {
            return kept(override);
        }
        int count = structure.childCount(block);
        var result = new int[count];
        int kept = 0;
        for (int slot = 0; slot < count; slot++) {
            int child = structure.child(block, slot);
            if (!removed.get(child)) {
                result[kept++] = child;
            }
        }
        return kept == count ? result : Arrays.copyOf(result, kept);
    }

    /**
     * Returns the children of the block the filters kept, in their current order: its kept children,
     * and in a view cut at a depth by {@link #applyFiltersWithin} those removed only by the cut.
     */
    public int[] childrenBeforeCut(int block) {
        if (depthLimitedPass == null) {
            return children(block);
        }
        int count = rawChildCount(block);
        var result = new int[count];
        int kept = 0;
        for (int slot = 0; slot < count; slot++) {
            int child = rawChild(block, slot);
            if (!removed.get(child) || depthLimitedPass.isCut(child)) {
                result[kept++] = child;
            }
        }
        return kept == count ? result : Arrays.copyOf(result, kept);
    }

    /** Returns the kept parents of the block. */
    public int[] parents(int block) {
        var override = parentsOverride == null ? null : parentsOverride[block];
        if (override != null) {
            return kept(override);
        }
        int count = structure.parentCount(block);
        var result = new int[count];
        int kept = 0;
        for (int slot = 0; slot < count; slot++) {
            int parent = structure.parent(block, slot);
            if (!removed.get(parent)) {
                result[kept++] = parent;
            }
        }
        return kept == count ? result : Arrays.copyOf(result, kept);
    }

    /**
     * Removes a block from this view.
     *
     * <p>With {@code keepDescendants}, the block's kept children are appended to the children of each
     * of its kept parents (as Open edX does, so they move after their former siblings) and take those
     * parents as theirs. Without it, each descendant left with no kept parent is removed too.
     * Removing the root empties the view. Removing a removed block does nothing.
     */
    public void removeBlock(int block, boolean keepDescendants) {
        if (removed.get(block)) {
            return;
        }
        if (block == root) {
            removed.setAll();
            return;
        }
        if (keepDescendants) {
            var keptParents = parents(block);
            var keptChildren = children(block);
            removed.set(block);
            reattach(keptParents, keptChildren);
        } else {
            removed.set(block);
            removeOrphansBelow(block);
        }
    }

    /**
     * Puts the block's kept children in the given order for this request. The order must list each
     * kept child exactly once; removed children stay removed. In a view cut at a depth, the kept
     * children include those the filters kept below the depth ({@link #childrenBeforeCut}).
     *
     * @throws IllegalArgumentException when {@code order} is not an ordering of the kept children
     */
    public void reorderChildren(int block, int[] order) {
        requireNonNull(order, "order is null");
        var current = childrenBeforeCut(block);
        var sortedCurrent = current.clone();
        var sortedOrder = order.clone();
        Arrays.sort(sortedCurrent);
        Arrays.sort(sortedOrder);
        if (!Arrays.equals(sortedCurrent, sortedOrder)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "Order%s is not an ordering of block[%s]'s kept children%s",
                    Arrays.toString(order), key(block), Arrays.toString(current)));
        }
        if (childrenOverride == null) {
            childrenOverride = new int[structure.size()][];
            parentsOverride = new int[structure.size()][];
        }
        childrenOverride[block] = order.clone();
    }

    private void reattach(int[] newParents, int[] orphans) {
        if (orphans.length == 0) {
            return;
        }
        if (childrenOverride == null) {
            childrenOverride = new int[structure.size()][];
            parentsOverride = new int[structure.size()][];
        }
        for (int parent : newParents) {
            childrenOverride[parent] = appendMissing(rawChildren(parent), orphans);
        }
        for (int child : orphans) {
            parentsOverride[child] = appendMissing(rawParents(child), newParents);
        }
    }

    /** Removes, below a block just removed, every descendant left with no kept parent. */
    private void removeOrphansBelow(int removedBlock) {
        int slots = rawChildCount(removedBlock);
        if (slots == 0) {
            return;
        }
        var pending = new int[Math.max(slots, 16)];
        int count = 0;
        for (int slot = slots - 1; slot >= 0; slot--) {
            pending[count++] = rawChild(removedBlock, slot);
        }
        while (count > 0) {
            int block = pending[--count];
            if (removed.get(block) || block == root || hasKeptParent(block)) {
                continue;
            }
            removed.set(block);
            for (int slot = rawChildCount(block) - 1; slot >= 0; slot--) {
                int child = rawChild(block, slot);
                if (!removed.get(child)) {
                    pending = ensureCapacity(pending, count + 1);
                    pending[count++] = child;
                }
            }
        }
    }

    /**
     * Applies filters in one topological pass: each kept block, after all its parents, is removed
     * when a filter says so (keeping its descendants only when every filter that removes it keeps
     * them); a block whose parents were all removed goes without being asked.
     */
    public void applyFilters(List<BlockFilter> filters) {
        var active = filters.stream().filter(filter -> !filter.isKeepAll()).toList();
        if (active.isEmpty()) {
            return;
        }
        var predicates = active.stream().map(BlockFilter::removes).toArray(IntPredicate[]::new);
        var keeps = new boolean[predicates.length];
        for (int i = 0; i < keeps.length; i++) {
            keeps[i] = active.get(i).keepsDescendants();
        }
        var order = isWholeAndUnchanged() ? sharedStructureOrder() : topologicalOrder();
        for (int block : order) {
            // Parents come first, so a block whose parents all went is known here: it goes unasked.
            if (removed.get(block)) {
                continue;
            }
            if (block != root && !hasKeptParent(block)) {
                removed.set(block);
                continue;
            }
            applyFilters(block, predicates, keeps);
        }
    }

    /**
     * Applies filters as {@link #applyFilters(List)} does, then removes every block deeper than
     * {@code maxDepth} below the root, but asks the filters only about the blocks within the depth
     * (and one level more), plus what the questions below need. So a shallow request over a large
     * course costs what its top levels cost.
     *
     * <p>The kept blocks, their depths, children and parents are those the full pass followed by a
     * cut at the depth gives. What the full pass would have told about the cut blocks is kept for the
     * steps that need it: {@link #hasKeptLeafBelowCut} (whether a block at the depth would be
     * emptied by the filters) and each filter's {@link BlockFilter#afterPartialPass}, which is run
     * here. A view that is not the whole, unchanged course gets the full pass and no cut.
     *
     * @throws IllegalArgumentException when {@code maxDepth} is negative
     */
    public void applyFiltersWithin(List<BlockFilter> filters, int maxDepth) {
        if (maxDepth < 0) {
            throw new IllegalArgumentException("maxDepth must not be negative: " + maxDepth);
        }
        var active = filters.stream().filter(filter -> !filter.isKeepAll()).toList();
        if (!isWholeAndUnchanged() || maxDepth >= longestPath()) {
            // Nothing is deeper than the limit, so the full pass is the cheaper one.
            applyFilters(active);
            return;
        }
        var pass = new DepthLimitedPass(this, active, maxDepth);
        var order = sharedStructureOrder();
        if (!pass.run(order, structure.derived(STRUCTURE_POSITIONS, shared -> positionsOf(order)))) {
            return;
        }
        depthLimitedPass = pass;
        for (var filter : active) {
            filter.afterPartialPass().accept(pass::wouldBeAsked);
        }
    }

    /**
     * Returns whether the view was cut at a depth by {@link #applyFiltersWithin} and, below the
     * block, the full filter pass would have kept a leaf (a block without children in the course)
     * reached from the block through kept blocks: what deciding whether the block is empty needs.
     * False when the view was not cut.
     */
    public boolean hasKeptLeafBelowCut(int block) {
        return depthLimitedPass != null && depthLimitedPass.hasKeptLeafBelowCut(block);
    }

    /** Returns whether this view was cut at a depth by {@link #applyFiltersWithin}. */
    public boolean isCut() {
        return depthLimitedPass != null;
    }

    private int longestPath() {
        return structure.derived(LONGEST_PATH, shared -> {
            var lengths = new int[shared.size()];
            int longest = 0;
            for (int block : sharedStructureOrder()) {
                for (int slot = shared.childCount(block) - 1; slot >= 0; slot--) {
                    int child = shared.child(block, slot);
                    lengths[child] = Math.max(lengths[child], lengths[block] + 1);
                    longest = Math.max(longest, lengths[child]);
                }
            }
            return longest;
        });
    }

    private static int[] positionsOf(int[] order) {
        var positions = new int[order.length];
        for (int i = 0; i < order.length; i++) {
            positions[order[i]] = i;
        }
        return positions;
    }

    BlockBits removed() {
        return removed;
    }

    private void applyFilters(int block, IntPredicate[] predicates, boolean[] keeps) {
        boolean removes = false;
        boolean keepsDescendants = true;
        for (int i = 0; i < predicates.length; i++) {
            if (predicates[i].test(block)) {
                removes = true;
                keepsDescendants &= keeps[i];
            }
        }
        if (!removes) {
            return;
        }
        if (keepsDescendants || block == root) {
            removeBlock(block, keepsDescendants);
        } else {
            // Its descendants are met later in the order and go then if no kept parent is left.
            removed.set(block);
        }
    }

    /**
     * Returns the kept blocks reachable from the root, each after all of its kept parents, in an
     * order that may differ from {@link #topologicalOrder()} among blocks neither of which is an
     * ancestor of the other. For work whose result does not depend on that order (sums, minimums,
     * emptiness bottom-up), it is cheaper: a view of the whole course reads the order its structure
     * computed once, instead of walking the graph.
     */
    public int[] anyTopologicalOrder() {
        if (root != structure.root()) {
            return topologicalOrder();
        }
        if (depthLimitedPass != null) {
            return kept(depthLimitedPass.keptOrder(), depthLimitedPass.keptOrderLength());
        }
        // Rewiring only moves kept children up to ancestors, so the structure's order stays valid.
        var order = sharedStructureOrder();
        var result = new int[keptCount()];
        int count = 0;
        for (int block : order) {
            if (!removed.get(block)) {
                result[count++] = block;
            }
        }
        return count == result.length ? result : Arrays.copyOf(result, count);
    }

    private boolean isWholeAndUnchanged() {
        return root == structure.root() && removed.isEmpty() && childrenOverride == null;
    }

    /** Returns the structure's topological order from its root, shared: never to be changed. */
    private int[] sharedStructureOrder() {
        return structure.derived(STRUCTURE_ORDER, shared -> new TransformView(shared, shared.root()).walkOrder());
    }

    /** Removes every kept block that is not reachable from the root through kept blocks. */
    public void pruneUnreachable() {
        var unreachable = new BitSet(structure.size());
        unreachable.set(0, structure.size());
        for (int block : preOrder()) {
            unreachable.clear(block);
        }
        removed.addAll(unreachable);
    }

    /**
     * Returns the kept blocks reachable from the root, each after all of its reachable kept parents.
     * For a tree this is pre-order; a block whose parents were all removed is not listed.
     */
    public int[] topologicalOrder() {
        if (isWholeAndUnchanged()) {
            return sharedStructureOrder().clone();
        }
        return walkOrder();
    }

    private int[] walkOrder() {
        if (isEmpty()) {
            return new int[0];
        }
        int size = structure.size();
        var visited = new BlockBits(size);
        // Every kept block is reachable, so the kept count bounds both the order and the path.
        int kept = keptCount();
        var postOrder = new int[kept];
        int count = 0;
        var stackBlocks = new int[kept];
        var stackNext = new int[kept];
        int top = 0;
        stackBlocks[0] = root;
        stackNext[0] = rawChildCount(root) - 1;
        visited.set(root);
        while (top >= 0) {
            int block = stackBlocks[top];
            int next = stackNext[top];
            // Children are walked last to first so that the reversed post-order is pre-order on a tree.
            while (next >= 0 && (removed.get(rawChild(block, next)) || visited.get(rawChild(block, next)))) {
                next--;
            }
            if (next < 0) {
                postOrder[count++] = block;
                top--;
                continue;
            }
            int child = rawChild(block, next);
            stackNext[top] = next - 1;
            visited.set(child);
            top++;
            stackBlocks[top] = child;
            stackNext[top] = rawChildCount(child) - 1;
        }
        return reversed(postOrder, count);
    }

    /**
     * Returns the kept blocks the filter accepts, in topological order (each after all of its
     * reachable kept parents), as Open edX's topological traversal yields them. A block is considered
     * only when at least one of its kept parents was accepted, so a block whose parents were all
     * rejected is skipped with its exclusive subtree, while a block with several parents is
     * considered as long as one of them was accepted. With {@code visitDescendantsOfRejected}, every
     * reachable kept block is considered and the filter alone decides. The root is always
     * considered. The view is not changed.
     */
    public int[] topologicalTraversal(IntPredicate filter, boolean visitDescendantsOfRejected) {
        requireNonNull(filter, "filter is null");
        var order = topologicalOrder();
        var accepted = new BitSet(structure.size());
        var result = new int[order.length];
        int count = 0;
        for (int block : order) {
            boolean considered = block == root || visitDescendantsOfRejected || hasParentIn(block, accepted);
            if (considered && filter.test(block)) {
                accepted.set(block);
                result[count++] = block;
            }
        }
        return Arrays.copyOf(result, count);
    }

    /**
     * Returns the kept blocks the filter accepts in post-order: a block after all of its accepted
     * descendants, children in their current order, each block once (where it is first reached). A
     * rejected block is not descended into, so blocks reachable only through it are not listed;
     * a block it shares with an accepted parent still is. The view is not changed.
     */
    public int[] postOrderTraversal(IntPredicate filter) {
        requireNonNull(filter, "filter is null");
        if (isEmpty() || !filter.test(root)) {
            return new int[0];
        }
        int size = structure.size();
        var reached = new BitSet(size);
        var order = new int[size];
        int count = 0;
        var stackBlocks = new int[size];
        var stackNext = new int[size];
        int top = 0;
        stackBlocks[0] = root;
        reached.set(root);
        while (top >= 0) {
            int block = stackBlocks[top];
            int next = stackNext[top];
            if (next == rawChildCount(block)) {
                order[count++] = block;
                top--;
                continue;
            }
            stackNext[top] = next + 1;
            int child = rawChild(block, next);
            if (removed.get(child) || reached.get(child)) {
                continue;
            }
            reached.set(child);
            if (filter.test(child)) {
                top++;
                stackBlocks[top] = child;
                stackNext[top] = 0;
            }
        }
        return Arrays.copyOf(order, count);
    }

    /** Returns the same blocks as {@link #topologicalOrder()}, each after all of its kept descendants. */
    public int[] postOrder() {
        var order = topologicalOrder();
        return reversed(order, order.length);
    }

    /**
     * Returns the kept blocks reachable from the root in depth-first pre-order, children in their
     * current order; a block with several parents is listed once, where it is first reached.
     */
    public int[] preOrder() {
        if (isEmpty()) {
            return new int[0];
        }
        int size = structure.size();
        var visited = new BitSet(size);
        var order = new int[keptCount()];
        int count = 0;
        var stack = new int[Math.max(order.length, 1) * 2];
        int top = 0;
        stack[0] = root;
        while (top >= 0) {
            int block = stack[top--];
            if (visited.get(block)) {
                continue;
            }
            visited.set(block);
            order[count++] = block;
            // Raw slots, last to first, so that the walk allocates nothing per block.
            for (int slot = rawChildCount(block) - 1; slot >= 0; slot--) {
                int child = rawChild(block, slot);
                if (!removed.get(child) && !visited.get(child)) {
                    stack = ensureCapacity(stack, top + 2);
                    stack[++top] = child;
                }
            }
        }
        return Arrays.copyOf(order, count);
    }

    /**
     * Returns the number of child slots of the block: its current children, removed ones included.
     * With {@link #childAt} and {@link #isKept} it walks children without copying them.
     */
    public int childSlotCount(int block) {
        return rawChildCount(block);
    }

    /** Returns the child in the given slot of the block; it may have been removed (see {@link #isKept}). */
    public int childAt(int block, int slot) {
        return rawChild(block, slot);
    }

    /**
     * Returns the number of parent slots of the block: its current parents, removed ones included.
     * With {@link #parentAt} and {@link #isKept} it walks parents without copying them.
     */
    public int parentSlotCount(int block) {
        var override = parentsOverride == null ? null : parentsOverride[block];
        return override != null ? override.length : structure.parentCount(block);
    }

    /** Returns the parent in the given slot of the block; it may have been removed (see {@link #isKept}). */
    public int parentAt(int block, int slot) {
        var override = parentsOverride == null ? null : parentsOverride[block];
        return override != null ? override[slot] : structure.parent(block, slot);
    }

    /** Returns whether the block has at least one kept child. */
    public boolean hasKeptChild(int block) {
        for (int slot = rawChildCount(block) - 1; slot >= 0; slot--) {
            if (!removed.get(rawChild(block, slot))) {
                return true;
            }
        }
        return false;
    }

    /** Returns the block's value of a field for this request: the override when set, else the collected one. */
    public Object field(int block, String name) {
        var overrides = fieldOverrides.isEmpty() ? null : fieldOverrides.get(name);
        if (overrides != null && overrides[block] != null) {
            return overrides[block] == ABSENT ? null : overrides[block];
        }
        return structure.field(block, name);
    }

    /**
     * Returns the block's value of a field for this request, or {@code defaultValue} when neither an
     * override nor the collected structure has one.
     */
    @SuppressWarnings("unchecked")
    public <T> T field(int block, String name, T defaultValue) {
        var value = field(block, name);
        return value == null ? defaultValue : (T) value;
    }

    /** Returns whether this request overrode the field on at least one block. */
    public boolean isFieldOverridden(String name) {
        return fieldOverrides.containsKey(name);
    }

    /** Overrides a field of the block for this request only; a null value hides the collected value. */
    public void overrideField(int block, String name, Object value) {
        requireNonNull(name, "name is null");
        fieldOverrides.computeIfAbsent(name, n -> new Object[structure.size()])[block] =
                value == null ? ABSENT : value;
    }

    /** Returns a value a transformer added to the block for this request, or null. */
    public Object data(int block, String name) {
        var values = data.get(name);
        return values == null ? null : values.get(block);
    }

    /** Adds a value to the block for this request, such as its depth; a null value removes it. */
    public void setData(int block, String name, Object value) {
        requireNonNull(name, "name is null");
        if (name != lastDataName) {
            lastDataValues = data.computeIfAbsent(name, n -> new BlockValues(structure.size()));
            lastDataName = name;
        }
        lastDataValues.put(block, value);
    }

    /** Returns whether some block of this request has a value under {@code name}. */
    public boolean hasData(String name) {
        return data.containsKey(name);
    }

    private boolean hasParentIn(int block, BitSet blocks) {
        for (int slot = parentSlotCount(block) - 1; slot >= 0; slot--) {
            int parent = parentAt(block, slot);
            if (!removed.get(parent) && blocks.get(parent)) {
                return true;
            }
        }
        return false;
    }

    private boolean hasKeptParent(int block) {
        for (int slot = parentSlotCount(block) - 1; slot >= 0; slot--) {
            if (!removed.get(parentAt(block, slot))) {
                return true;
            }
        }
        return false;
    }

    private int[] rawChildren(int block) {
        var override = childrenOverride == null ? null : childrenOverride[block];
        return override != null ? override : structure.children(block);
    }

    private int[] rawParents(int block) {
        var override = parentsOverride == null ? null : parentsOverride[block];
        return override != null ? override : structure.parents(block);
    }

    private int rawChildCount(int block) {
        var override = childrenOverride == null ? null : childrenOverride[block];
        return override != null ? override.length : structure.childCount(block);
    }

    private int rawChild(int block, int position) {
        var override = childrenOverride == null ? null : childrenOverride[block];
        return override != null ? override[position] : structure.child(block, position);
    }

    private int[] kept(int[] blocks) {
        return kept(blocks, blocks.length);
    }

    private int[] kept(int[] blocks, int length) {
        int count = 0;
        var result = new int[length];
        for (int i = 0; i < length; i++) {
            if (!removed.get(blocks[i])) {
                result[count++] = blocks[i];
            }
        }
        return count == length ? result : Arrays.copyOf(result, count);
    }

    private static int[] appendMissing(int[] list, int[] additions) {
        var result = Arrays.copyOf(list, list.length + additions.length);
        int count = list.length;
        for (int addition : additions) {
            if (!contains(list, addition)) {
                result[count++] = addition;
            }
        }
        return Arrays.copyOf(result, count);
    }

    private static boolean contains(int[] list, int value) {
        for (int item : list) {
            if (item == value) {
                return true;
            }
        }
        return false;
    }

    private static int[] reversed(int[] values, int count) {
        var result = new int[count];
        for (int i = 0; i < count; i++) {
            result[i] = values[count - 1 - i];
        }
        return result;
    }

    private static int[] ensureCapacity(int[] stack, int needed) {
        return needed <= stack.length ? stack : Arrays.copyOf(stack, Math.max(needed, stack.length * 2));
    }
}
