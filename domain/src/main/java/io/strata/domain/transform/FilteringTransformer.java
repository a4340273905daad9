package io.strata.domain.transform;

import java.util.List;

/**
 * Is a transformer whose per-request work is only to remove blocks. The registry asks every
 * filtering transformer for its {@link BlockFilter} and applies them all in one topological pass,
 * before any other transformer runs.
 */
public interface FilteringTransformer extends BlockTransformer {
    /** Returns this request's filter; {@link BlockFilter#keepAll()} when nothing is to be removed. */
    BlockFilter filter(TransformContext context);

    /** Applies this transformer's filter alone; the registry does not call it (it batches filters). */
    @Override
    default void transform(TransformContext context) {
        context.view().applyFilters(List.of(filter(context)));
    }
}
