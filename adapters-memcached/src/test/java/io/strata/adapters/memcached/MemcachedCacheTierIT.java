package io.strata.adapters.memcached;

import io.strata.adapters.memcached.MemcachedCacheTierConfig.Protocol;
import io.strata.ports.BackendUnavailableException;
import io.strata.ports.CacheTier;
import io.strata.testkit.CacheTierContractTest;
import io.strata.testkit.LocalServer;
import io.strata.testkit.SilentServer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Runs the cache tier contract, and memcached's own limits and failures, against a real memcached. */
class MemcachedCacheTierIT extends CacheTierContractTest {
    @RegisterExtension
    static final LocalServer SERVER = LocalServer.memcached("-I", "1m");

    private static final Duration TIMEOUT = Duration.ofMillis(500);

    private final List<MemcachedCacheTier> opened = new ArrayList<>();

    @Override
    protected CacheTier createTier() {
        SERVER.flush();
        return open(config(List.of(SERVER.address()), Protocol.BINARY, Optional.of(Duration.ofHours(24))));
    }

    @AfterEach
    void closeTiers() {
        opened.forEach(MemcachedCacheTier::close);
    }

    @Test
    void maxValueBytes_configuredAboveServerItemSize_isLoweredBelowIt() {
        var config = new MemcachedCacheTierConfig(List.of(SERVER.address()), Protocol.BINARY, TIMEOUT, TIMEOUT,
                4L * 1024 * 1024, Optional.empty());

        var tier = open(config);

        assertThat(tier.maxValueBytes()).isEqualTo(1024 * 1024 - 1024);
    }

    @Test
    void store_valueAtLoweredLimit_isStoredWithoutServerRefusal() {
        var tier = open(new MemcachedCacheTierConfig(List.of(SERVER.address()), Protocol.BINARY, TIMEOUT, TIMEOUT,
                4L * 1024 * 1024, Optional.empty()));
        var refusedBefore = storeTooLarge();

        tier.store("limit:lowered", bytes((int) tier.maxValueBytes(), 5));

        assertThat(tier.load("limit:lowered")).hasValueSatisfying(value -> assertThat(value).hasSize(
                (int) tier.maxValueBytes()));
        assertThat(storeTooLarge()).isEqualTo(refusedBefore);
    }

    @Test
    void store_expiryOverThirtyDays_isSentAsAbsoluteTimeAndKept() {
        var tier = open(config(List.of(SERVER.address()), Protocol.BINARY, Optional.of(Duration.ofDays(45))));

        tier.store("expiry:long", bytes(10, 1));

        assertThat(tier.load("expiry:long")).isPresent();
    }

    @Test
    void store_expiryOfOneSecond_expiresTheEntry() throws InterruptedException {
        var tier = open(config(List.of(SERVER.address()), Protocol.BINARY, Optional.of(Duration.ofSeconds(1))));
        tier.store("expiry:short", bytes(10, 1));

        Thread.sleep(2100);

        assertThat(tier.load("expiry:short")).isEmpty();
    }

    @Test
    void store_noExpiry_keepsTheEntry() throws InterruptedException {
        var tier = open(config(List.of(SERVER.address()), Protocol.BINARY, Optional.empty()));
        tier.store("expiry:never", bytes(10, 1));

        Thread.sleep(1100);

        assertThat(tier.load("expiry:never")).isPresent();
    }

    @Test
    void load_serverThatNeverAnswers_throwsUnavailableWithinTimeout() {
        try (var silent = new SilentServer()) {
            var tier = open(config(List.of(silent.address()), Protocol.BINARY, Optional.empty()));
            long start = System.nanoTime();

            assertThatThrownBy(() -> tier.load("silent:key")).isInstanceOf(BackendUnavailableException.class)
                    .hasMessageContaining("operation-timeout[PT0.5S]");

            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(TIMEOUT.multipliedBy(4));
            assertThat(silent.acceptedConnections()).isPositive();
        }
    }

    @Test
    void loadAll_serverThatNeverAnswers_throwsUnavailable() {
        try (var silent = new SilentServer()) {
            var tier = open(config(List.of(silent.address()), Protocol.BINARY, Optional.empty()));

            assertThatThrownBy(() -> tier.loadAll(List.of("a", "b"))).isInstanceOf(BackendUnavailableException.class);
        }
    }

    @Test
    void load_serverStoppedThenStarted_failsFastThenAnswersAgainWithoutNewTier() throws InterruptedException {
        try (var server = LocalServer.memcached()) {
            server.start();
            var tier = open(config(List.of(server.address()), Protocol.BINARY, Optional.empty()));
            tier.store("outage:key", bytes(10, 1));

            server.stop();
            long start = System.nanoTime();
            assertThatThrownBy(() -> tier.load("outage:key")).isInstanceOf(BackendUnavailableException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(TIMEOUT.multipliedBy(4));

            server.start();
            // The server lost its data; the tier must take writes and answer reads again soon.
            assertThat(awaitLoad(tier, "outage:key", Duration.ofSeconds(10))).hasValueSatisfying(
                    value -> assertThat(value).isEqualTo(bytes(10, 2)));
        }
    }

    @Test
    void store_twoServers_spreadsKeysOverBoth() {
        try (var second = LocalServer.memcached()) {
            second.start();
            SERVER.flush();
            var tier = open(config(List.of(SERVER.address(), second.address()), Protocol.BINARY, Optional.empty()));

            for (int i = 0; i < 40; i++) {
                tier.store("spread:" + i, bytes(10, i));
            }

            assertThat(Integer.parseInt(SERVER.memcachedStat("curr_items").orElseThrow())).isPositive();
            assertThat(Integer.parseInt(second.memcachedStat("curr_items").orElseThrow())).isPositive();
            assertThat(tier.loadAll(List.of("spread:0", "spread:39"))).hasSize(2);
        }
    }

    @Test
    void storeAll_manyChunks_storesEveryEntry() {
        var tier = tier();
        var entries = new LinkedHashMap<String, byte[]>();
        for (int i = 0; i < 6; i++) {
            entries.put("chunks:" + i, bytes((int) tier.maxValueBytes(), i));
        }

        tier.storeAll(entries);

        assertThat(tier.loadAll(List.copyOf(entries.keySet()))).hasSize(6);
    }

    private static Optional<byte[]> awaitLoad(CacheTier tier, String key, Duration patience)
            throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                var value = tier.load(key);
                if (value.isPresent()) {
                    return value;
                }
                tier.store(key, bytes(10, 2));
            } catch (BackendUnavailableException e) {
                // Still reconnecting.
            }
            Thread.sleep(100);
        }
        return Optional.empty();
    }

    private static long storeTooLarge() {
        return Long.parseLong(SERVER.memcachedStat("store_too_large").orElse("0"));
    }

    private MemcachedCacheTier open(MemcachedCacheTierConfig config) {
        var tier = new MemcachedCacheTier(config);
        opened.add(tier);
        return tier;
    }

    static MemcachedCacheTierConfig config(List<InetSocketAddress> servers, Protocol protocol,
            Optional<Duration> expiry) {
        return new MemcachedCacheTierConfig(servers, protocol, TIMEOUT, TIMEOUT,
                MemcachedCacheTierConfig.DEFAULT_MAX_ITEM_BYTES, expiry);
    }
}
