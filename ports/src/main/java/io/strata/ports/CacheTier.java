package io.strata.ports;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Holds encoded payloads in a cache: the in-process tier or a shared cache server.
 *
 * <p>A cache tier may lose any entry at any time (eviction, expiry, a restart of the server); the
 * caller never relies on it holding what was stored, and treats every failure as a miss. Values
 * are opaque bytes: the tier neither inspects nor changes them, and returns exactly the bytes that
 * were stored under a key or nothing.
 *
 * <p>Keys are non-empty strings of at most {@link #MAX_KEY_LENGTH} printable ASCII characters
 * without spaces; the caller builds them and the tier may reject any other key with
 * {@link IllegalArgumentException}. Implementations are thread-safe.
 */
public interface CacheTier {
    /** Is the longest key a tier must accept (memcached's limit). */
    int MAX_KEY_LENGTH = 250;

    /** Returns a short name of this tier for logs and metrics, such as {@code caffeine}. */
    String name();

    /**
     * Returns the largest value, in bytes, that this tier accepts in one entry. The caller splits
     * larger payloads or does not store them here; {@link #store} rejects a larger value.
     */
    long maxValueBytes();

    /**
     * Returns the longest payload a caller may keep here split into entries of at most
     * {@link #maxValueBytes()}; a longer one is not stored at all. The default has no bound beyond
     * the caller's own. A tier where splitting gains nothing, or would let one payload crowd out
     * every other (an in-process tier bounded by memory), returns {@link #maxValueBytes()}.
     */
    default long maxChunkedBytes() {
        return Long.MAX_VALUE;
    }

    /**
     * Returns the value stored under the key, or empty when there is none.
     *
     * @throws BackendUnavailableException when the tier cannot be reached in its configured time
     * @throws NullPointerException when key is null
     */
    Optional<byte[]> load(String key);

    /**
     * Returns the values stored under the given keys that the tier holds, in the order of the keys;
     * absent keys are missing from the map. The default loads one key at a time; network tiers
     * override it with one round trip.
     *
     * @throws BackendUnavailableException when the tier cannot be reached in its configured time
     */
    default Map<String, byte[]> loadAll(List<String> keys) {
        var found = new LinkedHashMap<String, byte[]>();
        for (var key : keys) {
            load(key).ifPresent(value -> found.put(key, value));
        }
        return found;
    }

    /**
     * Stores the value under the key, replacing any earlier value. The tier may drop it at once or
     * later. The caller must not change the array afterwards.
     *
     * @throws IllegalArgumentException when the value is longer than {@link #maxValueBytes()}
     * @throws BackendUnavailableException when the tier cannot be reached in its configured time
     */
    void store(String key, byte[] value);

    /**
     * Stores each value under its key, as {@link #store} does for one; a network tier overrides it
     * to send them together. A failure may leave some entries stored and others not. The default
     * stores one entry at a time, in the map's order.
     *
     * @throws IllegalArgumentException when a value is longer than {@link #maxValueBytes()}; no
     *     entry is stored then
     * @throws BackendUnavailableException when the tier cannot be reached in its configured time
     * @throws NullPointerException when entries, a key or a value is null
     */
    default void storeAll(Map<String, byte[]> entries) {
        for (var value : entries.values()) {
            if (value.length > maxValueBytes()) {
                throw new IllegalArgumentException("value bytes[" + value.length + "] exceed maxValueBytes["
                        + maxValueBytes() + "] of cache tier[" + name() + "]; split the value");
            }
        }
        entries.forEach(this::store);
    }

    /**
     * Removes the value stored under the key; removing an absent key is not an error.
     *
     * @throws BackendUnavailableException when the tier cannot be reached in its configured time
     */
    void evict(String key);

    /**
     * Returns whether this tier implements {@link #storeIfAbsent} and {@link #evictIfMatches}: atomic
     * conditional writes, atomic among every client of the tier (all processes sharing a cache
     * server, or all threads of the process for an in-process tier). The default is false, and then
     * both methods throw {@link UnsupportedOperationException}.
     */
    default boolean supportsConditionalWrites() {
        return false;
    }

    /**
     * Stores the value under the key, to expire after {@code ttl}, only when the tier holds no live
     * value under it; returns whether it stored it. Atomic: of concurrent calls for one absent key,
     * exactly one returns true. An expired entry counts as absent. The entry lives at least
     * {@code ttl} unless the tier loses it earlier (eviction, a restart), and may live a little longer
     * where the tier counts time coarsely (memcached: up to one more second). {@link #load} returns
     * it while it lives; {@link #store} and {@link #evict} replace and remove it as any entry.
     *
     * <p>Since a cache tier may lose any entry, two callers may both succeed when the entry was lost
     * between their calls: use it for leases that tolerate a rare second holder, never to guard data.
     *
     * @param ttl how long the entry lives; positive
     * @throws UnsupportedOperationException when {@link #supportsConditionalWrites()} is false
     * @throws IllegalArgumentException when the key is invalid, the value is longer than
     *     {@link #maxValueBytes()}, or the ttl is not positive
     * @throws BackendUnavailableException when the tier cannot be reached in its configured time
     * @throws NullPointerException when an argument is null
     */
    default boolean storeIfAbsent(String key, byte[] value, Duration ttl) {
        throw new UnsupportedOperationException("cache tier[" + name() + "] has no conditional writes");
    }

    /**
     * Removes the value stored under the key only when it has exactly the given bytes; returns whether
     * it removed it (false when the key is absent or holds other bytes). Atomic: a value stored by
     * another caller between the comparison and the removal is never removed. Idempotent.
     *
     * @throws UnsupportedOperationException when {@link #supportsConditionalWrites()} is false
     * @throws IllegalArgumentException when the key is invalid
     * @throws BackendUnavailableException when the tier cannot be reached in its configured time
     * @throws NullPointerException when an argument is null
     */
    default boolean evictIfMatches(String key, byte[] expected) {
        throw new UnsupportedOperationException("cache tier[" + name() + "] has no conditional writes");
    }
}
