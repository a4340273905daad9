package io.strata.ports;

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
}
