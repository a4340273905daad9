package io.strata.bench;

import io.strata.adapters.memcached.MemcachedCacheTier;
import io.strata.adapters.memcached.MemcachedCacheTierConfig;
import io.strata.adapters.redis.RedisCacheTier;
import io.strata.adapters.redis.RedisCacheTierConfig;
import io.strata.domain.store.ChunkedPayloads;
import io.strata.ports.CacheTier;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.function.Supplier;

/*
 * Not JMH: the ways of loading one payload are measured in alternation, round after round, so that
 * all see the same load on a machine shared with other work. CacheTierBenchmark (JMH) measures the
 * same operations one after the other.
 */
/**
 * Measures what {@link CacheTierBenchmark} measures, interleaved: per backend and payload size, a
 * plain get of the payload, the chunked load as the store makes it (the head and the first chunk
 * keys in one request), the chunked load head first (the head, then its chunks), a plain set and
 * the chunked store, each once per round in a rotating order.
 *
 * <p>Usage: {@code CacheTierMeasurement MEMCACHED_PORT REDIS_PORT ROUNDS}, against the servers that
 * {@code bench/cache-tiers.sh} starts. Prints one {@code backend=... key=value} line per backend
 * and size with the median milliseconds of each operation.
 */
public final class CacheTierMeasurement {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final long RAW_ITEM_BYTES = 32L * 1024 * 1024 - 8 * 1024;
    private static final int WARM_UP_ROUNDS = 10;
    private static final int[] PAYLOAD_BYTES = {500_000, 3_000_000, 20_000_000};

    private CacheTierMeasurement() {
    }

    public static void main(String[] args) throws Exception {
        int memcachedPort = Integer.parseInt(args[0]);
        int redisPort = Integer.parseInt(args[1]);
        int rounds = Integer.parseInt(args[2]);
        for (var backend : List.of("memcached", "redis")) {
            for (int bytes : PAYLOAD_BYTES) {
                try (var chunked = tier(backend, memcachedPort, redisPort, /* raw= */ false);
                        var raw = tier(backend, memcachedPort, redisPort, /* raw= */ true)) {
                    measure(backend, bytes, chunked.tier(), raw.tier(), rounds);
                }
            }
        }
        System.exit(0);
    }

    private static void measure(String backend, int bytes, CacheTier chunked, CacheTier raw, int rounds) {
        var payload = new byte[bytes];
        new Random(bytes).nextBytes(payload);
        var chunkedKey = "measure:chunked:{" + bytes + "}";
        var rawKey = "measure:raw:" + bytes;
        ChunkedPayloads.store(chunked, chunkedKey, payload);
        raw.store(rawKey, payload);

        var operations = new LinkedHashMap<String, Supplier<Object>>();
        operations.put("load-plain", () -> raw.load(rawKey).orElseThrow());
        operations.put("load-chunked", () -> ChunkedPayloads.load(chunked, chunkedKey).orElseThrow());
        operations.put("load-head-first", () -> ChunkedPayloads.load(chunked, chunkedKey, 0).orElseThrow());
        operations.put("store-plain", () -> {
            raw.store(rawKey, payload);
            return rawKey;
        });
        operations.put("store-chunked", () -> {
            ChunkedPayloads.store(chunked, chunkedKey, payload);
            return chunkedKey;
        });
        var names = List.copyOf(operations.keySet());
        var times = new double[names.size()][rounds];
        for (int round = -WARM_UP_ROUNDS; round < rounds; round++) {
            for (int step = 0; step < names.size(); step++) {
                // Rotate the order so that no operation always follows the same other one.
                int index = Math.floorMod(step + round, names.size());
                long start = System.nanoTime();
                operations.get(names.get(index)).get();
                if (round >= 0) {
                    times[index][round] = (System.nanoTime() - start) / 1e6;
                }
            }
        }

        var line = new StringBuilder(String.format(Locale.ROOT, "backend=%s bytes=%d rounds=%d", backend, bytes,
                rounds));
        for (int i = 0; i < names.size(); i++) {
            line.append(String.format(Locale.ROOT, " %s=%.3f", names.get(i), median(times[i])));
        }
        System.out.println(line);
    }

    private static double median(double[] values) {
        var sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static Closing tier(String backend, int memcachedPort, int redisPort, boolean raw) {
        if ("memcached".equals(backend)) {
            var server = new InetSocketAddress(InetAddress.getLoopbackAddress(), memcachedPort);
            return new Closing(new MemcachedCacheTier(new MemcachedCacheTierConfig(List.of(server),
                    MemcachedCacheTierConfig.Protocol.BINARY, TIMEOUT, TIMEOUT,
                    raw ? RAW_ITEM_BYTES : MemcachedCacheTierConfig.DEFAULT_MAX_ITEM_BYTES, Optional.empty())));
        }
        var server = new InetSocketAddress(InetAddress.getLoopbackAddress(), redisPort);
        return new Closing(new RedisCacheTier(new RedisCacheTierConfig(RedisCacheTierConfig.Mode.STANDALONE,
                List.of(server), Optional.empty(), Optional.empty(), Optional.empty(), false, TIMEOUT, TIMEOUT,
                RedisCacheTierConfig.DEFAULT_MAX_CONNECTIONS,
                raw ? RAW_ITEM_BYTES : RedisCacheTierConfig.DEFAULT_MAX_ITEM_BYTES, Optional.empty())));
    }

    /** Is a tier that is closed at the end of a try block. */
    private record Closing(CacheTier tier) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            ((AutoCloseable) tier).close();
        }
    }
}
