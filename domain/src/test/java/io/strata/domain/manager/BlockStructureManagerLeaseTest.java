package io.strata.domain.manager;

import io.strata.domain.codec.StructureCodec;
import io.strata.domain.key.CourseKey;
import io.strata.domain.store.DurableLayout;
import io.strata.domain.store.RecordingStoreListener;
import io.strata.domain.store.StructureAddress;
import io.strata.domain.store.TieredStructureStore;
import io.strata.ports.BackendUnavailableException;
import io.strata.ports.ItemNotFoundException;
import io.strata.testkit.InMemoryCacheTier;
import io.strata.testkit.InMemoryDurableStore;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Runs two manager stacks (each its own in-process tier, collector and lease client) over one
 * shared cache tier and durable store, as two processes would, with a fake clock that the lease's
 * sleeper moves forward, so waits take no time.
 */
class BlockStructureManagerLeaseTest {
    private static final CourseKey COURSE = CourseKey.parse("course-v1:edX+Lease+2026");
    private static final Duration TTL = Duration.ofSeconds(30);
    private static final Duration POINTER_TTL = Duration.ofSeconds(5);

    private final FakeClock clock = new FakeClock();
    private final InMemoryCacheTier shared = new InMemoryCacheTier(InMemoryCacheTier.DEFAULT_MAX_VALUE_BYTES, clock);
    private final InMemoryDurableStore durable = new InMemoryDurableStore();
    private final FakeCourseSource source = new FakeCourseSource();
    private final List<Duration> sleeps = new CopyOnWriteArrayList<>();
    private final List<String> events = new CopyOnWriteArrayList<>();

    BlockStructureManagerLeaseTest() {
        source.put(COURSE.toString(), "v1");
    }

    @Test
    void loadCurrent_otherProcessCollecting_waitsAndCollectsNothing() throws Exception {
        var first = new Stack();
        var second = new Stack();
        var gate = new CountDownLatch(1);
        first.collector.holdCollectsAt(gate);
        var holder = CompletableFuture.supplyAsync(() -> first.manager.loadCurrent(COURSE));
        awaitLeaseTaken();
        var secondSleeper = new CountDownLatch(1);
        second.onSleep = secondSleeper::countDown;
        second.movesClock = false;

        var waiter = CompletableFuture.supplyAsync(() -> second.manager.loadCurrent(COURSE));
        assertThat(secondSleeper.await(10, TimeUnit.SECONDS)).as("second process waits").isTrue();
        gate.countDown();

        assertThat(holder.get(10, TimeUnit.SECONDS).isCollected()).isTrue();
        assertThat(waiter.get(10, TimeUnit.SECONDS).isCollected()).isFalse();
        assertThat(first.collector.collects() + second.collector.collects()).isEqualTo(1);
        assertThat(events).contains("waited collectedElsewhere[true]");
        assertThat(shared.load(CollectLease.keyOf(COURSE))).as("lease released").isEmpty();
    }

    @Test
    void generate_otherProcessCollectingTheNewVersion_waitsForItAndSkips() throws Exception {
        new Stack().manager.generate(COURSE, false, true);
        source.put(COURSE.toString(), "v2");
        var first = new Stack();
        var second = new Stack();
        var gate = new CountDownLatch(1);
        first.collector.holdCollectsAt(gate);
        var holder = CompletableFuture.supplyAsync(() -> first.manager.generate(COURSE, false, true));
        awaitLeaseTaken();
        var secondSleeper = new CountDownLatch(1);
        second.onSleep = secondSleeper::countDown;
        second.movesClock = false;

        var waiter = CompletableFuture.supplyAsync(() -> second.manager.generate(COURSE, false, true));
        assertThat(secondSleeper.await(10, TimeUnit.SECONDS)).as("second process waits").isTrue();
        gate.countDown();

        assertThat(holder.get(10, TimeUnit.SECONDS).status()).isEqualTo(GenerateOutcome.Status.COLLECTED);
        var skipped = waiter.get(10, TimeUnit.SECONDS);
        assertThat(skipped.status()).isEqualTo(GenerateOutcome.Status.SKIPPED);
        assertThat(skipped.courseVersion()).isEqualTo("v2");
        assertThat(first.collector.collects() + second.collector.collects()).isEqualTo(1);
        assertThat(events).contains("waited collectedElsewhere[true]");
        assertThat(shared.load(CollectLease.keyOf(COURSE))).as("lease released").isEmpty();
    }

