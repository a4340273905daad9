package io.strata.app.wiring;

import io.strata.adapters.caffeine.CaffeineCacheTier;
import io.strata.adapters.caffeine.CaffeineCacheTierConfig;
import io.strata.adapters.memcached.MemcachedCacheTier;
import io.strata.adapters.memcached.MemcachedCacheTierConfig;
import io.strata.adapters.olx.OlxCourseSource;
import io.strata.adapters.olx.OlxCourseSourceConfig;
import io.strata.adapters.redis.RedisCacheTier;
import io.strata.adapters.redis.RedisCacheTierConfig;
import io.strata.app.sample.BundledSamples;
import io.strata.domain.codec.StructureCodec;
import io.strata.domain.collect.StructureCollector;
import io.strata.domain.key.CourseKey;
import io.strata.domain.manager.BlockStructureManager;
import io.strata.domain.manager.CollectLease;
import io.strata.domain.manager.LoadedStructure;
import io.strata.domain.manager.ManagerListener;
import io.strata.domain.manager.ManagerOptions;
import io.strata.domain.manager.Sleeper;
import io.strata.domain.store.DurableLayout;
import io.strata.domain.store.StoreListener;
import io.strata.domain.store.TieredStructureStore;
import io.strata.domain.structure.BlockStructure;
import io.strata.domain.transform.TransformerRegistry;
import io.strata.ports.CacheTier;
import io.strata.ports.CourseSource;
import io.strata.ports.SourceCourse;
import io.strata.testkit.InMemoryDurableStore;
import io.strata.testkit.LocalServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs two independent stacks (each its own client of the shared cache server, its own in-process
 * tier, collector and manager, as two processes have) over one real memcached or Redis server and
 * one durable store, with a collector slowed down so that every caller asks while it runs.
 */
class CollectLeaseIT {
    private static final CourseKey SAMPLE = CourseKey.parse("course-v1:StrataX+SAMPLE101+2026");
    private static final int CALLERS_PER_STACK = 10;
    private static final Duration SLOW_COLLECT = Duration.ofMillis(500);

    @RegisterExtension
    static final LocalServer MEMCACHED = LocalServer.memcached();
    @RegisterExtension
    static final LocalServer REDIS = LocalServer.redis();

