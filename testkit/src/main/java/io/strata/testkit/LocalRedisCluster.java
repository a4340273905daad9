package io.strata.testkit;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Runs a real three-node Redis Cluster (no replicas) on free loopback ports for the tests of one
 * class: register it with {@code @RegisterExtension static final LocalRedisCluster cluster = new
 * LocalRedisCluster();}. The 16384 hash slots are split in three equal ranges, node 0 holding the
 * lowest, and the nodes are joined before the first test.
 */
public final class LocalRedisCluster implements BeforeAllCallback, AfterAllCallback, AutoCloseable {
    /** Is the number of hash slots of a Redis Cluster. */
    public static final int SLOTS = 16384;
    private static final Duration FORM_TIMEOUT = Duration.ofSeconds(20);

    private final List<LocalServer> nodes = new ArrayList<>();
    private final List<Integer> busPorts = new ArrayList<>();

    /** Prepares three nodes; they start with {@link #start()} or before the first test. */
    public LocalRedisCluster() {
        for (int i = 0; i < 3; i++) {
            // The cluster bus is chosen free too: the default, port + 10000, may be taken or past 65535.
            int busPort = TestProcesses.freeLoopbackPort();
            busPorts.add(busPort);
            nodes.add(node(busPort));
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    /** Starts the nodes, gives each its slots, joins them and waits until every node reports the cluster ok. */
    public void start() {
        nodes.forEach(LocalServer::start);
        for (int i = 0; i < nodes.size(); i++) {
            var range = firstSlot(i) + " " + (firstSlot(i + 1) - 1);
            nodes.get(i).command("CLUSTER ADDSLOTSRANGE " + range, line -> true);
        }
        var first = nodes.get(0);
        for (int i = 1; i < nodes.size(); i++) {
            var address = nodes.get(i).address();
            first.command("CLUSTER MEET " + address.getAddress().getHostAddress() + " " + address.getPort() + " "
                    + busPorts.get(i), line -> true);
        }
        awaitClusterOk();
    }

    /** Returns the nodes, in the order of their slot ranges. */
    public List<LocalServer> nodes() {
        return List.copyOf(nodes);
    }

    /** Returns the address of the first node, enough for a client to discover the others. */
    public InetSocketAddress seedAddress() {
        return nodes.get(0).address();
    }

    /** Returns the index in {@link #nodes()} of the node that holds the hash slot. */
    public int nodeOfSlot(int slot) {
        int node = 0;
        while (slot >= firstSlot(node + 1)) {
            node++;
        }
        return node;
    }

    /** Removes every entry from every node. */
    public void flush() {
        nodes.forEach(LocalServer::flush);
    }

    @Override
    public void close() {
        nodes.forEach(LocalServer::stop);
    }

    private int firstSlot(int node) {
        return node * SLOTS / nodes.size();
    }

    private void awaitClusterOk() {
        long deadline = System.nanoTime() + FORM_TIMEOUT.toNanos();
        while (!nodes.stream().allMatch(LocalRedisCluster::isClusterOk)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(String.format(Locale.ROOT,
                        "The Redis Cluster did not reach cluster_state:ok within %s", FORM_TIMEOUT));
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while the Redis Cluster formed", e);
            }
        }
    }

    private static boolean isClusterOk(LocalServer node) {
        return node.command("CLUSTER INFO", line -> line.startsWith("cluster_state")).stream()
                .anyMatch(line -> line.equals("cluster_state:ok"));
    }

    private static LocalServer node(int busPort) {
        try {
            var folder = Files.createTempDirectory("strata-redis-cluster-");
            return LocalServer.redis("--cluster-enabled", "yes", "--cluster-port", Integer.toString(busPort),
                    "--cluster-config-file", folder.resolve("nodes.conf").toString(), "--dir", folder.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a folder for a Redis Cluster node", e);
        }
    }
}
