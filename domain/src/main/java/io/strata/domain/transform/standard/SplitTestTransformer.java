package io.strata.domain.transform.standard;

import io.strata.domain.transform.BlockFilter;
import io.strata.domain.transform.CollectContext;
import io.strata.domain.transform.FilteringTransformer;
import io.strata.domain.transform.TransformContext;

/**
 * Removes {@code split_test} blocks from every per-learner view and keeps their children in their
 * place, as Open edX's {@code SplitTestTransformer}: which child a learner sees is group access,
 * given to each child by {@link UserPartitionTransformer}'s collect. All-blocks requests keep the
 * split tests.
 */
public final class SplitTestTransformer implements FilteringTransformer {
    /** Names this transformer. */
    public static final String NAME = "split_test";
    /** Names the block type of content experiments. */
    public static final String SPLIT_TEST_TYPE = "split_test";

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
        // The children's group access is part of UserPartitionTransformer's merged access.
    }

    @Override
    public BlockFilter filter(TransformContext context) {
        if (context.user().isAllBlocks()) {
            return BlockFilter.keepAll();
        }
        var structure = context.structure();
        return new BlockFilter(block -> SPLIT_TEST_TYPE.equals(structure.type(block)),
                /* keepsDescendants= */ true);
    }
}
