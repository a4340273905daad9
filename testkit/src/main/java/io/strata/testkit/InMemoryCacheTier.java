package io.strata.testkit;

import io.strata.ports.BackendUnavailableException;
import io.strata.ports.CacheKeys;
import io.strata.ports.CacheTier;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import static java.util.Objects.requireNonNull;

/**
 * Is a {@link CacheTier} held in a map, for tests. It never evicts on its own; a test makes it
 * lose entries with {@link #evictAll()} or go down with {@link #setAvailable(boolean)}.
 *
 * <p>It checks keys as strictly as the port allows (non-empty, at most
 * {@link CacheTier#MAX_KEY_LENGTH} printable ASCII characters without spaces), so a key that
 * passes here passes on every tier. It copies values on the way in and out. Entries written by
 * {@link #storeIfAbsent} expire by the clock it was given (the system clock by default).
 */
public final class InMemoryCacheTier implements CacheTier {
    /** Is the default largest value, memcached's default item size. */
    public static final long DEFAULT_MAX_VALUE_BYTES = 1024 * 1024;

    private final ConcurrentMap<String, Entry> entries = new ConcurrentHashMap<>();
    private final long maxValueBytes;
    private final Clock clock;
    private volatile boolean available = true;

    /** Creates a tier that accepts values up to {@link #DEFAULT_MAX_VALUE_BYTES}. */
    public InMemoryCacheTier() {
        this(DEFAULT_MAX_VALUE_BYTES);
    }

    /** Creates a tier that accepts values up to the given length; it must not be negative. */
    public InMemoryCacheTier(long maxValueBytes) {
        this(maxValueBytes, Clock.systemUTC());
    }

    /** Creates a tier that accepts values up to the given length and expires entries by the clock. */
    public InMemoryCacheTier(long maxValueBytes, Clock clock) {
        this.clock = requireNonNull(clock, "clock is null");
        if (maxValueBytes < 0) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "maxValueBytes[%d] must not be negative", maxValueBytes));
        }
        this.maxValueBytes = maxValueBytes;
    }

    /** Makes every later call succeed (true) or throw {@link BackendUnavailableException} (false). */
    public void setAvailable(boolean available) {
        this.available = available;
    }

    /** Removes every entry, as a restart of a cache server would. */
    public void evictAll() {
        entries.clear();
    }

    /** Returns the keys held now, sorted. */
    public Set<String> keys() {
        return new TreeSet<>(entries.keySet());
    }

    @Override
    public String name() {
        return "in-memory";
    }

    @Override
    public long maxValueBytes() {
        return maxValueBytes;
    }

    @Override
    public Optional<byte[]> load(String key) {
        CacheKeys.check(key);
        checkAvailable();

        return Optional.ofNullable(entries.computeIfPresent(key, (k, entry) -> entry.isExpired(clock) ? null : entry))
                .map(entry -> entry.value().clone());
    }

    @Override
    public void store(String key, byte[] value) {
        CacheKeys.check(key);
        requireNonNull(value, "value is null");
        if (value.length > maxValueBytes) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "Cannot store key[%s] in cache tier[%s]: value bytes[%d] exceed maxValueBytes[%d];"
                            + " split the value",
                    key, name(), value.length, maxValueBytes));
        }
        checkAvailable();

        entries.put(key, new Entry(value.clone(), null));
    }

    @Override
    public void evict(String key) {
        CacheKeys.check(key);
        checkAvailable();

        entries.remove(key);
    }

    @Override
    public boolean supportsConditionalWrites() {
        return true;
    }

    @Override
    public boolean storeIfAbsent(String key, byte[] value, Duration ttl) {
        CacheKeys.check(key);
        requireNonNull(value, "value is null");
        requireNonNull(ttl, "ttl is null");
        if (value.length > maxValueBytes || (ttl.isNegative() || ttl.isZero())) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "Cannot store key[%s] in cache tier[%s]: value bytes[%d] must be at most %d and ttl[%s]"
                            + " positive", key, name(), value.length, maxValueBytes, ttl));
        }
        checkAvailable();

        var mine = new Entry(value.clone(), clock.instant().plus(ttl));
        return entries.compute(key, (k, entry) -> entry == null || entry.isExpired(clock) ? mine : entry) == mine;
    }

    @Override
    public boolean evictIfMatches(String key, byte[] expected) {
        CacheKeys.check(key);
        requireNonNull(expected, "expected is null");
        checkAvailable();

        var removed = new boolean[1];
        entries.computeIfPresent(key, (k, entry) -> {
            removed[0] = !entry.isExpired(clock) && Arrays.equals(entry.value(), expected);
            return removed[0] || entry.isExpired(clock) ? null : entry;
        });
        return removed[0];
    }

    /** Is one stored value and, for one written by storeIfAbsent, when it expires. */
    private record Entry(byte[] value, Instant expiresAt) {
        boolean isExpired(Clock clock) {
            return expiresAt != null && !clock.instant().isBefore(expiresAt);
        }
    }

    private void checkAvailable() {
        if (!available) {
            throw new BackendUnavailableException(String.format(Locale.ROOT,
                    "Cache tier[%s] is unavailable (simulated); call setAvailable(true)", name()), null);
        }
    }
}
