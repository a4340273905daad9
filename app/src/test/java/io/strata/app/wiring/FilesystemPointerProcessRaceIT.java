package io.strata.app.wiring;

import io.strata.domain.store.TierSelection;
import io.strata.testkit.LineProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Races two writer processes ({@link PointerRaceWriter}, each a JVM of its own) on one course of one
 * folder: only the file lock orders them, since each process has its own process lock. In every
 * round both get their version at once, and the one of the later generation must end up current.
 */
class FilesystemPointerProcessRaceIT {
    private static final int ROUNDS = 20;

    @TempDir
    Path folder;

    private final List<LineProcess> writers = new ArrayList<>();

    @AfterEach
    void stopWriters() {
        writers.forEach(LineProcess::close);
    }

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void store_twoProcessesFinishingTogether_laterGenerationIsCurrentEveryRound() throws Exception {
        var store = folder.resolve("store");
        for (int i = 0; i < 2; i++) {
            start(store, i);
        }

        for (int round = 1; round <= ROUNDS; round++) {
            // Alternate which process holds the later generation, so neither wins by position.
            boolean firstIsLater = round % 2 == 0;
            long early = round * 1000L;
            send(0, "a" + round, firstIsLater ? early + 1 : early);
            send(1, "b" + round, firstIsLater ? early : early + 1);
            awaitStored(0, "a" + round);
            awaitStored(1, "b" + round);

            assertThat(PointerRaceWriter.tiered(store).loadPointer(PointerRaceWriter.COURSE, TierSelection.DURABLE))
                    .as("round %d", round).contains(PointerRaceWriter.address((firstIsLater ? "a" : "b") + round));
        }
    }

    private void start(Path store, int index) throws IOException {
        writers.add(LineProcess.start(PointerRaceWriter.class, folder.resolve("stderr-" + index), store.toString()));
    }

    private void send(int index, String version, long generation) throws IOException {
        writers.get(index).send(version + " " + generation);
    }

    private void awaitStored(int index, String version) throws IOException {
        var writer = writers.get(index);
        assertThat(writer.readLine()).as("answer of writer %d; its log: %s", index, writer.log())
                .isEqualTo("stored " + version);
    }
}
