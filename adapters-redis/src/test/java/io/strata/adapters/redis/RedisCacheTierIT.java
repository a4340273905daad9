package io.strata.adapters.redis;

import io.strata.adapters.redis.RedisCacheTierConfig.Mode;
import io.strata.ports.BackendUnavailableException;
import io.strata.ports.CacheTier;
import io.strata.ports.Secret;
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

/** Runs the cache tier contract, and Redis's own settings and failures, against a real standalone Redis. */
class RedisCacheTierIT extends CacheTierContractTest {
    @RegisterExtension
    static final LocalServer SERVER = LocalServer.redis();

    private static final Duration TIMEOUT = Duration.ofMillis(500);
    /** Is below the contract's largest tested value, so the limit itself is tested. */
    private static final long MAX_ITEM_BYTES = 2L * 1024 * 1024;

    private final List<RedisCacheTier> opened = new ArrayList<>();

    @Override
    protected CacheTier createTier() {
        SERVER.flush();
        return open(config(SERVER.address(), Optional.of(Duration.ofHours(24))));
    }

    @AfterEach
    void closeTiers() {
        opened.forEach(RedisCacheTier::close);
    }

    @Test
    void store_expiryOfOneSecond_setsTheTtlOnTheServer() {
        var tier = open(config(SERVER.address(), Optional.of(Duration.ofSeconds(1))));

        tier.store("expiry:short", bytes(10, 1));

        var ttl = SERVER.command("PTTL expiry:short", line -> true).get(0);
        assertThat(Long.parseLong(ttl.substring(1))).isBetween(1L, 1000L);
    }

    @Test
    void store_noExpiry_setsNoTtl() {
        var tier = open(config(SERVER.address(), Optional.empty()));

        tier.store("expiry:never", bytes(10, 1));

        assertThat(SERVER.command("PTTL expiry:never", line -> true)).containsExactly(":-1");
    }

    @Test
    void storeAll_chunks_areStoredWithTheirTtl() {
        var tier = tier();
        var entries = new LinkedHashMap<String, byte[]>();
        for (int i = 0; i < 5; i++) {
            entries.put("chunks:" + i, bytes((int) MAX_ITEM_BYTES, i));
        }

        tier.storeAll(entries);

        assertThat(tier.loadAll(List.copyOf(entries.keySet()))).hasSize(5);
        assertThat(SERVER.command("PTTL chunks:4", line -> true).get(0)).isNotEqualTo(":-1");
    }

    @Test
    void load_serverThatNeverAnswers_throwsUnavailableWithinTimeout() {
        try (var silent = new SilentServer()) {
            var tier = open(config(silent.address(), Optional.empty()));
            long start = System.nanoTime();

            assertThatThrownBy(() -> tier.load("silent:key")).isInstanceOf(BackendUnavailableException.class)
                    .hasMessageContaining("operation-timeout[PT0.5S]");

            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(TIMEOUT.multipliedBy(4));
        }
    }

    @Test
    void load_silentServerAndMoreCallersThanConnections_everyCallerEndsUnavailable() {
        try (var silent = new SilentServer()) {
            var tier = open(config(silent.address(), /* maxConnections= */ 4));

            ConcurrentLoads.assertEveryLoadUnavailable(tier, "silent:pool", 32);
        }
    }

    @Test
    void load_serverStoppedThenStarted_failsThenAnswersAgainWithoutNewTier() throws InterruptedException {
        try (var server = LocalServer.redis()) {
            server.start();
            var tier = open(config(server.address(), Optional.empty()));
            tier.store("outage:key", bytes(10, 1));

            server.stop();
            long start = System.nanoTime();
            assertThatThrownBy(() -> tier.load("outage:key")).isInstanceOf(BackendUnavailableException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(TIMEOUT.multipliedBy(4));

            server.start();
            assertThat(awaitStoreAndLoad(tier, "outage:key", Duration.ofSeconds(10))).isPresent();
        }
    }

    @Test
    void load_wrongPassword_throwsUnavailableWithoutRevealingIt() {
        var config = new RedisCacheTierConfig(Mode.STANDALONE, List.of(SERVER.address()), Optional.empty(),
                Optional.of("nobody"), Optional.of(Secret.of("hunter2")), false, TIMEOUT, TIMEOUT,
                RedisCacheTierConfig.DEFAULT_MAX_CONNECTIONS, MAX_ITEM_BYTES, Optional.empty());
        var tier = open(config);

        assertThatThrownBy(() -> tier.load("auth:key")).isInstanceOf(BackendUnavailableException.class)
                .message().doesNotContain("hunter2");
    }

    @Test
    void slots_keysOfOnePayload_shareOneHashSlot() {
        var head = "strata:s1:course-v1:A+B+C:{0123abcd}";

        var slots = RedisCacheTier.slots(List.of(head, head + ":chunk0", head + ":chunk2"));

        assertThat(slots).hasSize(1);
    }

    private static Optional<byte[]> awaitStoreAndLoad(CacheTier tier, String key, Duration patience)
            throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                tier.store(key, bytes(10, 2));
                return tier.load(key);
            } catch (BackendUnavailableException e) {
                Thread.sleep(100);
            }
        }
        return Optional.empty();
    }

    private RedisCacheTier open(RedisCacheTierConfig config) {
        var tier = new RedisCacheTier(config);
        opened.add(tier);
        return tier;
    }

    private static RedisCacheTierConfig config(InetSocketAddress server, int maxConnections) {
        return new RedisCacheTierConfig(Mode.STANDALONE, List.of(server), Optional.empty(), Optional.empty(),
                Optional.empty(), false, TIMEOUT, TIMEOUT, maxConnections, MAX_ITEM_BYTES, Optional.empty());
    }

    private static RedisCacheTierConfig config(InetSocketAddress server, Optional<Duration> expiry) {
        return new RedisCacheTierConfig(Mode.STANDALONE, List.of(server), Optional.empty(), Optional.empty(),
                Optional.empty(), false, TIMEOUT, TIMEOUT, RedisCacheTierConfig.DEFAULT_MAX_CONNECTIONS, MAX_ITEM_BYTES,
                expiry);
    }
}
