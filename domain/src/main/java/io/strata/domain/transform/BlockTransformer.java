package io.strata.domain.transform;

import java.util.Set;

/**
 * Is a named, versioned unit of per-learner course logic with two phases.
 *
 * <p>{@link #collect} runs once per course version over the whole course and records, through the
 * {@link CollectContext}, what {@link #transform} will need. {@link #transform} runs on every request,
 * reads only the collected structure and the request's {@link UserContext}, and removes or
 * annotates blocks of the request's {@link TransformView}; it never changes the shared structure.
 *
 * <p>Implementations are stateless and thread-safe: one instance serves every course and request.
 *
 * <p>Versions: bump {@link #writeVersion()} whenever collect starts recording something different;
 * set {@link #readVersion()} to the oldest write version whose data transform still understands.
 * A stored structure whose recorded write version is below the read version is collected again.
 */
public interface BlockTransformer {
    /** Returns the transformer's unique name; it keys its collected data and its recorded version. */
    String name();

    /** Returns the version of what {@link #collect} records; at least 1. */
    int writeVersion();

    /** Returns the oldest write version whose collected data {@link #transform} can read; at least 1. */
    int readVersion();

    /**
     * Returns the source fields this transformer needs kept as collected fields, beyond the ones the
     * Blocks API keeps anyway ({@link CollectedFields#BLOCKS_API}); empty by default.
     */
    default Set<String> collectedFields() {
        return Set.of();
    }

    /**
     * Records, for the course being collected, what {@link #transform} will need. Runs once per course
     * version, after every block, relation and kept field is in place.
     *
     * @throws io.strata.ports.InputRejectedException when a source value cannot be understood; the
     *     message names the block and the field
     */
    void collect(CollectContext context);

    /** Removes or annotates blocks of the request's view; runs on every request. */
    void transform(TransformContext context);

    /**
     * Returns whether this transformer, run before {@code BlockDepthTransformer} applies the
     * request's maximum depth, leaves the same blocks within that depth, with the same data, when
     * the filters' pass was already cut at that depth ({@link TransformView#applyFiltersWithin}):
     * it reads nothing the cut removed, or asks the view about it. False by default, which makes
     * every request get the full pass; the registry asks only when the request sets a maximum depth.
     */
    default boolean allowsDepthCut(TransformOptions options) {
        return false;
    }
}
