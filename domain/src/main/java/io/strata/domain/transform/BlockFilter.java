package io.strata.domain.transform;

import java.util.function.IntPredicate;

import static java.util.Objects.requireNonNull;

/**
 * Is one request's decision, by one filtering transformer, about which blocks to remove.
 *
 * <p>{@code removes} is asked once per block index, in topological order, for blocks still in the
 * view. When it answers true the block is removed; with {@code keepsDescendants} its kept children
 * move up to its former parents (as {@link TransformView#removeBlock} describes), otherwise the
 * descendants that no other kept parent holds go with it.
 */
public record BlockFilter(IntPredicate removes, boolean keepsDescendants) {
    private static final BlockFilter KEEP_ALL = new BlockFilter(block -> false, false);

    public BlockFilter {
        requireNonNull(removes, "removes is null");
    }

    /** Returns a filter that removes nothing. */
    public static BlockFilter keepAll() {
        return KEEP_ALL;
    }

    /** Returns a filter that removes each block matching {@code removes} with its descendants. */
    public static BlockFilter removing(IntPredicate removes) {
        return new BlockFilter(removes, /* keepsDescendants= */ false);
    }

    /** Returns whether this filter is the one that removes nothing. */
    public boolean isKeepAll() {
        return this == KEEP_ALL;
    }
}
