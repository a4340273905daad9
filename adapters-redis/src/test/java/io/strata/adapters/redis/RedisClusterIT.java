package io.strata.adapters.redis;

import io.strata.adapters.redis.RedisCacheTierConfig.Mode;
import io.strata.ports.CacheTier;
import io.strata.testkit.CacheTierContractTest;
import io.strata.testkit.LocalServer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the cache tier contract against a real three-node Redis Cluster on loopback (no replicas),
 * and shows that the keys of one chunked payload, which share a hash tag, are read in one MGET.
 */
class RedisClusterIT extends CacheTierContractTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(1);
    private static final Duration SHORT_TIMEOUT = Duration.ofMillis(300);
    /** Is how long the pause test holds the nodes: over each caller's bounded wait, under LocalServer's reply wait. */
    private static final Duration PAUSE = Duration.ofSeconds(3);
    private static final int SLOTS = 16384;

    /** Are the nodes' cluster bus ports: chosen free, since the default (port + 10000) may be taken or too high. */
    private static final List<Integer> BUS_PORTS = List.of(freePort(), freePort(), freePort());

    @RegisterExtension
    static final LocalServer FIRST = clusterNode(BUS_PORTS.get(0));
    @RegisterExtension
    static final LocalServer SECOND = clusterNode(BUS_PORTS.get(1));
    @RegisterExtension
    static final LocalServer THIRD = clusterNode(BUS_PORTS.get(2));

    private RedisCacheTier tier;

    private static final List<LocalServer> NODES = List.of(FIRST, SECOND, THIRD);

    @BeforeAll
    static void formCluster() throws InterruptedException {
        for (int i = 0; i < NODES.size(); i++) {
            int from = i * SLOTS / NODES.size();
            int to = (i + 1) * SLOTS / NODES.size() - 1;
            NODES.get(i).command("CLUSTER ADDSLOTSRANGE " + from + " " + to, line -> true);
        }
        for (int i = 1; i < NODES.size(); i++) {
            var node = NODES.get(i);
            FIRST.command("CLUSTER MEET " + node.address().getAddress().getHostAddress() + " "
                    + node.address().getPort() + " " + BUS_PORTS.get(i), line -> true);
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!NODES.stream().allMatch(RedisClusterIT::isClusterOk)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("The Redis Cluster did not reach cluster_state:ok within 20s");
            }
            Thread.sleep(100);
        }
    }

    @Override
    protected CacheTier createTier() {
        NODES.forEach(LocalServer::flush);
        tier = new RedisCacheTier(new RedisCacheTierConfig(Mode.CLUSTER, List.of(FIRST.address()), Optional.empty(),
                Optional.empty(), Optional.empty(), false, TIMEOUT, TIMEOUT,
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
            entries.put(head + ":0badf00d.4." + i, bytes(1000, i));
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

        assertThat(RedisCacheTier.slots(keys).stream().map(RedisClusterIT::nodeOfSlot).distinct()).hasSize(3);
        assertThat(found).containsOnlyKeys(keys);
    }

    @Test
    void load_pausedNodesAndMoreCallersThanConnections_everyCallerEndsUnavailable() {
        var config = new RedisCacheTierConfig(Mode.CLUSTER, List.of(FIRST.address()), Optional.empty(),
                Optional.empty(), Optional.empty(), false, SHORT_TIMEOUT, SHORT_TIMEOUT, /* maxConnections= */ 4,
                2L * 1024 * 1024, Optional.empty());
        try (var pausedTier = new RedisCacheTier(config)) {
            // A paused node accepts connections and holds every command unanswered, as a hung server does.
            NODES.forEach(node -> node.command("CLIENT PAUSE " + PAUSE.toMillis() + " ALL", line -> true));

            ConcurrentLoads.assertEveryLoadUnavailable(pausedTier, "paused:pool", 32);
        } finally {
            // Each PING is answered once its node's pause ends, so the next test finds the cluster answering.
            NODES.forEach(node -> node.command("PING", line -> true));
        }
    }

    private static int nodeOfSlot(int slot) {
        int node = 0;
        while (slot >= (node + 1) * SLOTS / 3) {
            node++;
        }
        return node;
    }

    private static boolean isClusterOk(LocalServer node) {
        return node.command("CLUSTER INFO", line -> line.startsWith("cluster_state")).stream()
                .anyMatch(line -> line.equals("cluster_state:ok"));
    }

    private static LocalServer clusterNode(int busPort) {
        try {
            var folder = Files.createTempDirectory("strata-redis-cluster-");
            return LocalServer.redis("--cluster-enabled", "yes", "--cluster-port", Integer.toString(busPort),
                    "--cluster-config-file", folder.resolve("nodes.conf").toString(), "--dir", folder.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() {
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
