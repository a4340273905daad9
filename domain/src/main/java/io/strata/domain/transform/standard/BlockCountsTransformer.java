package io.strata.domain.transform.standard;

import io.strata.domain.transform.BlockTransformer;
import io.strata.domain.transform.CollectContext;
import io.strata.domain.transform.TransformContext;
import io.strata.domain.transform.TransformOptions;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Set;

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

    /** Allows it only when the request counts nothing: a count sums every kept block below. */
    @Override
    public boolean allowsDepthCut(TransformOptions options) {
        return options.blockCountTypes().isEmpty();
    }

    @Override
    public void transform(TransformContext context) {
        var types = context.options().blockCountTypes().toArray(String[]::new);
        if (types.length == 0) {
            return;
        }
        var view = context.view();
        var structure = view.structure();
        int width = types.length;
        // One array for the whole request: block b's counts are at b * width.
        var counts = new long[structure.size() * width];
        // Sums do not depend on the order among siblings: any order with children first will do.
        var order = view.anyTopologicalOrder();
        for (int i = order.length - 1; i >= 0; i--) {
            int block = order[i];
            int at = block * width;
            var type = structure.type(block);
            for (int t = 0; t < width; t++) {
                counts[at + t] = types[t].equals(type) ? 1 : 0;
            }
            for (int slot = view.childSlotCount(block) - 1; slot >= 0; slot--) {
                int child = view.childAt(block, slot);
                if (view.isKept(child)) {
                    for (int t = 0; t < width; t++) {
                        counts[at + t] += counts[child * width + t];
                    }
                }
            }
            view.setData(block, BLOCK_COUNTS, new CountsMap(types, counts, at));
        }
    }

    /** Is an unmodifiable map of counts by type that shares the request's type names. */
    private static final class CountsMap extends AbstractMap<String, Long> {
        private final String[] types;
        private final long[] counts;
        private final int offset;

        CountsMap(String[] types, long[] counts, int offset) {
            this.types = types;
            this.counts = counts;
            this.offset = offset;
        }

        @Override
        public Set<Entry<String, Long>> entrySet() {
            return new AbstractSet<>() {
                @Override
                public Iterator<Entry<String, Long>> iterator() {
                    return new Iterator<>() {
                        private int next;

                        @Override
                        public boolean hasNext() {
                            return next < types.length;
                        }

                        @Override
                        public Entry<String, Long> next() {
                            if (next >= types.length) {
                                throw new NoSuchElementException();
                            }
                            var entry = new SimpleImmutableEntry<>(types[next], counts[offset + next]);
                            next++;
                            return entry;
                        }
                    };
                }

                @Override
                public int size() {
                    return types.length;
                }
            };
        }
    }
}
