package io.strata.domain.transform.standard;

import io.strata.domain.transform.BlockTransformer;
import io.strata.domain.transform.CollectContext;
import io.strata.domain.transform.TransformContext;
import io.strata.domain.transform.TransformOptions;

/**
 * Removes containers left empty by the filters, so that an outline does not show a section whose
 * subsections were all hidden (Open edX's {@code HideEmptyTransformer}, which its Blocks API runs
 * for the mobile apps).
 *
 * <p>A block other than the view's root that has children in the collected structure but none
 * kept in the view is removed; this runs bottom-up, so a section whose subsections all went empty
 * goes too. Unlike Open edX, which asks each block class whether it can have children, a container
 * that is empty in the course itself stays: only what the request removed can empty a block.
 * Collects nothing.
 */
public final class HideEmptyTransformer implements BlockTransformer {
    /** Names this transformer. */
    public static final String NAME = "hide_empty";

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
        // Whether a block has children in the course is part of the structure already.
    }

    /** Allows it: below a block at the cut, it asks the view whether the filters left a leaf. */
    @Override
    public boolean allowsDepthCut(TransformOptions options) {
        return true;
    }

    @Override
    public void transform(TransformContext context) {
        var view = context.view();
        var structure = view.structure();
        if (view.keptCount() == structure.size()) {
            // Nothing was removed, so nothing was emptied.
            return;
        }
        // Children before parents is all this needs, so any topological order, read backwards, will do.
        var order = view.anyTopologicalOrder();
        for (int i = order.length - 1; i >= 0; i--) {
            int block = order[i];
            if (block != view.root() && structure.childCount(block) > 0 && !view.hasKeptChild(block)
                    && !view.hasKeptLeafBelowCut(block)) {
                view.removeBlock(block, /* keepDescendants= */ false);
            }
        }
    }
}
