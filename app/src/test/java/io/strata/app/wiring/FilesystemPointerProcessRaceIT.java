package io.strata.app.wiring;

import io.strata.domain.store.TierSelection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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

    private final List<Writer> writers = new ArrayList<>();
    private final List<BufferedReader> answers = new ArrayList<>();
    private final List<Process> processes = new ArrayList<>();

    @AfterEach
    void stopWriters() throws Exception {
        for (var writer : writers) {
            writer.close();
        }
        for (var process : processes) {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
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
        var java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        var command = List.of(java, "-cp", System.getProperty("java.class.path"),
                PointerRaceWriter.class.getName(), store.toString());
        var process = new ProcessBuilder(command).redirectError(folder.resolve("stderr-" + index).toFile()).start();
        processes.add(process);
        writers.add(process.outputWriter(StandardCharsets.UTF_8));
        answers.add(new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)));
    }

    private void send(int index, String version, long generation) throws IOException {
        writers.get(index).write(version + " " + generation + "\n");
        writers.get(index).flush();
    }

    private void awaitStored(int index, String version) throws IOException {
        var answer = answers.get(index).readLine();
        assertThat(answer).as("answer of writer %d; its log: %s", index, log(index)).isEqualTo("stored " + version);
    }

    private String log(int index) {
        try {
            return Files.readString(folder.resolve("stderr-" + index));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }
}
