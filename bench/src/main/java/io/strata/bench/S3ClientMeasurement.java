package io.strata.bench;

import io.strata.adapters.s3.S3DurableStore;
import io.strata.adapters.s3.S3DurableStoreConfig;
import io.strata.ports.Secret;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3AsyncClient;

import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/*
 * Not JMH: the two clients are measured in alternation, round after round (the order swapped every
 * round), so that both see the same load on a machine shared with other work; JMH would measure one,
 * then the other.
 */
/**
 * Measures a store and a load of 0.5, 3 and 20 MB objects against one S3 endpoint (the S3Proxy that
 * {@code bench/s3-clients.sh} starts, bucket {@code bench}) through the AWS SDK's two clients: the
 * synchronous {@code S3Client} on the Apache HTTP client, as {@link S3DurableStore} runs it (the
 * store itself is called, so the body is read into one array), and the {@code S3AsyncClient} on the
 * Netty client with the same settings, reading with {@code AsyncResponseTransformer.toBytes()}; each
 * async call is joined at once, as a blocking caller such as the store's would use it.
 *
 * <p>Usage: {@code S3ClientMeasurement S3_ENDPOINT ROUNDS}. Prints one
 * {@code bytes=... key=value} line per size, medians in milliseconds, then the names of the threads
 * each client started.
 */
public final class S3ClientMeasurement {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final String BUCKET = "bench";
    private static final String ACCESS_KEY_ID = "strata-test-access";
    private static final String SECRET_ACCESS_KEY = "strata-test-secret";
    private static final List<Integer> SIZES = List.of(500_000, 3_000_000, 20_000_000);
    private static final int WARM_UP_ROUNDS = 5;

    private S3ClientMeasurement() {
    }

    public static void main(String[] args) {
        var endpoint = URI.create(args[0]);
        int rounds = Integer.parseInt(args[1]);

        var before = threadNames();
        var sync = new S3DurableStore(new S3DurableStoreConfig(BUCKET, "us-east-1", Optional.of(endpoint), true,
                Optional.of(ACCESS_KEY_ID), Optional.of(Secret.of(SECRET_ACCESS_KEY)), TIMEOUT, TIMEOUT, 1, TIMEOUT));
        sync.checkAccess();
        var syncThreads = newThreads(before);
        var async = asyncClient(endpoint);
        async.headBucket(request -> request.bucket(BUCKET)).join();
        var asyncThreads = newThreads(before);
        asyncThreads.removeAll(syncThreads);

        for (int size : SIZES) {
            measure(sync, async, size, rounds);
        }
        // Both clients start threads on use too (the async client's event loop grows with connections).
        System.out.println("threads sync-client-at-start=" + summary(syncThreads) + " async-client-at-start="
                + summary(asyncThreads) + " both-after-calls=" + summary(newThreads(before)));
        sync.close();
        async.close();
    }

    // The same settings as S3DurableStore: path-style, static keys, one attempt, timeouts.
    private static S3AsyncClient asyncClient(URI endpoint) {
        return S3AsyncClient.builder()
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(ACCESS_KEY_ID, SECRET_ACCESS_KEY)))
                .forcePathStyle(true)
                .endpointOverride(endpoint)
                .httpClientBuilder(NettyNioAsyncHttpClient.builder()
                        .connectionTimeout(TIMEOUT)
                        .readTimeout(TIMEOUT))
                .overrideConfiguration(override -> override
                        .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder().maxAttempts(1).build())
                        .apiCallTimeout(TIMEOUT))
                .build();
    }

    private static void measure(S3DurableStore sync, S3AsyncClient async, int size, int rounds) {
        var payload = new byte[size];
        new Random(size).nextBytes(payload);
        var syncKey = "s3-clients/sync/v" + size + ".strb";
        var asyncKey = "s3-clients/async/v" + size + ".strb";
        var times = new double[4][rounds];

        for (int round = -WARM_UP_ROUNDS; round < rounds; round++) {
            var taken = new double[4];
            if ((round & 1) == 0) {
                taken[0] = millis(() -> sync.store(syncKey, payload));
                taken[1] = millis(() -> storeAsync(async, asyncKey, payload));
                taken[2] = millis(() -> check(sync.load(syncKey).orElseThrow(), size));
                taken[3] = millis(() -> check(loadAsync(async, asyncKey), size));
            } else {
                taken[1] = millis(() -> storeAsync(async, asyncKey, payload));
                taken[0] = millis(() -> sync.store(syncKey, payload));
                taken[3] = millis(() -> check(loadAsync(async, asyncKey), size));
                taken[2] = millis(() -> check(sync.load(syncKey).orElseThrow(), size));
            }
            if (round >= 0) {
                for (int i = 0; i < 4; i++) {
                    times[i][round] = taken[i];
                }
            }
        }
        sync.delete(syncKey);
        async.deleteObject(request -> request.bucket(BUCKET).key(asyncKey)).join();

        System.out.printf(Locale.ROOT, "bytes=%d rounds=%d sync-store=%.2f async-store=%.2f sync-load=%.2f"
                        + " async-load=%.2f%n", size, rounds, median(times[0]), median(times[1]), median(times[2]),
                median(times[3]));
    }

    private static void storeAsync(S3AsyncClient async, String key, byte[] payload) {
        // Unsafe: no copy of the caller's array, as the synchronous store sends it.
        async.putObject(request -> request.bucket(BUCKET).key(key).contentLength((long) payload.length)
                .contentType("application/octet-stream"), AsyncRequestBody.fromBytesUnsafe(payload)).join();
    }

    private static byte[] loadAsync(S3AsyncClient async, String key) {
        return async.getObject(request -> request.bucket(BUCKET).key(key), AsyncResponseTransformer.toBytes())
                .join().asByteArrayUnsafe();
    }

    private static void check(byte[] loaded, int size) {
        if (loaded.length != size) {
            throw new IllegalStateException("Loaded bytes[" + loaded.length + "], expected bytes[" + size + "]");
        }
    }

    private static double millis(Runnable operation) {
        long start = System.nanoTime();
        operation.run();
        return (System.nanoTime() - start) / 1e6;
    }

    private static double median(double[] values) {
        var sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private static Set<String> threadNames() {
        return Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
                .collect(Collectors.toCollection(HashSet::new));
    }

    private static Set<String> newThreads(Set<String> before) {
        var names = threadNames();
        names.removeAll(before);
        return names;
    }

    // Groups thread names without their trailing numbers: "name-prefix×count".
    private static String summary(Set<String> names) {
        Map<String, Long> groups = names.stream().collect(Collectors.groupingBy(
                name -> name.replaceAll("[-_ ]?\\d+$", "").replaceAll("[-_ ]?\\d+$", ""),
                TreeMap::new, Collectors.counting()));
        return groups.entrySet().stream().map(group -> group.getKey().replace(' ', '_') + "x" + group.getValue())
                .collect(Collectors.joining(",", "[", "]"));
    }
}