    private final CourseSource source = new OlxCourseSource(OlxCourseSourceConfig.of(
            BundledSamples.extractSampleCourse()));
    private final InMemoryDurableStore durable = new InMemoryDurableStore();
    private final AtomicInteger collects = new AtomicInteger();
    private final List<AutoCloseable> opened = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (var tier : opened) {
            tier.close();
        }
        MEMCACHED.flush();
        REDIS.flush();
    }

    @Test
    void concurrentFirstRequests_twoStacksOverMemcached_collectOnce() throws Exception {
        assertCollectedOnce(this::memcached);
    }

    @Test
    void concurrentFirstRequests_twoStacksOverRedis_collectOnce() throws Exception {
        assertCollectedOnce(this::redis);
    }

    @Test
    void holderHangs_memcachedLeaseExpires_otherStackTakesOver() throws Exception {
        assertTakenOverAfterExpiry(this::memcached);
    }

    @Test
    void holderHangs_redisLeaseExpires_otherStackTakesOver() throws Exception {
        assertTakenOverAfterExpiry(this::redis);
    }

    private void assertCollectedOnce(Supplier<CacheTier> sharedTier) throws Exception {
        var first = stack(sharedTier.get(), Duration.ofSeconds(30), new CountDownLatch(0));
        var second = stack(sharedTier.get(), Duration.ofSeconds(30), new CountDownLatch(0));

        var results = callTogether(List.of(first, second));

        assertThat(collects.get()).isEqualTo(1);
        assertThat(results).hasSize(2 * CALLERS_PER_STACK)
                .allSatisfy(loaded -> assertThat(loaded.structure().courseKey()).isEqualTo(SAMPLE));
        // The callers within the collecting stack share its result; the other stack's callers read it.
        assertThat(results.stream().filter(loaded -> !loaded.isCollected()).count())
                .isGreaterThanOrEqualTo(CALLERS_PER_STACK);
    }

    /** The first stack's collect never ends while the test runs, as in a process that hung or died. */
    private void assertTakenOverAfterExpiry(Supplier<CacheTier> sharedTier) throws Exception {
        var ttl = Duration.ofSeconds(2);
        var hung = new CountDownLatch(1);
        var dead = stack(sharedTier.get(), ttl, hung);
        var survivor = stack(sharedTier.get(), ttl, new CountDownLatch(0));
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            pool.submit(() -> dead.loadCurrent(SAMPLE));
            awaitCollects(1);
            long start = System.nanoTime();

            var loaded = survivor.loadCurrent(SAMPLE);

            var waited = Duration.ofNanos(System.nanoTime() - start);
            assertThat(loaded.isCollected()).isTrue();
            assertThat(collects.get()).isEqualTo(2);
            // The clock starts once the hung collect has begun, after the lease was taken and the course read.
            assertThat(waited).isGreaterThanOrEqualTo(ttl.dividedBy(4)).isLessThan(ttl.multipliedBy(4));
        } finally {
            hung.countDown();
            pool.shutdown();
            assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
    }

    private List<LoadedStructure> callTogether(List<BlockStructureManager> managers) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(managers.size() * CALLERS_PER_STACK);
        try {
            var start = new CountDownLatch(1);
            var futures = new ArrayList<Future<LoadedStructure>>();
            for (var manager : managers) {
                for (int i = 0; i < CALLERS_PER_STACK; i++) {
                    futures.add(pool.submit(() -> {
                        start.await();
                        return manager.loadCurrent(SAMPLE);
                    }));
                }
            }
            start.countDown();
            var results = new ArrayList<LoadedStructure>();
            for (var future : futures) {
                results.add(future.get(30, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    private BlockStructureManager stack(CacheTier shared, Duration ttl, CountDownLatch gate) {
        var inProcess = new CaffeineCacheTier(new CaffeineCacheTierConfig(64L << 20, Optional.empty()));
        var store = new TieredStructureStore(List.of(inProcess, shared), Optional.of(durable), new StructureCodec(),
                new DurableLayout(""), StoreListener.NOOP);
        var lease = new CollectLease(shared, ttl, Duration.ofMillis(50), Duration.ofMillis(200), Sleeper.SYSTEM);
        return new BlockStructureManager(source, new SlowCollector(TransformerRegistry.standard(), gate), store,
                Clock.systemUTC(), ManagerListener.NOOP, ManagerOptions.DEFAULTS.withLease(lease));
    }

    private CacheTier memcached() {
        var tier = new MemcachedCacheTier(MemcachedCacheTierConfig.of(MEMCACHED.address()));
        opened.add(tier);
        return tier;
    }

    private CacheTier redis() {
        var tier = new RedisCacheTier(RedisCacheTierConfig.standalone(REDIS.address()));
        opened.add(tier);
        return tier;
    }

    private void awaitCollects(int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (collects.get() < count) {
            assertThat(System.nanoTime()).as("collect started").isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    /** Counts collects and makes each last {@link #SLOW_COLLECT}, and until its gate opens. */
    private final class SlowCollector implements StructureCollector {
        private final StructureCollector delegate;
        private final CountDownLatch gate;

        SlowCollector(StructureCollector delegate, CountDownLatch gate) {
            this.delegate = delegate;
            this.gate = gate;
        }

        @Override
        public BlockStructure collect(SourceCourse course) {
            collects.incrementAndGet();
            try {
                Thread.sleep(SLOW_COLLECT.toMillis());
                assertThat(gate.await(30, TimeUnit.SECONDS)).as("the test opens the gate").isTrue();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted in a slow collect", e);
            }
            return delegate.collect(course);
        }

        @Override
        public String writeVersionHash() {
            return delegate.writeVersionHash();
        }

        @Override
        public boolean isUpToDate(BlockStructure structure) {
            return delegate.isUpToDate(structure);
        }
    }
}
