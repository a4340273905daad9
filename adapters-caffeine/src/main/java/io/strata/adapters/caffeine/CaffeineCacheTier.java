package io.strata.adapters.caffeine;

import io.strata.ports.CacheKeys;
import io.strata.ports.CacheTier;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Policy;
import com.github.benmanes.caffeine.cache.Ticker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;

import static java.util.Objects.requireNonNull;

/**
 * Is the in-process {@link CacheTier}, on Caffeine, bounded by bytes rather than by entries.
 *
 * <p>Each entry weighs its value's length, its key's length and {@link #ENTRY_OVERHEAD_BYTES} for
 * the map node, the key string and the array header. One value may use at most a quarter of
 * {@code maxBytes} ({@link #maxValueBytes()}), so that storing one large course never empties the
 * cache of every other course. Eviction follows Caffeine's size policy (frequency and recency),
 * so a store may evict other entries, or the new one, at once.
 *
 * <p>Expiry is per entry: {@code expireAfterWrite} for entries written by {@link #store}, the given
 * ttl for those written by {@link #storeIfAbsent}.
 *
 * <p>Values are neither copied on store nor on load: a loaded array is the stored array, and the
 * caller must not change it.
 */
public final class CaffeineCacheTier implements CacheTier {
    /** Is the estimated heap cost of one entry beyond its key and value bytes. */
    static final int ENTRY_OVERHEAD_BYTES = 128;

    private static final Logger log = LoggerFactory.getLogger(CaffeineCacheTier.class);
    // The largest array the JVM reliably allocates is a few bytes under Integer.MAX_VALUE.
    private static final long LARGEST_ARRAY_BYTES = Integer.MAX_VALUE - 8;
    private static final int VALUE_SHARE_DIVISOR = 4;

    private final Cache<String, byte[]> cache;
    private final Policy.VarExpiration<String, byte[]> expiration;
    private final long maxValueBytes;

    /** Creates a tier with the given configuration. */
    public CaffeineCacheTier(CaffeineCacheTierConfig config) {
        this(config, Ticker.systemTicker(), ForkJoinPool.commonPool());
    }

    /** Creates a tier that reads time from the ticker and runs maintenance on the executor. */
    CaffeineCacheTier(CaffeineCacheTierConfig config, Ticker ticker, Executor executor) {
        requireNonNull(config, "config is null");
        requireNonNull(ticker, "ticker is null");
        requireNonNull(executor, "executor is null");

        this.maxValueBytes = Math.min(config.maxBytes() / VALUE_SHARE_DIVISOR, LARGEST_ARRAY_BYTES);
        var builder = Caffeine.newBuilder()
                .maximumWeight(config.maxBytes())
                .weigher(CaffeineCacheTier::weigh)
                .ticker(ticker)
                .executor(executor);
        this.cache = builder.expireAfter(expireAfterWrite(config.expireAfterWrite())).build();
        this.expiration = cache.policy().expireVariably().orElseThrow();
        log.debug("Cache tier[caffeine] holds maxBytes[{}] maxValueBytes[{}] expireAfterWrite[{}]",
                config.maxBytes(), maxValueBytes, config.expireAfterWrite().orElse(null));
    }

    @Override
    public String name() {
        return "caffeine";
    }

    @Override
    public long maxValueBytes() {
        return maxValueBytes;
    }

    /** Returns {@link #maxValueBytes()}: chunks of a larger payload would crowd out every other course. */
    @Override
    public long maxChunkedBytes() {
        return maxValueBytes;
    }

    @Override
    public Optional<byte[]> load(String key) {
        CacheKeys.check(key);
        return Optional.ofNullable(cache.getIfPresent(key));
    }

    @Override
    public void store(String key, byte[] value) {
        CacheKeys.check(key);
        requireNonNull(value, "value is null");
        if (value.length > maxValueBytes) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "Cannot store key[%s] in cache tier[caffeine]: value bytes[%d] exceed maxValueBytes[%d];"
                            + " split the value or raise in-process.max-bytes",
                    key, value.length, maxValueBytes));
        }

        cache.put(key, value);
    }

    @Override
    public void evict(String key) {
        CacheKeys.check(key);
        cache.invalidate(key);
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
                    "Cannot store key[%s] in cache tier[caffeine]: value bytes[%d] must be at most %d and ttl[%s]"
                            + " positive", key, value.length, maxValueBytes, ttl));
        }

        return expiration.putIfAbsent(key, value, ttl) == null;
    }

    @Override
    public boolean evictIfMatches(String key, byte[] expected) {
        CacheKeys.check(key);
        requireNonNull(expected, "expected is null");

        var removed = new boolean[1];
        cache.asMap().computeIfPresent(key, (k, value) -> {
            removed[0] = Arrays.equals(value, expected);
            return removed[0] ? null : value;
        });
        return removed[0];
    }

    /** Runs pending maintenance (eviction, expiry) now. */
    void cleanUp() {
        cache.cleanUp();
    }

    /** Returns the total weight of the entries held now, in bytes. */
    long weightedBytes() {
        return cache.policy().eviction().orElseThrow().weightedSize().orElseThrow();
    }

    /** Returns an expiry that gives every written entry the same lifetime, or none; a read never changes it. */
    private static Expiry<String, byte[]> expireAfterWrite(Optional<Duration> lifetime) {
        long nanos = lifetime.map(Duration::toNanos).orElse(Long.MAX_VALUE);
        return new Expiry<>() {
            @Override
            public long expireAfterCreate(String key, byte[] value, long currentTime) {
                return nanos;
            }

            @Override
            public long expireAfterUpdate(String key, byte[] value, long currentTime, long currentDuration) {
                return nanos;
            }

            @Override
            public long expireAfterRead(String key, byte[] value, long currentTime, long currentDuration) {
                return currentDuration;
            }
        };
    }

    private static int weigh(String key, byte[] value) {
        return (int) Math.min(Integer.MAX_VALUE, (long) value.length + key.length() + ENTRY_OVERHEAD_BYTES);
    }
}