    @Test
    void generate_waitedForAnotherProcessesCollect_readsTheNewVersionAtOnce() throws Exception {
        new Stack().manager.generate(COURSE, false, true);
        source.put(COURSE.toString(), "v2");
        var first = new Stack();
        var second = new Stack();
        var old = second.store.loadPointer(COURSE).orElseThrow();
        var gate = new CountDownLatch(1);
        first.collector.holdCollectsAt(gate);
        var holder = CompletableFuture.supplyAsync(() -> first.manager.generate(COURSE, false, true));
        awaitLeaseTaken();
        var secondSleeper = new CountDownLatch(1);
        second.onSleep = secondSleeper::countDown;
        second.movesClock = false;

        var waiter = CompletableFuture.supplyAsync(() -> second.manager.generate(COURSE, false, true));
        assertThat(secondSleeper.await(10, TimeUnit.SECONDS)).isTrue();
        gate.countDown();
        holder.get(10, TimeUnit.SECONDS);

        assertThat(waiter.get(10, TimeUnit.SECONDS).status()).isEqualTo(GenerateOutcome.Status.SKIPPED);
        assertThat(old.courseVersion()).isEqualTo("v1");
        assertThat(second.store.loadPointer(COURSE)).map(StructureAddress::courseVersion).contains("v2");
    }

    @Test
    void generate_holderDiedWithoutRelease_takesOverAfterTtlAndCollects() {
        var dead = new Stack();
        assertThat(dead.lease.tryAcquire(COURSE)).isPresent();
        var survivor = new Stack();

        var outcome = survivor.manager.generate(COURSE, false, true);

        assertThat(outcome.status()).isEqualTo(GenerateOutcome.Status.COLLECTED);
        assertThat(survivor.collector.collects()).isEqualTo(1);
        assertThat(sleeps.stream().reduce(Duration.ZERO, Duration::plus)).isGreaterThanOrEqualTo(TTL);
        assertThat(events).contains("waited collectedElsewhere[false]");
    }

    @Test
    void loadCurrent_holderDiedWithoutRelease_takesOverAfterTtl() {
        var dead = new Stack();
        assertThat(dead.lease.tryAcquire(COURSE)).isPresent();
        var survivor = new Stack();

        var loaded = survivor.manager.loadCurrent(COURSE);

        assertThat(loaded.isCollected()).isTrue();
        assertThat(survivor.collector.collects()).isEqualTo(1);
        assertThat(sleeps.stream().reduce(Duration.ZERO, Duration::plus)).isGreaterThanOrEqualTo(TTL);
        assertThat(sleeps).startsWith(Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(200))
                .allSatisfy(wait -> assertThat(wait).isLessThanOrEqualTo(Duration.ofSeconds(1)));
        assertThat(events).contains("waited collectedElsewhere[false]");
    }

    @Test
    void loadCurrent_holderFailed_waiterTakesOverAtOnceAfterRelease() throws Exception {
        var first = new Stack();
        var second = new Stack();
        var gate = new CountDownLatch(1);
        first.collector.holdCollectsAt(gate);
        first.collector.failWith(new IllegalStateException("collect failed on purpose"));
        var holder = CompletableFuture.supplyAsync(() -> first.manager.loadCurrent(COURSE));
        awaitLeaseTaken();
        var secondSleeper = new CountDownLatch(1);
        second.onSleep = secondSleeper::countDown;
        second.movesClock = false;

        var waiter = CompletableFuture.supplyAsync(() -> second.manager.loadCurrent(COURSE));
        assertThat(secondSleeper.await(10, TimeUnit.SECONDS)).isTrue();
        gate.countDown();

        assertThatThrownBy(() -> holder.get(10, TimeUnit.SECONDS)).hasRootCauseMessage("collect failed on purpose");
        assertThat(waiter.get(10, TimeUnit.SECONDS).isCollected()).isTrue();
        assertThat(second.collector.collects()).isEqualTo(1);
        assertThat(sleeps.stream().reduce(Duration.ZERO, Duration::plus)).isLessThan(TTL);
    }

    @Test
    void loadCurrent_leaseTierUnavailable_collectsWithoutLease() {
        var stack = new Stack();
        shared.setAvailable(false);

        var loaded = stack.manager.loadCurrent(COURSE);

        assertThat(loaded.isCollected()).isTrue();
        assertThat(events).contains("lease unavailable");
    }

