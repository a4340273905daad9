package io.strata.domain.transform.standard;

import io.strata.domain.transform.BlockTransformer;
import io.strata.domain.transform.CollectContext;
import io.strata.domain.transform.TransformContext;
import io.strata.domain.transform.TransformView;

import java.util.ArrayList;
import java.util.List;

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
 * {@link #DESCENDANTS} request data, unmodifiable {@code List<String>} in topological order.
 *
 * <p>Runs only when the request sets a navigation depth; reads the depths of
 * {@link BlockDepthTransformer} when it ran before, else works them out.
 */
public final class BlockNavigationTransformer implements BlockTransformer {
    /** Names this transformer. */
    public static final String NAME = "block_navigation";
    /** Names the request data holding a block's list of descendant usage ids. */
    public static final String DESCENDANTS = "descendants";

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
        var depths = depthsOf(view);
        var owned = new ArrayList<List<String>>(view.structure().size());
        var passedDown = new ArrayList<List<List<String>>>(view.structure().size());
        for (int i = 0; i < view.structure().size(); i++) {
            owned.add(null);
            passedDown.add(null);
        }

        for (int block : view.topologicalOrder()) {
            var received = receivedLists(view, passedDown, block);
            if (isHiddenFromToc(view, block) || block != view.root() && received.isEmpty()) {
                continue;
            }
            received.forEach(list -> list.add(view.key(block).toString()));
            if (depths[block] > navDepth) {
                passedDown.set(block, received);
            } else {
                var own = new ArrayList<String>();
                owned.set(block, own);
                passedDown.set(block, List.of(own));
            }
        }
        for (int block = 0; block < owned.size(); block++) {
            if (owned.get(block) != null) {
                view.setData(block, DESCENDANTS, List.copyOf(owned.get(block)));
            }
        }
    }

    /** Returns the distinct lists the block's kept parents pass down, in parent order. */
    private static List<List<String>> receivedLists(TransformView view, List<List<List<String>>> passedDown,
            int block) {
        var received = new ArrayList<List<String>>();
        for (int parent : view.parents(block)) {
            var lists = passedDown.get(parent);
            if (lists == null) {
                continue;
            }
            for (var list : lists) {
                if (received.stream().noneMatch(seen -> seen == list)) {
                    received.add(list);
                }
            }
        }
        return received;
    }

    private static boolean isHiddenFromToc(TransformView view, int block) {
        return Boolean.TRUE.equals(view.field(block, "hide_from_toc"));
    }

    private static int[] depthsOf(TransformView view) {
        if (!view.hasData(BlockDepthTransformer.DEPTH)) {
            return BlockDepthTransformer.depthsOf(view);
        }
        var depths = new int[view.structure().size()];
        for (int block : view.topologicalOrder()) {
            var depth = view.data(block, BlockDepthTransformer.DEPTH);
            depths[block] = depth == null ? Integer.MAX_VALUE : (Integer) depth;
        }
        return depths;
    }
}
