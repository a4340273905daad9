package io.strata.app.wiring;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.strata.adapters.memcached.MemcachedCacheTier;
import io.strata.adapters.memcached.MemcachedCacheTierConfig;
import io.strata.adapters.redis.RedisCacheTier;
import io.strata.adapters.redis.RedisCacheTierConfig;
import io.strata.adapters.redis.RedisCacheTierConfig.Mode;
import io.strata.domain.codec.StructureCodec;
import io.strata.domain.key.CourseKey;
import io.strata.domain.key.UsageKey;
import io.strata.domain.store.DurableLayout;
import io.strata.domain.store.StoredStructure;
import io.strata.domain.store.StructureAddress;
import io.strata.domain.store.TierSelection;
import io.strata.domain.store.TieredStructureStore;
import io.strata.domain.structure.BlockStructure;
import io.strata.ports.CacheTier;
import io.strata.testkit.InMemoryDurableStore;
import io.strata.testkit.LocalRedisCluster;
import io.strata.testkit.LocalServer;
import io.strata.testkit.SilentServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Runs the tiered store over real memcached and Redis servers: structures larger than an item (also
 * through a three-node Redis Cluster), a server stopped and started mid-run (with what the tier
 * event log says), a server that never answers, and an evicted chunk.
 */
class SharedCacheTiersIT {
    private static final CourseKey COURSE = CourseKey.parse("course-v1:Strata+BIG+2026");
    private static final StructureAddress ADDRESS =
            new StructureAddress(COURSE, "v1", "hash", StructureCodec.FORMAT_VERSION);
    private static final Duration TIMEOUT = Duration.ofMillis(300);
    /** Is the encoded size of the large structure: over four memcached items of 1 MiB. */
    private static final int LARGE_BYTES = 5_000_000;
    private static final BlockStructure LARGE = incompressible(LARGE_BYTES);
    /** Is chunked in memcached (over 1 MiB) yet quick to decode, for the tests that read often. */
    private static final BlockStructure MEDIUM = incompressible(1_500_000);
    /** Is a Redis item limit that chunks {@link #MEDIUM} in six, all asked for in the first multi-key read. */
    private static final long SMALL_REDIS_ITEM_BYTES = 256 * 1024;
    /** Is far above any wait a read may have: it only stops a hung test. */
    private static final Duration HANG_GUARD = Duration.ofSeconds(60);

    private final List<AutoCloseable> opened = new ArrayList<>();
    private final Logger eventLogger = (Logger) LoggerFactory.getLogger(TierEventLog.class);
    private final ListAppender<ILoggingEvent> events = new ListAppender<>();

    @BeforeEach
    void captureTierEvents() {
        events.start();
        eventLogger.addAppender(events);
    }

    @AfterEach
    void closeEverything() throws Exception {
        eventLogger.detachAppender(events);
        for (int i = opened.size() - 1; i >= 0; i--) {
            opened.get(i).close();
        }
    }

    @Test
    void memcached_fiveMegabyteStructureWithOneMebibyteItems_isReadBackEqualWithoutRefusedItems() {
        var server = started(LocalServer.memcached("-I", "1m"));
        var tier = memcached(server);
        var store = storeOver(tier, new InMemoryDurableStore());

        int bytes = store.store(ADDRESS, LARGE, false);
        var loaded = store.load(ADDRESS, TierSelection.CACHES).orElseThrow();

        assertThat(bytes).isGreaterThan(LARGE_BYTES);
        assertThat(tier.maxValueBytes()).isEqualTo(MemcachedCacheTierConfig.DEFAULT_MAX_ITEM_BYTES);
        assertSameStructure(loaded, LARGE, bytes, "memcached");
        assertThat(server.memcachedStat("store_too_large")).contains("0");
        assertThat(Integer.parseInt(server.memcachedStat("curr_items").orElseThrow())).isGreaterThanOrEqualTo(6);
    }

    @Test
    void redis_fiveMegabyteStructure_isReadBackEqual() {
        var server = started(LocalServer.redis());
        var store = storeOver(redis(server), new InMemoryDurableStore());

        int bytes = store.store(ADDRESS, LARGE, false);
        var loaded = store.load(ADDRESS, TierSelection.CACHES).orElseThrow();

        assertSameStructure(loaded, LARGE, bytes, "redis");
        assertThat(server.command("DBSIZE", line -> true)).containsExactly(":4");
    }

    @Test
    void memcached_serverStoppedMidRun_readsFallThroughWithOneWarnAndComeBack() throws InterruptedException {
        var server = started(LocalServer.memcached());
        var store = storeOver(memcached(server), new InMemoryDurableStore());

        assertOutageAndRecovery(server, store, "memcached");
    }

    @Test
    void redis_serverStoppedMidRun_readsFallThroughWithOneWarnAndComeBack() throws InterruptedException {
        var server = started(LocalServer.redis());
        var store = storeOver(redis(server), new InMemoryDurableStore());

        assertOutageAndRecovery(server, store, "redis");
    }

