package io.strata.domain.manager;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Is how a {@link BlockStructureManager} serves a course that {@link BlockStructureManager#loadCurrent}
 * asks for. Immutable.
 *
 * @param collectOnMiss whether a course whose current structure no tier holds is collected from its
 *     source; when false, such a request fails with {@link io.strata.ports.ItemNotFoundException}
 * @param readsDurable whether such a request reads the durable store, and writes there what it
 *     collects; when false it uses the cache tiers only ({@link BlockStructureManager#generate} is
 *     unaffected: its caller says whether to use storage)
 * @param lease the lease that lets one process at a time collect a course, among the processes that
 *     share its cache tier; empty: only callers within this process share a collect
 */
public record ManagerOptions(boolean collectOnMiss, boolean readsDurable, Optional<CollectLease> lease) {
    /** Are the defaults: collect on a miss, read the durable store, no lease across processes. */
    public static final ManagerOptions DEFAULTS = new ManagerOptions(true, true, Optional.empty());

    public ManagerOptions {
        requireNonNull(lease, "lease is null");
    }

    /** Returns these options with {@code collectOnMiss} set. */
    public ManagerOptions withCollectOnMiss(boolean collectOnMiss) {
        return new ManagerOptions(collectOnMiss, readsDurable, lease);
    }

    /** Returns these options with {@code readsDurable} set. */
    public ManagerOptions withReadsDurable(boolean readsDurable) {
        return new ManagerOptions(collectOnMiss, readsDurable, lease);
    }

    /** Returns these options with the lease. */
    public ManagerOptions withLease(CollectLease lease) {
        return new ManagerOptions(collectOnMiss, readsDurable, Optional.of(requireNonNull(lease, "lease is null")));
    }
}
