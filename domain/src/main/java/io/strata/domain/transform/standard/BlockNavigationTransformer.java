package io.strata.domain.transform.standard;

import io.strata.domain.structure.BlockStructure;
import io.strata.domain.transform.BlockNumbers;
import io.strata.domain.transform.BlockTransformer;
import io.strata.domain.transform.CollectContext;
import io.strata.domain.transform.TransformContext;
import io.strata.domain.transform.TransformView;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.RandomAccess;

/**
 * Gives blocks the {@code descendants} lists of Open edX's {@code nav_depth} option, which a course
 * navigation menu reads.
 *
 * <p>For a navigation depth N, each block at depth at most N owns a list. Walking the view in
 * topological order, every block not marked {@code hide_from_toc} adds its usage id to the lists its
 * parents pass down, then passes down its own list if it owns one, else the lists it received. So
 * a block above depth N lists its direct children, and a block at depth N lists all its descendants.
 * A block hidden from the table of contents is listed nowhere and passes nothing down, so its
 * descendants are listed only if another parent reaches them. Lists are stored as
 * {@link #DESCENDANTS} request data, unmodifiable {@code List<String>} in topological order; the
 * usage ids are spelled out only when read, so a request pays for the ids it returns.
 *
 * <p>Runs only when the request sets a navigation depth; works out depths as
 * {@link BlockDepthTransformer} does (the same values whether or not it ran before).
 */
public final class BlockNavigationTransformer implements BlockTransformer {
    /** Names this transformer. */
    public static final String NAME = "block_navigation";
    /** Names the request data holding a block's list of descendant usage ids. */
    public static final String DESCENDANTS = "descendants";

    private static final int[] NONE = new int[0];
    private static final String HIDE_FROM_TOC = "hide_from_toc";
    /** Keys the set of blocks whose collected hide_from_toc is true, derived once per structure. */
    private static final Object HIDDEN_FROM_TOC = new Object();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int writeVersion() {
        return 1;
    }

    @Override
    public int readVersion() {
        return 1;
    }

    @Override
    public void collect(CollectContext context) {
        // hide_from_toc is a kept field already; nothing else is needed ahead.
    }

    @Override
    public void transform(TransformContext context) {
        if (context.options().navDepth().isEmpty()) {
            return;
        }
        var view = context.view();
        int navDepth = context.options().navDepth().get();
        var order = view.topologicalOrder();
        var depths = depthsOf(view, order);
        int size = view.structure().size();
        // passedDown[block]: the owners (block indexes) whose lists the block's children add to.
        var passedDown = new int[size][];
        var lists = new IdList[size];
        BitSet collectedHidden = view.structure().derived(HIDDEN_FROM_TOC, BlockNavigationTransformer::hiddenFromToc);
        boolean isOverridden = view.isFieldOverridden(HIDE_FROM_TOC);

        for (int block : order) {
            var received = block == view.root() ? NONE : receivedOwners(view, passedDown, block);
            boolean isHidden = isOverridden ? Boolean.TRUE.equals(view.field(block, HIDE_FROM_TOC))
                    : collectedHidden.get(block);
            if (isHidden || block != view.root() && received.length == 0) {
                continue;
            }
            for (int owner : received) {
                lists[owner].add(block);
            }
            if (depths.get(block) > navDepth) {
                passedDown[block] = received;
            } else {
                lists[block] = new IdList(view);
                passedDown[block] = new int[] {block};
            }
        }
        for (int block = 0; block < size; block++) {
            if (lists[block] != null) {
                view.setData(block, DESCENDANTS, lists[block].trimmed());
            }
        }
    }

    /** Returns the distinct owners the block's kept parents pass down, in parent order. */
    private static int[] receivedOwners(TransformView view, int[][] passedDown, int block) {
        int slots = view.parentSlotCount(block);
        if (slots == 1) {
            var only = view.isKept(view.parentAt(block, 0)) ? passedDown[view.parentAt(block, 0)] : null;
            return only == null ? NONE : only;
        }
        var received = NONE;
        for (int slot = 0; slot < slots; slot++) {
            int parent = view.parentAt(block, slot);
            var owners = view.isKept(parent) ? passedDown[parent] : null;
            if (owners == null) {
                continue;
            }
            for (int owner : owners) {
                if (!contains(received, owner)) {
                    received = Arrays.copyOf(received, received.length + 1);
                    received[received.length - 1] = owner;
                }
            }
        }
        return received;
    }

    private static boolean contains(int[] values, int wanted) {
        for (int value : values) {
            if (value == wanted) {
                return true;
            }
        }
        return false;
    }

    private static BitSet hiddenFromToc(BlockStructure structure) {
        var hidden = new BitSet(structure.size());
        for (int block = 0; block < structure.size(); block++) {
            if (Boolean.TRUE.equals(structure.field(block, HIDE_FROM_TOC))) {
                hidden.set(block);
            }
        }
        return hidden;
    }

    /** Returns the depths {@link BlockDepthTransformer} gives, worked out again: cheaper than reading them. */
    private static BlockNumbers depthsOf(TransformView view, int[] order) {
        return BlockDepthTransformer.depthNumbers(view, order);
    }

    /** Is a growing list of block indexes read as their usage ids; unmodifiable once trimmed. */
    private static final class IdList extends AbstractList<String> implements RandomAccess {
        private final TransformView view;
        private int[] blocks = new int[4];
        private int count;

        IdList(TransformView view) {
            this.view = view;
        }

        void add(int block) {
            if (count == blocks.length) {
                blocks = Arrays.copyOf(blocks, count * 2);
            }
            blocks[count++] = block;
        }

        IdList trimmed() {
            blocks = Arrays.copyOf(blocks, count);
            return this;
        }

        @Override
        public String get(int index) {
            return view.key(blocks[index]).toString();
        }

        @Override
        public int size() {
            return count;
        }
    }
}
