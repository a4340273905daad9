package io.strata.app.wiring;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.strata.adapters.memcached.MemcachedCacheTier;
import io.strata.adapters.memcached.MemcachedCacheTierConfig;
import io.strata.adapters.redis.RedisCacheTier;
import io.strata.adapters.redis.RedisCacheTierConfig;
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
import io.strata.testkit.LocalServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the tiered store over real memcached and Redis servers: structures larger than an item,
 * a server stopped and started mid-run (with what the tier event log says), and an evicted chunk.
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
        assertThat(messages(Level.WARN)).containsExactly(String.format(Locale.ROOT,
                "Tier[%s] unreachable, reading the tiers below it until it answers again", tierName));

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

    private LocalServer started(LocalServer server) {
        server.start();
        opened.add(server);
        return server;
    }

    private MemcachedCacheTier memcached(LocalServer server) {
        var tier = new MemcachedCacheTier(new MemcachedCacheTierConfig(List.of(server.address()),
                MemcachedCacheTierConfig.Protocol.BINARY, TIMEOUT, TIMEOUT,
                MemcachedCacheTierConfig.DEFAULT_MAX_ITEM_BYTES, Optional.of(Duration.ofHours(24))));
        opened.add(tier);
        return tier;
    }

    private RedisCacheTier redis(LocalServer server) {
        var config = new RedisCacheTierConfig(RedisCacheTierConfig.Mode.STANDALONE, List.of(server.address()),
                Optional.empty(), Optional.empty(), Optional.empty(), false, TIMEOUT, TIMEOUT,
                RedisCacheTierConfig.DEFAULT_MAX_CONNECTIONS, RedisCacheTierConfig.DEFAULT_MAX_ITEM_BYTES,
                Optional.empty());
        var tier = new RedisCacheTier(config);
        opened.add(tier);
        return tier;
    }

    private static TieredStructureStore storeOver(CacheTier tier, InMemoryDurableStore durable) {
        return new TieredStructureStore(List.of(tier), Optional.of(durable), new StructureCodec(),
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
