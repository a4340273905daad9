package io.strata.adapters.redis;

import io.strata.adapters.redis.RedisCacheTierConfig.Mode;
import io.strata.ports.CacheTier;
import io.strata.testkit.CacheTierContractTest;
import io.strata.testkit.LocalRedisCluster;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the cache tier contract against a real three-node Redis Cluster on loopback (no replicas),
 * and shows that the keys of one chunked payload, which share a hash tag, fall in one hash slot.
 * The app's {@code SharedCacheTiersIT} reads a chunked structure back through the cluster.
 */
class RedisClusterIT extends CacheTierContractTest {
    @RegisterExtension
    static final LocalRedisCluster CLUSTER = new LocalRedisCluster();

    private static final Duration TIMEOUT = Duration.ofSeconds(1);
    private static final Duration SHORT_TIMEOUT = Duration.ofMillis(300);
    /** Is how long the pause test holds the nodes: over each caller's bounded wait, under LocalServer's reply wait. */
    private static final Duration PAUSE = Duration.ofSeconds(3);

    private RedisCacheTier tier;

    @Override
    protected CacheTier createTier() {
        CLUSTER.flush();
        tier = new RedisCacheTier(new RedisCacheTierConfig(Mode.CLUSTER, List.of(CLUSTER.seedAddress()),
                Optional.empty(), Optional.empty(), Optional.empty(), false, TIMEOUT, TIMEOUT,
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
    void loadAll_keysOfOnePayload_areReadFromOneSlot() {
        var head = "strata:s1:course-v1:A+B+C:{0123abcd}";
        var entries = new LinkedHashMap<String, byte[]>();
        for (int i = 0; i < 4; i++) {
            entries.put(head + ":chunk" + i, bytes(1000, i));
        }

        tier().storeAll(entries);
        var found = tier().loadAll(List.copyOf(entries.keySet()));

        assertThat(RedisCacheTier.slots(List.copyOf(entries.keySet()))).hasSize(1);
        assertThat(found).hasSize(4);
    }

    @Test
    void loadAll_keysOnEveryNode_areAllFound() {
        var keys = List.of("spread:a", "spread:b", "spread:c", "spread:d", "spread:e", "spread:f");
        keys.forEach(key -> tier().store(key, bytes(10, 1)));

        var found = tier().loadAll(keys);

        assertThat(RedisCacheTier.slots(keys).stream().map(CLUSTER::nodeOfSlot).distinct()).hasSize(3);
        assertThat(found).containsOnlyKeys(keys);
    }

    @Test
    void load_pausedNodesAndMoreCallersThanConnections_everyCallerEndsUnavailable() {
        var config = new RedisCacheTierConfig(Mode.CLUSTER, List.of(CLUSTER.seedAddress()), Optional.empty(),
                Optional.empty(), Optional.empty(), false, SHORT_TIMEOUT, SHORT_TIMEOUT, /* maxConnections= */ 4,
                2L * 1024 * 1024, Optional.empty());
        try (var pausedTier = new RedisCacheTier(config)) {
            // A paused node accepts connections and holds every command unanswered, as a hung server does.
            CLUSTER.nodes().forEach(node -> node.command("CLIENT PAUSE " + PAUSE.toMillis() + " ALL",
                    line -> true));

            ConcurrentLoads.assertEveryLoadUnavailable(pausedTier, "paused:pool", 32);
        } finally {
            // Each PING is answered once its node's pause ends, so the next test finds the cluster answering.
            CLUSTER.nodes().forEach(node -> node.command("PING", line -> true));
        }
    }
}