    @Test
    void loadCurrent_storedElsewhere_takesNoLease() {
        new Stack().manager.loadCurrent(COURSE);
        var second = new Stack();

        var loaded = second.manager.loadCurrent(COURSE);

        assertThat(loaded.isCollected()).isFalse();
        assertThat(second.collector.collects()).isZero();
        assertThat(sleeps).isEmpty();
    }

    @Test
    void loadCurrent_collectOnMissOff_failsNamingCourseInsteadOfCollecting() {
        var stack = new Stack(ManagerOptions.DEFAULTS.withCollectOnMiss(false));

        assertThatThrownBy(() -> stack.manager.loadCurrent(COURSE)).isInstanceOf(ItemNotFoundException.class)
                .hasMessageContaining("Course[" + COURSE + "]").hasMessageContaining("generate-course-blocks");
        assertThat(stack.collector.collects()).isZero();
    }

    @Test
    void loadCurrent_readsDurableOff_usesCachesOnly() {
        var stack = new Stack(ManagerOptions.DEFAULTS.withReadsDurable(false));

        stack.manager.loadCurrent(COURSE);
        shared.evictAll();
        var fresh = new Stack(ManagerOptions.DEFAULTS.withReadsDurable(false));
        var again = fresh.manager.loadCurrent(COURSE);

        assertThat(durable.paths()).isEmpty();
        assertThat(again.isCollected()).isTrue();
    }

    @Test
    void collectLease_tierWithoutConditionalWrites_isRefused() {
        var plain = new io.strata.ports.CacheTier() {
            @Override
            public String name() {
                return "plain";
            }

            @Override
            public long maxValueBytes() {
                return 1;
            }

            @Override
            public Optional<byte[]> load(String key) {
                return Optional.empty();
            }

            @Override
            public void store(String key, byte[] value) {
            }

            @Override
            public void evict(String key) {
            }
        };

        assertThatThrownBy(() -> new CollectLease(plain, TTL, Duration.ofMillis(50), Duration.ofSeconds(1),
                Sleeper.SYSTEM)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("plain");
    }

    private void awaitLeaseTaken() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (shared.load(CollectLease.keyOf(COURSE)).isEmpty()) {
            assertThat(System.nanoTime()).as("first process takes the lease").isLessThan(deadline);
            Thread.sleep(5);
        }
    }

    /** Is what one process holds: its own in-process tier, collector and manager, over the shared tiers. */
    private final class Stack {
        final FakeStructureCollector collector = new FakeStructureCollector();
        final CollectLease lease;
        final TieredStructureStore store;
        final BlockStructureManager manager;
        volatile Runnable onSleep = () -> { };
        /** Whether a wait moves the shared clock (and so expires leases); off where another stack must finish first. */
        volatile boolean movesClock = true;

        Stack() {
            this(ManagerOptions.DEFAULTS);
        }

        Stack(ManagerOptions options) {
            // As in the service: the in-process tier keeps pointers read below for a while.
            var local = new InMemoryCacheTier(InMemoryCacheTier.DEFAULT_MAX_VALUE_BYTES, clock);
            var caches = new ArrayList<io.strata.ports.CacheTier>(List.of(local, shared));
            store = new TieredStructureStore(caches, Optional.of(durable), new StructureCodec(),
                    new DurableLayout(""), new RecordingStoreListener(), TieredStructureStore.KEEP_ALL_VERSIONS,
                    Optional.of(new TieredStructureStore.PointerTtl(local, POINTER_TTL, clock)));
            lease = new CollectLease(shared, TTL, Duration.ofMillis(50), Duration.ofSeconds(1), duration -> {
                sleeps.add(duration);
                if (movesClock) {
                    clock.advance(duration);
                }
                onSleep.run();
                Thread.sleep(1);
            });
            manager = new BlockStructureManager(source, collector, store, clock, new ManagerListener() {
                @Override
                public void onWaitedForLease(CourseKey course, Duration waited, boolean collectedElsewhere) {
                    events.add("waited collectedElsewhere[" + collectedElsewhere + "]");
                }

                @Override
                public void onLeaseUnavailable(CourseKey course, BackendUnavailableException failure) {
                    events.add("lease unavailable");
                }
            }, options.withLease(lease));
        }
    }

    /** Is a clock that moves only when told to. */
    private static final class FakeClock extends Clock {
        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        synchronized void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public synchronized Instant instant() {
            return now;
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
