package io.strata.domain.transform.standard;

import io.strata.domain.transform.BlockNumbers;
import io.strata.domain.transform.BlockTransformer;
import io.strata.domain.transform.CollectContext;
import io.strata.domain.transform.TransformContext;
import io.strata.domain.transform.TransformView;

import java.util.Arrays;

/**
 * Gives each kept block its depth below the view's root and applies the request's depth limit.
 *
 * <p>The root has depth 0; any other block is one deeper than its shallowest kept parent. When the
 * request sets a maximum depth, deeper blocks are removed. Depths are stored as {@link #DEPTH}
 * ({@code Integer}) request data. It runs only when the request sets a maximum depth or a
 * navigation depth, and collects nothing.
 */
public final class BlockDepthTransformer implements BlockTransformer {
    /** Names this transformer. */
    public static final String NAME = "block_depth";
    /** Names the request data holding a block's depth. */
    public static final String DEPTH = "depth";

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
        // Depth depends on which blocks a request keeps, so there is nothing to record ahead.
    }

    @Override
    public void transform(TransformContext context) {
        var options = context.options();
        if (options.maxDepth().isEmpty() && options.navDepth().isEmpty()) {
            return;
        }
        var view = context.view();
        var order = view.anyTopologicalOrder();
        var depths = depthNumbers(view, order);
        int maxDepth = options.maxDepth().orElse(Integer.MAX_VALUE);
        for (int block : order) {
            int depth = depths.get(block);
            if (depth > maxDepth) {
                // Its descendants are deeper still, so they go too, with or without another parent.
                view.removeBlock(block, /* keepDescendants= */ false);
            } else {
                view.setData(block, DEPTH, depth);
            }
        }
    }

    /**
     * Returns, by block index, the depth of each block reachable in the view: 0 for the root, else
     * one more than its shallowest kept parent; -1 for every other block.
     */
    public static int[] depthsOf(TransformView view) {
        var order = view.anyTopologicalOrder();
        var numbers = depthNumbers(view, order);
        var depths = new int[view.structure().size()];
        Arrays.fill(depths, -1);
        for (int block : order) {
            depths[block] = numbers.get(block);
        }
        return depths;
    }

    /**
     * Returns the depths as {@link #depthsOf(TransformView)} does, given a topological order of the
     * view, sized to the blocks in the order rather than to the course.
     */
    static BlockNumbers depthNumbers(TransformView view, int[] order) {
        var depths = new BlockNumbers(view.structure().size());
        if (order.length == 0) {
            return depths;
        }
        depths.set(view.root(), 0);
        // Each block comes after all its parents, so pushing depths down reaches the shallowest; a
        // minimum does not depend on the order among unrelated blocks, so any topological order will do.
        for (int block : order) {
            int childDepth = depths.get(block) + 1;
            for (int slot = view.childSlotCount(block) - 1; slot >= 0; slot--) {
                int child = view.childAt(block, slot);
                if (view.isKept(child)) {
                    int known = depths.get(child);
                    if (known == BlockNumbers.NONE || childDepth < known) {
                        depths.set(child, childDepth);
                    }
                }
            }
        }
        return depths;
    }
}
