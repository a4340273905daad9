package io.strata.domain.transform.standard;

import io.strata.domain.transform.BlockFilter;
import io.strata.domain.transform.CollectContext;
import io.strata.domain.transform.FilteringTransformer;
import io.strata.domain.transform.TransformContext;

import java.util.BitSet;

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

    /** Keys the set of split test blocks, derived once per structure. */
    private static final Object SPLIT_TESTS = new Object();

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
        // A bit per block, found once per structure: no type comparison per block and request.
        BitSet splitTests = context.structure().derived(SPLIT_TESTS, structure -> {
            var blocks = new BitSet(structure.size());
            for (int block = 0; block < structure.size(); block++) {
                if (SPLIT_TEST_TYPE.equals(structure.type(block))) {
                    blocks.set(block);
                }
            }
            return blocks;
        });
        return splitTests.isEmpty() ? BlockFilter.keepAll()
                : new BlockFilter(splitTests::get, /* keepsDescendants= */ true);
    }
}
