package io.strata.adapters.redis;

import io.strata.adapters.redis.RedisCacheTierConfig.Mode;
import io.strata.ports.CacheTier;
import io.strata.testkit.CacheTierContractTest;
import io.strata.testkit.LocalServer;
import io.strata.testkit.SilentServer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs the cache tier contract against a real Redis primary found through a real Redis Sentinel. */
class RedisSentinelIT extends CacheTierContractTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(1);
    private static final Duration SHORT_TIMEOUT = Duration.ofMillis(300);

    @RegisterExtension
    static final LocalServer PRIMARY = LocalServer.redis();
    @RegisterExtension
    static final LocalServer SENTINEL = LocalServer.redisSentinel("strata-primary", PRIMARY);

    private RedisCacheTier tier;

    @Override
    protected CacheTier createTier() {
        PRIMARY.flush();
        tier = new RedisCacheTier(new RedisCacheTierConfig(Mode.SENTINEL, List.of(SENTINEL.address()),
                Optional.of("strata-primary"), Optional.empty(), Optional.empty(), false, TIMEOUT, TIMEOUT,
                RedisCacheTierConfig.DEFAULT_MAX_CONNECTIONS, 2L * 1024 * 1024, Optional.empty()));
        return tier;
    }

    @AfterEach
    void closeTier() {
        if (tier != null) {
            tier.close();
        }
    }

    @Test
    void load_primaryThatNeverAnswersAndMoreCallersThanConnections_everyCallerEndsUnavailable() {
        try (var silent = new SilentServer(); var sentinel = LocalServer.redisSentinel("silent-primary",
                silent.address())) {
            sentinel.start();
            try (var silentTier = new RedisCacheTier(new RedisCacheTierConfig(Mode.SENTINEL,
                    List.of(sentinel.address()), Optional.of("silent-primary"), Optional.empty(), Optional.empty(),
                    false, SHORT_TIMEOUT, SHORT_TIMEOUT, /* maxConnections= */ 4, 2L * 1024 * 1024,
                    Optional.empty()))) {
                ConcurrentLoads.assertEveryLoadUnavailable(silentTier, "silent:pool", 32);
            }
        }
    }

    @Test
    void store_throughSentinel_landsOnThePrimary() {
        tier().store("sentinel:key", bytes(10, 1));

        assertThat(PRIMARY.command("EXISTS sentinel:key", line -> true)).containsExactly(":1");
    }
}
