package io.strata.bench;

import io.strata.adapters.memcached.MemcachedCacheTier;
import io.strata.adapters.memcached.MemcachedCacheTierConfig;
import io.strata.adapters.redis.RedisCacheTier;
import io.strata.adapters.redis.RedisCacheTierConfig;
import io.strata.domain.store.ChunkedPayloads;
import io.strata.ports.CacheTier;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Measures a payload's trip through a shared cache tier as the store makes it (chunked by
 * {@link ChunkedPayloads} at the tier's default item limit) against one plain get or set of the same
 * bytes with the same client, on loopback servers that {@code bench/cache-tiers.sh} starts (memcached
 * with a 32 MiB item size, so the plain set of 20 MB fits). Payloads are random bytes, as
 * incompressible as an encoded structure.
 *
 * <p>At setup it prints one {@code round-trips} line per backend and size: the number of requests
 * a chunked load makes, counted, as the store makes it (the head and the first chunk keys in one
 * multi-key read) and head first (the head, then its chunks).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class CacheTierBenchmark {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final long RAW_ITEM_BYTES = 32L * 1024 * 1024 - 8 * 1024;

    @Param({"memcached", "redis"})
    public String backend;

    @Param({"500000", "3000000", "20000000"})
    public int payloadBytes;

    @Param("11211")
    public int memcachedPort;

    @Param("6379")
    public int redisPort;

    private CacheTier chunkedTier;
    private CacheTier rawTier;
    private byte[] payload;
    private String chunkedKey;
    private String rawKey;

    @Setup(Level.Trial)
    public void setUp() {
        payload = new byte[payloadBytes];
        new Random(payloadBytes).nextBytes(payload);
        chunkedKey = "bench:chunked:{" + payloadBytes + "}";
        rawKey = "bench:raw:" + payloadBytes;
        if ("memcached".equals(backend)) {
            chunkedTier = memcached(MemcachedCacheTierConfig.DEFAULT_MAX_ITEM_BYTES);
            rawTier = memcached(RAW_ITEM_BYTES);
        } else {
            chunkedTier = redis(RedisCacheTierConfig.DEFAULT_MAX_ITEM_BYTES);
            rawTier = redis(RAW_ITEM_BYTES);
        }
        ChunkedPayloads.store(chunkedTier, chunkedKey, payload);
        rawTier.store(rawKey, payload);
        System.out.println(String.format(Locale.ROOT,
                "round-trips backend=%s bytes=%d chunked-load=%d head-first=%d item-limit=%d prefetch=%d",
                backend, payloadBytes, countRoundTrips(ChunkedPayloads.prefetchChunks(chunkedTier)),
                countRoundTrips(0), chunkedTier.maxValueBytes(), ChunkedPayloads.prefetchChunks(chunkedTier)));
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        ((AutoCloseable) chunkedTier).close();
        ((AutoCloseable) rawTier).close();
    }

    @Benchmark
    public byte[] loadChunked() {
        return ChunkedPayloads.load(chunkedTier, chunkedKey).orElseThrow();
    }

    /** Reads the head alone, then its chunks: the two requests of a load before issue #5's one-request read. */
    @Benchmark
    public byte[] loadChunkedHeadFirst() {
        return ChunkedPayloads.load(chunkedTier, chunkedKey, 0).orElseThrow();
    }

    @Benchmark
    public byte[] loadRaw() {
        return rawTier.load(rawKey).orElseThrow();
    }

    @Benchmark
    public void storeChunked() {
        ChunkedPayloads.store(chunkedTier, chunkedKey, payload);
    }

    @Benchmark
    public void storeRaw() {
        rawTier.store(rawKey, payload);
    }

    private int countRoundTrips(int prefetch) {
        var requests = new AtomicInteger();
        var counting = new CountingTier(chunkedTier, requests);
        var loaded = ChunkedPayloads.load(counting, chunkedKey, prefetch).orElseThrow();
        if (loaded.length != payload.length) {
            throw new IllegalStateException(String.format(Locale.ROOT, "Chunked load returned bytes[%d], not %d",
                    loaded.length, payload.length));
        }
        return requests.get();
    }

    private CacheTier memcached(long maxItemBytes) {
        var server = new InetSocketAddress(InetAddress.getLoopbackAddress(), memcachedPort);
        return new MemcachedCacheTier(new MemcachedCacheTierConfig(List.of(server),
                MemcachedCacheTierConfig.Protocol.BINARY, TIMEOUT, TIMEOUT, maxItemBytes, Optional.empty()));
    }

    private CacheTier redis(long maxItemBytes) {
        var server = new InetSocketAddress(InetAddress.getLoopbackAddress(), redisPort);
        return new RedisCacheTier(new RedisCacheTierConfig(RedisCacheTierConfig.Mode.STANDALONE, List.of(server),
                Optional.empty(), Optional.empty(), Optional.empty(), false, TIMEOUT, TIMEOUT,
                RedisCacheTierConfig.DEFAULT_MAX_CONNECTIONS, maxItemBytes, Optional.empty()));
    }

    /** Counts the requests (single and multi-key reads) a load sends to the tier. */
    private record CountingTier(CacheTier delegate, AtomicInteger requests) implements CacheTier {
        @Override
        public String name() {
            return delegate.name();
        }

        @Override
        public long maxValueBytes() {
            return delegate.maxValueBytes();
        }

        @Override
        public Optional<byte[]> load(String key) {
            requests.incrementAndGet();
            return delegate.load(key);
        }

        @Override
        public Map<String, byte[]> loadAll(List<String> keys) {
            requests.incrementAndGet();
            return delegate.loadAll(keys);
        }

        @Override
        public void store(String key, byte[] value) {
            delegate.store(key, value);
        }

        @Override
        public void evict(String key) {
            delegate.evict(key);
        }
    }
}
