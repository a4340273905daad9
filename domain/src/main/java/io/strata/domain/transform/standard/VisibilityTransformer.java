package io.strata.domain.transform.standard;

import io.strata.domain.transform.BlockFilter;
import io.strata.domain.transform.CollectContext;
import io.strata.domain.transform.FilteringTransformer;
import io.strata.domain.transform.TransformContext;

import java.util.ArrayList;
import java.util.BitSet;

/**
 * Hides staff-only content from learners.
 *
 * <p>Collect records whether each block is hidden: its own {@code visible_to_staff_only} is true, or
 * every one of its parents is hidden. So a block shared by a hidden and a visible parent stays
 * visible through the visible one. Only hidden blocks get a record; the root also lists them all.
 *
 * <p>Transform removes hidden blocks, with their descendants, unless the user is staff or the
 * request is for all blocks.
 */
public final class VisibilityTransformer implements FilteringTransformer {
    /** Names this transformer. */
    public static final String NAME = "visibility";
    /** Names the recorded flag of a hidden block, {@code true}; absent for a visible block. */
    public static final String MERGED_STAFF_ONLY = "merged_visible_to_staff_only";
    /** Names the list of hidden block indexes (as {@code Long}) recorded on the root; absent when none. */
    public static final String HIDDEN_BLOCKS = "hidden_blocks";

    /** Keys the set of hidden blocks, derived once per structure. */
    private static final Object HIDDEN = new Object();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int writeVersion() {
        return 2;
    }

    @Override
    public int readVersion() {
        return 2;
    }

    @Override
    public void collect(CollectContext context) {
        var hiddenBlocks = new ArrayList<Long>();
        for (int block : context.topologicalOrder()) {
            boolean hidden = Boolean.TRUE.equals(context.field(block, "visible_to_staff_only"))
                    || block != context.root() && areAllParentsHidden(context, block);
            if (hidden) {
                context.setData(block, MERGED_STAFF_ONLY, true);
                hiddenBlocks.add((long) block);
            }
        }
        if (!hiddenBlocks.isEmpty()) {
            context.setData(context.root(), HIDDEN_BLOCKS, hiddenBlocks);
        }
    }

    private static boolean areAllParentsHidden(CollectContext context, int block) {
        for (int parent : context.parents(block)) {
            if (context.data(parent, MERGED_STAFF_ONLY) == null) {
                return false;
            }
        }
        return true;
    }

    @Override
    public BlockFilter filter(TransformContext context) {
        if (context.user().seesEverything()) {
            return BlockFilter.keepAll();
        }
        // A bit per block, filled once per structure from the recorded list: no lookup per block.
        BitSet hidden = context.structure().derived(HIDDEN,
                structure -> Derived.blocks(structure.transformerData(NAME, structure.root(), HIDDEN_BLOCKS)));
        return hidden.isEmpty() ? BlockFilter.keepAll() : BlockFilter.removing(hidden::get);
    }
}