    @Test
    void memcached_chunkEvictedOnServer_isMissThenRewritten() {
        var server = started(LocalServer.memcached("-I", "1m"));
        var tier = memcached(server);
        var store = storeOver(tier, new InMemoryDurableStore());
        store.store(ADDRESS, MEDIUM, true);

        var deleted = server.command("delete " + chunkKey(1), line -> true);
        var first = store.load(ADDRESS).orElseThrow();
        var second = store.load(ADDRESS).orElseThrow();

        assertThat(deleted).containsExactly("DELETED");
        assertThat(first.tierName()).isEqualTo(TieredStructureStore.DURABLE_TIER);
        assertThat(second.tierName()).isEqualTo("memcached");
        assertSameStructure(second, MEDIUM, first.encodedBytes(), "memcached");
    }

    @Test
    void redis_chunkEvictedOnServer_isMissThenRewritten() {
        var server = started(LocalServer.redis());
        var store = storeOver(redis(Mode.STANDALONE, server.address(), SMALL_REDIS_ITEM_BYTES),
                new InMemoryDurableStore());
        store.store(ADDRESS, MEDIUM, true);

        var deleted = server.command("DEL " + chunkKey(1), line -> true);
        var first = store.load(ADDRESS).orElseThrow();
        var second = store.load(ADDRESS).orElseThrow();

        assertThat(deleted).containsExactly(":1");
        assertThat(first.tierName()).isEqualTo(TieredStructureStore.DURABLE_TIER);
        assertThat(second.tierName()).isEqualTo("redis");
        assertSameStructure(second, MEDIUM, first.encodedBytes(), "redis");
        assertThat(exists(server, chunkKey(1))).isTrue();
    }

    @Test
    void redisCluster_chunkedStructure_isReadBackEqualInOneMultiKeyRead() {
        var cluster = new LocalRedisCluster();
        opened.add(cluster);
        cluster.start();
        var store = storeOver(redis(Mode.CLUSTER, cluster.seedAddress(), SMALL_REDIS_ITEM_BYTES),
                new InMemoryDurableStore());

        int bytes = store.store(ADDRESS, MEDIUM, false);
        cluster.nodes().forEach(node -> node.command("CONFIG RESETSTAT", line -> true));
        var loaded = store.load(ADDRESS, TierSelection.CACHES).orElseThrow();

        assertThat((long) bytes).isGreaterThan(SMALL_REDIS_ITEM_BYTES);
        assertSameStructure(loaded, MEDIUM, bytes, "redis");
        var holder = cluster.nodes().stream().filter(node -> exists(node, ADDRESS.cacheKey())).findFirst()
                .orElseThrow();
        int chunks = chunkCount(holder);
        assertThat(chunks).isGreaterThanOrEqualTo(2);
        // The head, its chunks on the head's node, and the course's pointer wherever its own key falls.
        assertThat(cluster.nodes().stream().mapToLong(SharedCacheTiersIT::keyCount).sum()).isEqualTo(chunks + 2);
        assertThat(cluster.nodes().stream().mapToLong(node -> commandCalls(node, "mget")).sum()).isEqualTo(1);
        assertThat(cluster.nodes().stream().mapToLong(node -> commandCalls(node, "get")).sum()).isZero();
    }

    @Test
    void redis_serverThatNeverAnswers_durableTierAnswers() {
        try (var silent = new SilentServer()) {
            var durable = new InMemoryDurableStore();
            int bytes = storeOver(List.of(), durable).store(ADDRESS, MEDIUM, true);
            var store = storeOver(redis(Mode.STANDALONE, silent.address(),
                    RedisCacheTierConfig.DEFAULT_MAX_ITEM_BYTES), durable);

            var loaded = assertTimeoutPreemptively(HANG_GUARD, () -> store.load(ADDRESS).orElseThrow());

            assertSameStructure(loaded, MEDIUM, bytes, TieredStructureStore.DURABLE_TIER);
            assertThat(silent.acceptedConnections()).isPositive();
        }
    }

    @Test
    void memcached_serverThatNeverAnswers_durableTierAnswers() {
        try (var silent = new SilentServer()) {
            var durable = new InMemoryDurableStore();
            int bytes = storeOver(List.of(), durable).store(ADDRESS, MEDIUM, true);
            var store = storeOver(memcached(silent.address()), durable);

            var loaded = assertTimeoutPreemptively(HANG_GUARD, () -> store.load(ADDRESS).orElseThrow());

            assertSameStructure(loaded, MEDIUM, bytes, TieredStructureStore.DURABLE_TIER);
            assertThat(silent.acceptedConnections()).isPositive();
        }
    }

    private void assertOutageAndRecovery(LocalServer server, TieredStructureStore store, String tierName)
            throws InterruptedException {
        store.store(ADDRESS, MEDIUM, true);
        assertThat(store.load(ADDRESS).orElseThrow().tierName()).isEqualTo(tierName);

        server.stop();
        for (int i = 0; i < 5; i++) {
            long start = System.nanoTime();
            assertThat(store.load(ADDRESS).orElseThrow().tierName()).isEqualTo(TieredStructureStore.DURABLE_TIER);
            // One read may wait for the timeout twice: the load, then the refill of the tier.
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(TIMEOUT.multipliedBy(5));
        }
        assertThat(messages(Level.WARN)).singleElement().asString()
                .startsWith(String.format(Locale.ROOT, "Tier[%s] unreachable (", tierName))
                .endsWith("), reading the tiers below it until it answers again");

        server.start();
        assertThat(awaitTier(store, tierName, Duration.ofSeconds(15))).isTrue();
        assertThat(messages(Level.INFO))
                .containsExactly(String.format(Locale.ROOT, "Tier[%s] answers again", tierName));
        assertThat(messages(Level.WARN)).hasSize(1);
    }

