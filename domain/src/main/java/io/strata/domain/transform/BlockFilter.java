package io.strata.domain.transform;

import java.util.function.Consumer;
import java.util.function.IntPredicate;

import static java.util.Objects.requireNonNull;

/**
 * Is one request's decision, by one filtering transformer, about which blocks to remove.
 *
 * <p>{@code removes} is asked about blocks still in the view, each after all of its parents. When it
 * answers true the block is removed; with {@code keepsDescendants} its kept children move up to
 * its former parents (as {@link TransformView#removeBlock} describes), otherwise the descendants
 * that no other kept parent holds go with it.
 *
 * <p>Its answer must depend on the block alone, not on the view's state, and be the same each time
 * it is asked about the block, because a pass limited to a depth
 * ({@link TransformView#applyFiltersWithin}) asks about some blocks later, more than once, or
 * never. It may record request data about the block it is asked about; anything else it records on
 * the view when asked about a block (such as a flag on the root) must also be recorded by
 * {@code afterPartialPass}.
 *
 * @param removes whether the filter removes a block
 * @param keepsDescendants whether the children of a removed block stay, moved up to its parents
 * @param afterPartialPass what a pass that did not ask about every block runs once it is done: it is
 *     given whether a full pass would have asked about a block, and records on the view what
 *     {@code removes} would have recorded when asked about those blocks; it does nothing by default
 */
public record BlockFilter(IntPredicate removes, boolean keepsDescendants, Consumer<IntPredicate> afterPartialPass) {
    private static final Consumer<IntPredicate> NOTHING = wouldBeAsked -> { };
    private static final BlockFilter KEEP_ALL = new BlockFilter(block -> false, false);

    public BlockFilter {
        requireNonNull(removes, "removes is null");
        requireNonNull(afterPartialPass, "afterPartialPass is null");
    }

    /** Creates a filter that records nothing on the view beyond the blocks it is asked about. */
    public BlockFilter(IntPredicate removes, boolean keepsDescendants) {
        this(removes, keepsDescendants, NOTHING);
    }

    /** Returns a filter that removes nothing. */
    public static BlockFilter keepAll() {
        return KEEP_ALL;
    }

    /** Returns a filter that removes each block matching {@code removes} with its descendants. */
    public static BlockFilter removing(IntPredicate removes) {
        return new BlockFilter(removes, /* keepsDescendants= */ false);
    }

    /** Returns this filter with the action a partial pass runs once it is done (see the class javadoc). */
    public BlockFilter withAfterPartialPass(Consumer<IntPredicate> action) {
        return new BlockFilter(removes, keepsDescendants, action);
    }

    /** Returns whether this filter is the one that removes nothing. */
    public boolean isKeepAll() {
        return this == KEEP_ALL;
    }
}
