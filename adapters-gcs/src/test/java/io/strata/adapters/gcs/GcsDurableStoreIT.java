package io.strata.adapters.gcs;

import io.strata.adapters.gcs.GcsDurableStoreConfig.Credentials;
import io.strata.ports.BackendFailureException;
import io.strata.ports.BackendUnavailableException;
import io.strata.ports.DurableStore;
import io.strata.ports.InputRejectedException;
import io.strata.testkit.DurableStoreContractTest;
import io.strata.testkit.LocalGcsEmulator;
import io.strata.testkit.SilentServer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** Runs the durable store contract, and GCS's own settings and failures, against a real GCS JSON API emulator. */
class GcsDurableStoreIT extends DurableStoreContractTest {
    @RegisterExtension
    static final LocalGcsEmulator SERVER = new LocalGcsEmulator();

    private static final Duration TIMEOUT = Duration.ofMillis(500);
    private static final Duration SERVER_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration SLOW_READ_TIMEOUT = Duration.ofSeconds(2);
    /** Is the default of durable.gcs.max-attempts. */
    private static final int DEFAULT_ATTEMPTS = 3;
    /** Is only a guard against a hung test, several times the longest such a load may take. */
    private static final Duration HANG_GUARD = Duration.ofSeconds(15);
    private static final AtomicInteger BUCKETS = new AtomicInteger();

    private final List<GcsDurableStore> opened = new ArrayList<>();

    @TempDir
    Path temp;

    @Override
    protected DurableStore createStore() {
        var bucket = "contract-" + BUCKETS.incrementAndGet();
        SERVER.createBucket(bucket);
        return open(config(bucket, SERVER.endpoint(), SERVER_TIMEOUT));
    }

    /**
     * Returns false: the emulator ignores ifGenerationMatch, so every conditional write goes through.
     * Google Cloud Storage enforces it in one step with the write; that is not tested here.
     */
    @Override
    protected boolean enforcesConditionalWrites() {
        return false;
    }

    @AfterEach
    void closeStores() {
        opened.forEach(GcsDurableStore::close);
    }

    @Test
    void checkAccess_existingBucket_succeeds() {
        SERVER.createBucket("access-ok");

        open(config("access-ok", SERVER.endpoint(), SERVER_TIMEOUT)).checkAccess();
    }

    @Test
    void checkAccess_missingBucket_throwsFailureNamingBucketSetting() {
        var store = open(config("no-such-bucket", SERVER.endpoint(), SERVER_TIMEOUT));

        assertThatThrownBy(store::checkAccess).isInstanceOf(BackendFailureException.class)
                .hasMessageContaining("durable.gcs.bucket[no-such-bucket] does not exist");
    }

    @Test
    void store_missingBucket_throwsFailureNamingBucketSetting() {
        var store = open(config("no-such-bucket", SERVER.endpoint(), SERVER_TIMEOUT));

        assertThatThrownBy(() -> store.store("a/b", bytes(1, 1))).isInstanceOf(BackendFailureException.class)
                .hasMessageContaining("durable.gcs.bucket[no-such-bucket] does not exist");
    }

    @Test
    void create_malformedKeyFile_throwsFailureNamingKeyFileSetting() throws IOException {
        var keyFile = Files.writeString(temp.resolve("key.json"), "{\"type\": \"service_account\"}");

        assertThatThrownBy(() -> new GcsDurableStore(new GcsDurableStoreConfig("bucket", Optional.empty(),
                Optional.of(SERVER.endpoint()), Credentials.SERVICE_ACCOUNT_FILE, Optional.of(keyFile),
                SERVER_TIMEOUT, SERVER_TIMEOUT, 1, SERVER_TIMEOUT)))
                .isInstanceOf(BackendFailureException.class)
                .hasMessageContaining("durable.gcs.credentials-file[" + keyFile + "]");
    }

