package io.strata.domain.store;

/** Chooses which tiers a read of a {@link TieredStructureStore} consults. */
public enum TierSelection {
    /** Reads the cache tiers only; the durable store is never touched. */
    CACHES,
    /** Reads the durable store only (a hit still fills the caches). */
    DURABLE,
    /** Reads the caches nearest first, then the durable store. */
    ALL;

    boolean readsCaches() {
        return this != DURABLE;
    }

    boolean readsDurable() {
        return this != CACHES;
    }
}