    private static boolean awaitTier(TieredStructureStore store, String tierName, Duration patience)
            throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (System.nanoTime() < deadline) {
            if (store.load(ADDRESS).orElseThrow().tierName().equals(tierName)) {
                return true;
            }
            Thread.sleep(100);
        }
        return false;
    }

    private List<String> messages(Level level) {
        return events.list.stream().filter(event -> event.getLevel() == level)
                .map(ILoggingEvent::getFormattedMessage).toList();
    }

    private static void assertSameStructure(StoredStructure loaded, BlockStructure expected, int bytes,
            String tierName) {
        assertThat(loaded.tierName()).isEqualTo(tierName);
        assertThat(loaded.encodedBytes()).isEqualTo(bytes);
        assertThat(loaded.structure().isSameAs(expected)).isTrue();
    }

    /** Returns the key of a chunk of the address's payload: the payload's key and the chunk's index. */
    private static String chunkKey(int index) {
        return ADDRESS.cacheKey() + ":chunk" + index;
    }

    /** Returns how many keys the Redis server holds. */
    private static long keyCount(LocalServer node) {
        return Long.parseLong(node.command("DBSIZE", line -> true).get(0).substring(1));
    }

    /** Returns how many chunk keys of the address's payload the Redis server holds, counting from chunk 0. */
    private static int chunkCount(LocalServer node) {
        int count = 0;
        while (exists(node, chunkKey(count))) {
            count++;
        }
        return count;
    }

    /** Returns whether the Redis server holds the key; a cluster node answers only for its own slots. */
    private static boolean exists(LocalServer node, String key) {
        return node.command("EXISTS " + key, line -> true).equals(List.of(":1"));
    }

    /** Returns how often the Redis server ran the command since its statistics were reset. */
    private static long commandCalls(LocalServer node, String command) {
        var prefix = "cmdstat_" + command + ":calls=";
        return node.command("INFO commandstats", String::isEmpty).stream().filter(line -> line.startsWith(prefix))
                .mapToLong(line -> Long.parseLong(line.substring(prefix.length(), line.indexOf(',')))).sum();
    }

    private LocalServer started(LocalServer server) {
        server.start();
        opened.add(server);
        return server;
    }

    private MemcachedCacheTier memcached(LocalServer server) {
        return memcached(server.address());
    }

    private MemcachedCacheTier memcached(InetSocketAddress server) {
        var tier = new MemcachedCacheTier(new MemcachedCacheTierConfig(List.of(server),
                MemcachedCacheTierConfig.Protocol.BINARY, TIMEOUT, TIMEOUT,
                MemcachedCacheTierConfig.DEFAULT_MAX_ITEM_BYTES, Optional.of(Duration.ofHours(24))));
        opened.add(tier);
        return tier;
    }

    private RedisCacheTier redis(LocalServer server) {
        return redis(Mode.STANDALONE, server.address(), RedisCacheTierConfig.DEFAULT_MAX_ITEM_BYTES);
    }

    private RedisCacheTier redis(Mode mode, InetSocketAddress server, long maxItemBytes) {
        var config = new RedisCacheTierConfig(mode, List.of(server), Optional.empty(), Optional.empty(),
                Optional.empty(), false, TIMEOUT, TIMEOUT, RedisCacheTierConfig.DEFAULT_MAX_CONNECTIONS, maxItemBytes,
                Optional.empty());
        var tier = new RedisCacheTier(config);
        opened.add(tier);
        return tier;
    }

    private static TieredStructureStore storeOver(CacheTier tier, InMemoryDurableStore durable) {
        return storeOver(List.of(tier), durable);
    }

    private static TieredStructureStore storeOver(List<CacheTier> tiers, InMemoryDurableStore durable) {
        return new TieredStructureStore(tiers, Optional.of(durable), new StructureCodec(),
                new DurableLayout(""), new TierEventLog());
    }

    /** Returns a course whose random display names keep its encoded size over {@code bytes}. */
    private static BlockStructure incompressible(int bytes) {
        var random = new Random(5);
        var builder = BlockStructure.builder(COURSE, "v1", new UsageKey(COURSE, "course", "course"));
        int blocks = bytes / 780;
        for (int i = 1; i <= blocks; i++) {
            int block = builder.addBlock(new UsageKey(COURSE, "html", "b" + i));
            builder.addChild(0, block);
            var name = new StringBuilder(1000);
            random.ints(1000, '!', '~' + 1).forEach(c -> name.append((char) c));
            builder.setField(block, "display_name", name.toString());
        }
        return builder.build();
    }
}
