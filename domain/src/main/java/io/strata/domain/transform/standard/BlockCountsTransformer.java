package io.strata.domain.transform.standard;

import io.strata.domain.transform.BlockTransformer;
import io.strata.domain.transform.CollectContext;
import io.strata.domain.transform.TransformContext;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Counts, under each kept block, the kept blocks of each type the request names (Open edX's
 * {@code block_counts}).
 *
 * <p>A block's count of a type is 1 when the block is of that type, plus its kept children's
 * counts; as in Open edX, a block reached through two parents is counted under each. Counts are
 * stored as {@link #BLOCK_COUNTS} request data: an unmodifiable {@code Map<String, Long>} with the
 * types in sorted order. Runs only when the request names types.
 */
public final class BlockCountsTransformer implements BlockTransformer {
    /** Names this transformer. */
    public static final String NAME = "block_counts";
    /** Names the request data holding a block's counts by type. */
    public static final String BLOCK_COUNTS = "block_counts";

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
        // Counts depend on which blocks a request keeps; the block type is part of the key.
    }

    @Override
    public void transform(TransformContext context) {
        var types = context.options().blockCountTypes();
        if (types.isEmpty()) {
            return;
        }
        var view = context.view();
        var counts = new long[view.structure().size()][];
        for (int block : view.postOrder()) {
            var blockCounts = new long[types.size()];
            int position = 0;
            for (var type : types) {
                blockCounts[position++] = type.equals(view.structure().type(block)) ? 1 : 0;
            }
            for (int child : view.children(block)) {
                for (int i = 0; i < blockCounts.length; i++) {
                    blockCounts[i] += counts[child][i];
                }
            }
            counts[block] = blockCounts;
            view.setData(block, BLOCK_COUNTS, toMap(types, blockCounts));
        }
    }

    private static Map<String, Long> toMap(Iterable<String> types, long[] counts) {
        var map = new LinkedHashMap<String, Long>();
        int position = 0;
        for (var type : types) {
            map.put(type, counts[position++]);
        }
        return Collections.unmodifiableMap(map);
    }
}
