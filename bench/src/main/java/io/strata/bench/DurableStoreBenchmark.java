package io.strata.bench;

import io.strata.adapters.filesystem.FilesystemDurableStore;
import io.strata.adapters.filesystem.FilesystemDurableStoreConfig;
import io.strata.adapters.gcs.GcsDurableStore;
import io.strata.adapters.gcs.GcsDurableStoreConfig;
import io.strata.adapters.s3.S3DurableStore;
import io.strata.adapters.s3.S3DurableStoreConfig;
import io.strata.ports.DurableStore;
import io.strata.ports.Secret;
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

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * Measures a store and a load of one payload in a durable store: a local folder, S3 through
 * S3Proxy on loopback ({@code bench/durable-stores.sh} starts it, keeping objects in a folder), and
 * GCS through the firebase-tools Cloud Storage emulator on loopback (the script starts it too; it
 * keeps objects in memory and temporary files). Payloads are random bytes, as incompressible as an
 * encoded structure.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class DurableStoreBenchmark {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Param({"filesystem", "s3", "gcs"})
    public String backend;

    @Param({"500000", "3000000", "20000000"})
    public int payloadBytes;

    @Param("")
    public String s3Endpoint;

    @Param("bench")
    public String s3Bucket;

    @Param("strata-test-access")
    public String s3AccessKeyId;

    @Param("strata-test-secret")
    public String s3SecretAccessKey;

    @Param("")
    public String gcsEndpoint;

    @Param("bench")
    public String gcsBucket;

    private DurableStore store;
    private Path folder;
    private byte[] payload;
    private String path;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        payload = new byte[payloadBytes];
        new Random(payloadBytes).nextBytes(payload);
        path = "bench/course-v1:Bench+B1+2026/v" + payloadBytes + ".strb";
        if ("s3".equals(backend)) {
            store = new S3DurableStore(new S3DurableStoreConfig(s3Bucket, "us-east-1",
                    Optional.of(URI.create(s3Endpoint)), true, Optional.of(s3AccessKeyId),
                    Optional.of(Secret.of(s3SecretAccessKey)), TIMEOUT, TIMEOUT, 1, TIMEOUT));
        } else if ("gcs".equals(backend)) {
            store = new GcsDurableStore(new GcsDurableStoreConfig(gcsBucket, Optional.of("strata-bench"),
                    Optional.of(URI.create(gcsEndpoint)), GcsDurableStoreConfig.Credentials.NONE, Optional.empty(),
                    TIMEOUT, TIMEOUT, 1, TIMEOUT));
        } else {
            folder = Files.createTempDirectory("strata-bench-durable-");
            store = new FilesystemDurableStore(new FilesystemDurableStoreConfig(folder));
        }
        store.store(path, payload);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        store.delete(path);
        if (store instanceof AutoCloseable closeable) {
            closeQuietly(closeable);
        }
        if (folder != null) {
            deleteTree(folder);
        }
    }

    @Benchmark
    public void store() {
        store.store(path, payload);
    }

    @Benchmark
    public byte[] load() {
        return store.load(path).orElseThrow();
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            throw new IllegalStateException("Cannot close the store", e);
        }
    }

    private static void deleteTree(Path root) {
        try (var paths = Files.walk(root)) {
            paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