    @Test
    void create_missingKeyFile_throwsFailureNamingKeyFileSetting() {
        var keyFile = temp.resolve("absent.json");

        assertThatThrownBy(() -> new GcsDurableStore(new GcsDurableStoreConfig("bucket", Optional.empty(),
                Optional.empty(), Credentials.SERVICE_ACCOUNT_FILE, Optional.of(keyFile), SERVER_TIMEOUT,
                SERVER_TIMEOUT, 1, SERVER_TIMEOUT)))
                .isInstanceOf(BackendFailureException.class)
                .hasMessageContaining("durable.gcs.credentials-file[" + keyFile + "]");
    }

    @Test
    void load_serverThatNeverAnswers_throwsUnavailableWithinTimeout() {
        try (var silent = new SilentServer()) {
            var endpoint = URI.create("http://" + silent.address().getAddress().getHostAddress() + ":"
                    + silent.address().getPort());
            var store = open(config("silent", endpoint, TIMEOUT));
            long start = System.nanoTime();

            assertThatThrownBy(() -> store.load("silent/path")).isInstanceOf(BackendUnavailableException.class)
                    .hasMessageContaining("durable.gcs.read-timeout[PT0.5S]");

            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(TIMEOUT.multipliedBy(4));
        }
    }

    @Test
    void load_serverThatNeverAnswersWithDefaultAttempts_endsUnavailableWithoutRetryAfterCallTimeout() {
        try (var silent = new SilentServer()) {
            var endpoint = URI.create("http://" + silent.address().getAddress().getHostAddress() + ":"
                    + silent.address().getPort());
            // The attempts of durable.gcs.max-attempts' default, with a call timeout shorter than one attempt's
            // read timeout: the first attempt runs out, and no retry starts after it.
            var store = open(new GcsDurableStoreConfig("silent", Optional.of(LocalGcsEmulator.PROJECT),
                    Optional.of(endpoint), Credentials.NONE, Optional.empty(), TIMEOUT, SLOW_READ_TIMEOUT,
                    DEFAULT_ATTEMPTS, TIMEOUT));

            assertTimeoutPreemptively(HANG_GUARD, () -> assertThatThrownBy(() -> store.load("silent/path"))
                    .isInstanceOf(BackendUnavailableException.class)
                    .hasMessageContaining("durable.gcs.call-timeout[PT0.5S]"));

            assertThat(silent.acceptedConnections()).as("no retry after the call timeout").isEqualTo(1);
        }
    }

    @Test
    void store_nothingListening_throwsUnavailable() throws Exception {
        int port;
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        var store = open(config("closed", URI.create("http://127.0.0.1:" + port), SERVER_TIMEOUT));

        assertThatThrownBy(() -> store.store("closed/path", bytes(1, 1)))
                .isInstanceOf(BackendUnavailableException.class)
                .hasMessageContaining("durable.gcs.endpoint[http://127.0.0.1:" + port + "]");
    }

    @Test
    void storeIfUnchanged_revisionThatIsNoGeneration_throwsInputRejectedNamingRevision() {
        assertThatThrownBy(() -> store().storeIfUnchanged("a/b", Optional.of("etag-like"), bytes(1, 1)))
                .isInstanceOf(InputRejectedException.class)
                .hasMessageContaining("revision[etag-like]");
    }

    @Test
    void loadEntry_storedPath_returnsGenerationAsRevision() {
        store().store("a/b", bytes(3, 1));

        var entry = store().loadEntry("a/b").orElseThrow();

        assertThat(Long.parseLong(entry.revision())).isPositive();
    }

    @Test
    void describe_endpointAndBucket_namesBoth() {
        var store = open(config("described", SERVER.endpoint(), SERVER_TIMEOUT));

        assertThat(store.describe()).isEqualTo("gcs[" + SERVER.endpoint() + "/described]");
    }

    private GcsDurableStore open(GcsDurableStoreConfig config) {
        var store = new GcsDurableStore(config);
        opened.add(store);
        return store;
    }

    private static GcsDurableStoreConfig config(String bucket, URI endpoint, Duration timeout) {
        return new GcsDurableStoreConfig(bucket, Optional.of(LocalGcsEmulator.PROJECT), Optional.of(endpoint),
                Credentials.NONE, Optional.empty(), timeout, timeout, 1, timeout);
    }
}
