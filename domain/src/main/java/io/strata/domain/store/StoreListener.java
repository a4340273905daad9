package io.strata.domain.store;

import io.strata.domain.codec.CorruptPayloadException;
import io.strata.ports.BackendUnavailableException;

/**
 * Hears what a {@link TieredStructureStore} does, so the application can log and measure it (the
 * domain itself never logs). Tier names are {@link io.strata.ports.CacheTier#name()} for caches
 * and {@link TieredStructureStore#DURABLE_TIER} for the durable store.
 *
 * <p>Every method has an empty default. Implementations must be thread-safe, quick and must not
 * throw: they run inside store operations.
 */
public interface StoreListener {
    /** Is a listener that ignores everything. */
    StoreListener NOOP = new StoreListener() {
    };

    /** Hears that a tier held a valid payload or pointer that was asked for. */
    default void onHit(String tierName) {
    }

    /** Hears that a tier did not hold what was asked for (a corrupt entry is reported by onCorrupt instead). */
    default void onMiss(String tierName) {
    }

    /** Hears that a cache tier could not be reached; the operation went on without it. */
    default void onTierUnavailable(String tierName, BackendUnavailableException failure) {
    }

    /**
     * Hears that a cache tier refused or failed an operation for another reason than being
     * unreachable (a rejected key or value, an error reply); the operation went on without it, as
     * a cache tier may lose anything. Also hears a durable delete of an old version that failed
     * while pruning (tier {@code durable}); the write that pruned succeeded.
     */
    default void onTierFailure(String tierName, RuntimeException failure) {
    }

    /**
     * Hears, once per occurrence, that a tier returned a payload or pointer that failed to decode or
     * named another address; it was treated as a miss and removed from that tier.
     *
     * @param key the cache key or durable path of the entry
     */
    default void onCorrupt(String tierName, String key, CorruptPayloadException failure) {
    }

    /**
     * Hears that a build's pointer was not moved because the current pointer names a build that
     * read its source later; the older build's payload was stored but is not current.
     */
    default void onOlderBuildIgnored(StructureAddress current, StructureAddress older) {
    }

    /** Hears that a payload of {@code bytes} was stored in a tier. */
    default void onStored(String tierName, int bytes) {
    }

    /**
     * Hears that a payload was not stored in a cache tier because it cannot be split within the tier's
     * limits (see {@link ChunkedPayloads#fits}); payloads over the tier's largest value are otherwise
     * stored in chunks.
     */
    default void onSkippedTooLarge(String tierName, int bytes, long limit) {
    }
}
