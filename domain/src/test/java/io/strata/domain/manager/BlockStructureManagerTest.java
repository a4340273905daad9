package io.strata.domain.manager;

import io.strata.domain.codec.StructureCodec;
import io.strata.domain.key.CourseKey;
import io.strata.domain.manager.GenerateOutcome.Status;
import io.strata.domain.store.DurableLayout;
import io.strata.domain.store.RecordingStoreListener;
import io.strata.domain.store.StructureAddress;
import io.strata.domain.store.TierSelection;
import io.strata.domain.store.TieredStructureStore;
import io.strata.ports.BackendFailureException;
import io.strata.ports.BackendUnavailableException;
import io.strata.ports.CourseImportException;
import io.strata.ports.DurableStore;
import io.strata.ports.StrataException;
import io.strata.testkit.ForwardingDurableStore;
import io.strata.testkit.InMemoryCacheTier;
import io.strata.testkit.InMemoryDurableStore;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BlockStructureManagerTest {
    private static final CourseKey COURSE = CourseKey.parse("course-v1:edX+DemoX+2024");
    private static final int CALLERS = 20;
    private static final String FAKE1_PAYLOAD = COURSE + "/v1-fake1-c" + StructureCodec.FORMAT_VERSION + ".strb";
    private static final String FAKE2_PAYLOAD = COURSE + "/v1-fake2-c" + StructureCodec.FORMAT_VERSION + ".strb";

    private final FakeCourseSource source = new FakeCourseSource();
    private final FakeStructureCollector collector = new FakeStructureCollector();
    private final InMemoryCacheTier cache = new InMemoryCacheTier();
    private final InMemoryDurableStore durable = new InMemoryDurableStore();
    private final DurableLayout layout = new DurableLayout("");
    private final RecordingStoreListener storeEvents = new RecordingStoreListener();
    private final TieredStructureStore store = new TieredStructureStore(List.of(cache), Optional.of(durable),
            new StructureCodec(), layout, storeEvents);

    BlockStructureManagerTest() {
        source.put(COURSE.toString(), "v1");
    }

    @Test
    void generate_emptyStore_collectsAndStoresEverywhere() {
        var manager = manager(ManagerListener.NOOP);

        var outcome = manager.generate(COURSE, false, true);

        assertThat(outcome.status()).isEqualTo(Status.COLLECTED);
        assertThat(outcome.blocks()).isEqualTo(5);
        assertThat(outcome.courseVersion()).isEqualTo("v1");
        assertThat(outcome.encodedBytes()).isPositive();
        assertThat(outcome.readDuration()).isEqualTo(Duration.ofMillis(10));
        assertThat(outcome.collectDuration()).isPositive();
        assertThat(outcome.storeDuration()).isPositive();
        assertThat(durable.paths()).containsExactly(COURSE + "/current", FAKE1_PAYLOAD);
        assertThat(cache.keys()).hasSize(2);
    }

    @Test
    void generate_twice_skipsTheSecond() {
        var manager = manager(ManagerListener.NOOP);
        var first = manager.generate(COURSE, false, true);

        var second = manager.generate(COURSE, false, true);

        assertThat(second.status()).isEqualTo(Status.SKIPPED);
        assertThat(second.blocks()).isEqualTo(first.blocks());
        assertThat(second.encodedBytes()).isEqualTo(first.encodedBytes());
        assertThat(second.collectDuration()).isZero();
        assertThat(collector.collects()).isEqualTo(1);
    }

    @Test
    void generate_forceUpdate_collectsAgain() {
        var manager = manager(ManagerListener.NOOP);
        manager.generate(COURSE, false, true);

        var second = manager.generate(COURSE, true, true);

        assertThat(second.status()).isEqualTo(Status.COLLECTED);
        assertThat(collector.collects()).isEqualTo(2);
    }

    @Test
    void generate_changedSourceVersion_collectsAndMovesThePointer() {
        var manager = manager(ManagerListener.NOOP);
        manager.generate(COURSE, false, true);
        source.put(COURSE.toString(), "v2");

        var second = manager.generate(COURSE, false, true);

        assertThat(second.status()).isEqualTo(Status.COLLECTED);
        assertThat(second.courseVersion()).isEqualTo("v2");
        assertThat(store.loadPointer(COURSE, TierSelection.DURABLE).orElseThrow().courseVersion()).isEqualTo("v2");
        assertThat(manager.loadCurrent(COURSE).structure().courseVersion()).isEqualTo("v2");
    }

    @Test
    void generate_staleTransformerVersionUnderSameHash_collectsAgain() {
        var manager = manager(ManagerListener.NOOP);
        collector.setFixedHash("fixed");
        manager.generate(COURSE, false, true);
        collector.setVersions(2, 2);

        var second = manager.generate(COURSE, false, true);

        assertThat(second.status()).isEqualTo(Status.COLLECTED);
        assertThat(manager.loadCurrent(COURSE).structure().transformerVersions())
                .containsEntry(FakeStructureCollector.TRANSFORMER, 2);
        assertThat(collector.collects()).isEqualTo(2);
    }

    @Test
    void generate_newTransformerHash_collectsUnderANewAddress() {
        var manager = manager(ManagerListener.NOOP);
        manager.generate(COURSE, false, true);
        collector.setVersions(2, 1);

        var second = manager.generate(COURSE, false, true);

        assertThat(second.status()).isEqualTo(Status.COLLECTED);
        assertThat(durable.paths()).contains(FAKE1_PAYLOAD, FAKE2_PAYLOAD);
    }

    @Test
    void generate_withoutStorage_writesCachesOnlyAndSkipsFromThem() {
        var manager = manager(ManagerListener.NOOP);

        var first = manager.generate(COURSE, false, false);
        var second = manager.generate(COURSE, false, false);

        assertThat(first.status()).isEqualTo(Status.COLLECTED);
        assertThat(second.status()).isEqualTo(Status.SKIPPED);
        assertThat(durable.paths()).isEmpty();
    }

    @Test
    void generate_cachedOnlyThenWithStorage_collectsIntoDurable() {
        var manager = manager(ManagerListener.NOOP);
        manager.generate(COURSE, false, false);

        var outcome = manager.generate(COURSE, false, true);

        assertThat(outcome.status()).isEqualTo(Status.COLLECTED);
        assertThat(durable.paths()).hasSize(2);
    }

    @Test
    void generate_durablePayloadMissing_collectsAgain() {
        var manager = manager(ManagerListener.NOOP);
        manager.generate(COURSE, false, true);
        durable.delete(FAKE1_PAYLOAD);

        var second = manager.generate(COURSE, false, true);

        assertThat(second.status()).isEqualTo(Status.COLLECTED);
        assertThat(durable.paths()).contains(FAKE1_PAYLOAD);
    }

    @Test
    void generate_sourceRejectsCourse_propagatesTheError() {
        var manager = manager(ManagerListener.NOOP);
        source.failWith(COURSE.toString(), new CourseImportException("course.xml", "malformed XML"));

        assertThatThrownBy(() -> manager.generate(COURSE, false, true))
                .isInstanceOf(CourseImportException.class)
                .hasMessageContaining("file[course.xml]");
        assertThat(durable.paths()).isEmpty();
    }

    @Test
    void loadCurrent_emptyStore_collectsAndStoresEveryTier() {
        var manager = manager(ManagerListener.NOOP);

        var loaded = manager.loadCurrent(COURSE);

        assertThat(loaded.isCollected()).isTrue();
        assertThat(loaded.structure().size()).isEqualTo(5);
        assertThat(loaded.encodedBytes()).isPositive();
        assertThat(durable.paths()).hasSize(2);
        assertThat(cache.keys()).hasSize(2);
    }

    @Test
    void loadCurrent_generated_loadsFromNearestTierWithoutReadingTheSource() {
        var manager = manager(ManagerListener.NOOP);
        manager.generate(COURSE, false, true);
        int reads = source.reads();

        var loaded = manager.loadCurrent(COURSE);

        assertThat(loaded.source()).isEqualTo("in-memory");
        assertThat(source.reads()).isEqualTo(reads);
        assertThat(collector.collects()).isEqualTo(1);
    }

    @Test
    void loadCurrent_cacheLost_loadsFromDurable() {
        var manager = manager(ManagerListener.NOOP);
        manager.generate(COURSE, false, true);
        cache.evictAll();

        var loaded = manager.loadCurrent(COURSE);

        assertThat(loaded.source()).isEqualTo(TieredStructureStore.DURABLE_TIER);
        assertThat(collector.collects()).isEqualTo(1);
    }

    @Test
    void loadCurrent_storedPayloadDeleted_collectsAgain() {
        var manager = manager(ManagerListener.NOOP);
        manager.generate(COURSE, false, true);
        cache.evictAll();
        durable.delete(FAKE1_PAYLOAD);

        var loaded = manager.loadCurrent(COURSE);

        assertThat(loaded.isCollected()).isTrue();
        assertThat(durable.paths()).contains(FAKE1_PAYLOAD);
        assertThat(manager.loadCurrent(COURSE).source()).isEqualTo("in-memory");
    }

    @Test
    void loadCurrent_corruptPayload_collectsAgainAndReplacesIt() {
        var manager = manager(ManagerListener.NOOP);
        manager.generate(COURSE, false, true);
        cache.evictAll();
        durable.store(FAKE1_PAYLOAD, "garbage".getBytes(StandardCharsets.UTF_8));

        var loaded = manager.loadCurrent(COURSE);

        assertThat(loaded.isCollected()).isTrue();
        assertThat(storeEvents.events()).containsOnlyOnce("corrupt:durable");
        cache.evictAll();
        assertThat(manager.loadCurrent(COURSE).source()).isEqualTo(TieredStructureStore.DURABLE_TIER);
    }

    @Test
    void loadCurrent_transformerHashChanged_collectsAgain() {
        var manager = manager(ManagerListener.NOOP);
        manager.loadCurrent(COURSE);
        collector.setVersions(2, 2);

        var loaded = manager.loadCurrent(COURSE);

        assertThat(loaded.isCollected()).isTrue();
        assertThat(loaded.structure().transformerVersions()).containsEntry(FakeStructureCollector.TRANSFORMER, 2);
        assertThat(store.loadPointer(COURSE).orElseThrow().transformerHash()).isEqualTo("fake2");
    }

    @Test
    void loadCurrent_staleTransformerVersionUnderSameHash_collectsAgain() {
        var manager = manager(ManagerListener.NOOP);
        collector.setFixedHash("fixed");
        manager.loadCurrent(COURSE);
        collector.setVersions(2, 2);

        var loaded = manager.loadCurrent(COURSE);

        assertThat(loaded.isCollected()).isTrue();
        assertThat(manager.loadCurrent(COURSE).source()).isEqualTo("in-memory");
        assertThat(collector.collects()).isEqualTo(2);
    }

    @Test
    void loadCurrent_durableUnavailableAndCachesEmpty_throwsBackendUnavailable() {
        var manager = manager(ManagerListener.NOOP);
        durable.setAvailable(false);

        assertThatThrownBy(() -> manager.loadCurrent(COURSE)).isInstanceOf(BackendUnavailableException.class);
    }

    @Test
    void loadCurrent_durableRefusesTheWrite_answersFromTheCollectAndReportsTheFailure() {
        var failures = new ArrayList<String>();
        var refusing = new TieredStructureStore(List.of(cache), Optional.of(new WriteRefusingStore(durable)),
                new StructureCodec(), layout, storeEvents);
        var manager = new BlockStructureManager(source, collector, refusing, new TickingClock(),
                new ManagerListener() {
                    @Override
                    public void onStoreFailed(CourseKey course, String tierName, StrataException failure) {
                        failures.add(course + " " + tierName + " " + failure.getMessage());
                    }
                });

        var loaded = manager.loadCurrent(COURSE);

        assertThat(loaded.isCollected()).isTrue();
        assertThat(loaded.structure().courseVersion()).isEqualTo("v1");
        assertThat(failures).containsExactly(COURSE + " durable disk full");
        assertThat(durable.paths()).isEmpty();
        assertThat(manager.loadCurrent(COURSE).source()).isEqualTo("in-memory");
        assertThat(collector.collects()).isEqualTo(1);
    }

    @Test
    void generate_withStorageAndDurableRefusesTheWrite_throws() {
        var refusing = new TieredStructureStore(List.of(cache), Optional.of(new WriteRefusingStore(durable)),
                new StructureCodec(), layout, storeEvents);
        var manager = new BlockStructureManager(source, collector, refusing, new TickingClock(), ManagerListener.NOOP);

        assertThatThrownBy(() -> manager.generate(COURSE, false, true))
                .isInstanceOf(BackendFailureException.class).hasMessage("disk full");
    }

    @Test
    void loadCurrent_cacheUnavailable_servesFromDurable() {
        var manager = manager(ManagerListener.NOOP);
        manager.generate(COURSE, false, true);
        cache.setAvailable(false);

        var loaded = manager.loadCurrent(COURSE);

        assertThat(loaded.source()).isEqualTo(TieredStructureStore.DURABLE_TIER);
    }

    @Test
    void loadCurrent_concurrentCallersOnEmptyStore_collectOnce() throws Exception {
        var joined = new CountDownLatch(CALLERS - 1);
        var manager = manager(joiningListener(joined));
        var gate = new CountDownLatch(1);
        collector.holdCollectsAt(gate);

        var results = startCallers(manager, () -> {
            awaitOrFail(joined);
            gate.countDown();
        });

        var structures = new ArrayList<LoadedStructure>();
        for (var result : results) {
            structures.add(result.get(10, TimeUnit.SECONDS));
        }
        assertThat(collector.collects()).isEqualTo(1);
        assertThat(source.reads()).isEqualTo(1);
        assertThat(structures).extracting(LoadedStructure::structure).containsOnly(structures.get(0).structure());
    }

    @Test
    void loadCurrent_concurrentCollectFails_everyCallerGetsTheFailureAndLaterCallsRetry() throws Exception {
        var joined = new CountDownLatch(CALLERS - 1);
        var manager = manager(joiningListener(joined));
        var gate = new CountDownLatch(1);
        collector.holdCollectsAt(gate);
        collector.failWith(new IllegalStateException("collect failed on purpose"));

        var results = startCallers(manager, () -> {
            awaitOrFail(joined);
            gate.countDown();
        });

        for (var result : results) {
            assertThatThrownBy(() -> result.get(10, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(IllegalStateException.class)
                    .hasRootCauseMessage("collect failed on purpose");
        }
        assertThat(collector.collects()).isEqualTo(1);
        collector.failWith(null);
        assertThat(manager.loadCurrent(COURSE).isCollected()).isTrue();
        assertThat(collector.collects()).isEqualTo(2);
    }

    @Test
    void generate_whileAnotherGenerateAndLoadsCollect_allShareOneCollect() throws Exception {
        var joined = new CountDownLatch(CALLERS + 1);
        var manager = manager(joiningListener(joined));
        var gate = new CountDownLatch(1);
        collector.holdCollectsAt(gate);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            var first = pool.submit(() -> manager.generate(COURSE, false, true));
            awaitCollectStarted();
            var second = pool.submit(() -> manager.generate(COURSE, false, true));

            var loads = startCallers(manager, () -> {
                awaitOrFail(joined);
                gate.countDown();
            });

            assertThat(first.get(10, TimeUnit.SECONDS).status()).isEqualTo(Status.COLLECTED);
            assertThat(second.get(10, TimeUnit.SECONDS).status()).isEqualTo(Status.SKIPPED);
            for (var load : loads) {
                assertThat(load.get(10, TimeUnit.SECONDS).structure().courseVersion()).isEqualTo("v1");
            }
            assertThat(collector.collects()).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void generate_joinedCollectFails_getsTheFailureAndALaterCallCollects() throws Exception {
        var joined = new CountDownLatch(1);
        var manager = manager(joiningListener(joined));
        var gate = new CountDownLatch(1);
        collector.holdCollectsAt(gate);
        collector.failWith(new IllegalStateException("collect failed on purpose"));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            var first = pool.submit(() -> manager.generate(COURSE, false, true));
            awaitCollectStarted();
            var second = pool.submit(() -> manager.generate(COURSE, false, true));
            awaitOrFail(joined);
            gate.countDown();

            assertThatThrownBy(() -> first.get(10, TimeUnit.SECONDS)).hasRootCauseMessage("collect failed on purpose");
            assertThatThrownBy(() -> second.get(10, TimeUnit.SECONDS)).hasRootCauseMessage("collect failed on purpose");
            collector.failWith(null);
            assertThat(manager.generate(COURSE, false, true).status()).isEqualTo(Status.COLLECTED);
            assertThat(collector.collects()).isEqualTo(2);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void deleteCourse_thenLoadCurrent_collectsAgain() {
        var manager = manager(ManagerListener.NOOP);
        manager.generate(COURSE, false, true);

        manager.deleteCourse(COURSE);
        manager.deleteCourse(COURSE);

        assertThat(durable.paths()).isEmpty();
        assertThat(store.loadPointer(COURSE)).isEmpty();
        assertThat(manager.loadCurrent(COURSE).isCollected()).isTrue();
        assertThat(collector.collects()).isEqualTo(2);
    }

    @Test
    void generate_addressOfOutcome_matchesStoredPointer() {
        var manager = manager(ManagerListener.NOOP);

        manager.generate(COURSE, false, true);

        assertThat(store.loadPointer(COURSE, TierSelection.DURABLE))
                .contains(new StructureAddress(COURSE, "v1", "fake1", StructureCodec.FORMAT_VERSION));
    }

    private BlockStructureManager manager(ManagerListener listener) {
        return new BlockStructureManager(source, collector, store, new TickingClock(), listener);
    }

    /** Is a durable store that refuses every write, as a full disk or a read-only folder does. */
    private static final class WriteRefusingStore extends ForwardingDurableStore {
        WriteRefusingStore(DurableStore delegate) {
            super(delegate);
        }

        @Override
        public void store(String path, byte[] bytes) {
            throw new BackendFailureException("disk full", new IOException("No space left on device"));
        }

        @Override
        public boolean storeIfUnchanged(String path, Optional<String> expectedRevision, byte[] bytes) {
            throw new BackendFailureException("disk full", new IOException("No space left on device"));
        }
    }

    private static ManagerListener joiningListener(CountDownLatch joined) {
        return new ManagerListener() {
            @Override
            public void onJoinedCollect(CourseKey course) {
                joined.countDown();
            }
        };
    }

    /** Starts the callers together, runs {@code whileRunning} and returns their results. */
    private static List<Future<LoadedStructure>> startCallers(BlockStructureManager manager, Runnable whileRunning)
            throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(CALLERS);
        try {
            var start = new CountDownLatch(1);
            var results = new ArrayList<Future<LoadedStructure>>();
            for (int i = 0; i < CALLERS; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return manager.loadCurrent(COURSE);
                }));
            }
            start.countDown();
            whileRunning.run();
            return results;
        } finally {
            pool.shutdown();
            assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
    }

    private void awaitCollectStarted() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (collector.collects() == 0) {
            assertThat(System.nanoTime()).as("the first collect starts").isLessThan(deadline);
            Thread.sleep(5);
        }
    }

    private static void awaitOrFail(CountDownLatch latch) {
        try {
            assertThat(latch.await(10, TimeUnit.SECONDS)).as("every caller joined the collect").isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted while waiting for callers", e);
        }
    }

    /** Is a clock that moves 10 ms forward each time it is read. */
    private static final class TickingClock extends Clock {
        private long millis;

        @Override
        public synchronized Instant instant() {
            millis += 10;
            return Instant.ofEpochMilli(millis);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
