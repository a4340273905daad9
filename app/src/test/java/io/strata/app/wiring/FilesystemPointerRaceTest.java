package io.strata.app.wiring;

import io.strata.adapters.filesystem.FilesystemDurableStore;
import io.strata.adapters.filesystem.FilesystemDurableStoreConfig;
import io.strata.domain.codec.StructureCodec;
import io.strata.domain.key.CourseKey;
import io.strata.domain.key.UsageKey;
import io.strata.domain.store.DurableLayout;
import io.strata.domain.store.StoreListener;
import io.strata.domain.store.StructureAddress;
import io.strata.domain.store.TierSelection;
import io.strata.domain.store.TieredStructureStore;
import io.strata.domain.structure.BlockStructure;
import io.strata.ports.DurableEntry;
import io.strata.ports.DurableStore;
import io.strata.testkit.ForwardingDurableStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Races two writers of one course on one folder, each with its own store as two processes would
 * have: the build of the later generation must end up current, whichever finishes last.
 */
class FilesystemPointerRaceTest {
    private static final CourseKey COURSE = CourseKey.parse("course-v1:Race+R1+2026");
    private static final DurableLayout LAYOUT = new DurableLayout("race");
    private static final int ROUNDS = 15;

    @TempDir
    Path folder;

    @Test
    void store_newerBuildFinishesWhileOlderBuildHoldsReadPointer_olderBuildNeverWins() throws Exception {
        var pointerRead = new CountDownLatch(1);
        var newerDone = new CountDownLatch(1);
        var paused = new PausedAfterPointerRead(newStore(), pointerRead, newerDone);
        var olderWriter = tiered(paused);
        var newerWriter = tiered(newStore());
        storeVersion(newerWriter, "v0", 50);
        var pool = Executors.newSingleThreadExecutor();

        try {
            var older = pool.submit(() -> storeVersion(olderWriter, "v1", 100));
            assertThat(pointerRead.await(30, TimeUnit.SECONDS)).isTrue();
            storeVersion(newerWriter, "v2", 200);
            newerDone.countDown();
            older.get(30, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }

        assertThat(tiered(newStore()).loadPointer(COURSE, TierSelection.DURABLE)).contains(address("v2"));
    }

    @Test
    void store_twoWritersFinishingTogether_laterGenerationIsCurrentEveryRound() throws Exception {
        var first = tiered(newStore());
        var second = tiered(newStore());
        var pool = Executors.newFixedThreadPool(2);

        try {
            for (int round = 1; round <= ROUNDS; round++) {
                var winner = race(pool, first, second, round);

                assertThat(tiered(newStore()).loadPointer(COURSE, TierSelection.DURABLE)).as("round %d", round)
                        .contains(address(winner));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Starts both writers at once and returns the version of the later generation. */
    private String race(ExecutorService pool, TieredStructureStore first, TieredStructureStore second, int round)
            throws Exception {
        // Alternate which writer holds the later generation, so neither wins by position.
        boolean firstIsLater = round % 2 == 0;
        long early = round * 1000L;
        var start = new CountDownLatch(1);
        var a = pool.submit(() -> awaitThenStore(start, first, "a" + round, firstIsLater ? early + 1 : early));
        var b = pool.submit(() -> awaitThenStore(start, second, "b" + round, firstIsLater ? early : early + 1));
        start.countDown();
        a.get(30, TimeUnit.SECONDS);
        b.get(30, TimeUnit.SECONDS);
        return (firstIsLater ? "a" : "b") + round;
    }

    private Void awaitThenStore(CountDownLatch start, TieredStructureStore store, String version, long generation)
            throws InterruptedException {
        start.await();
        storeVersion(store, version, generation);
        return null;
    }

    private DurableStore newStore() {
        return new FilesystemDurableStore(new FilesystemDurableStoreConfig(folder));
    }

    private static TieredStructureStore tiered(DurableStore durable) {
        return new TieredStructureStore(List.of(), Optional.of(durable), new StructureCodec(), LAYOUT,
                new StoreListener() { }, 3);
    }

    private static void storeVersion(TieredStructureStore store, String version, long generation) {
        var structure = BlockStructure.builder(COURSE, version, new UsageKey(COURSE, "course", "course")).build();
        store.store(address(version), structure, /* withDurable= */ true, generation);
    }

    private static StructureAddress address(String version) {
        return new StructureAddress(COURSE, version, "hash", StructureCodec.FORMAT_VERSION);
    }

    /** Holds the first pointer read back until the other writer is done, as a slow build would. */
    private static final class PausedAfterPointerRead extends ForwardingDurableStore {
        private final CountDownLatch pointerRead;
        private final CountDownLatch resume;

        PausedAfterPointerRead(DurableStore delegate, CountDownLatch pointerRead, CountDownLatch resume) {
            super(delegate);
            this.pointerRead = pointerRead;
            this.resume = resume;
        }

        @Override
        public Optional<DurableEntry> loadEntry(String path) {
            var entry = delegate().loadEntry(path);
            if (pointerRead.getCount() > 0) {
                pointerRead.countDown();
                awaitResume();
            }
            return entry;
        }

        private void awaitResume() {
            try {
                resume.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
