package io.strata.adapters.filesystem;

import io.strata.testkit.LineProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Races two processes ({@link SelectionsRaceWriter}, each a JVM of its own) saving selections into
 * one selections file at once: only the file lock orders their read-merge-writes. Every save of
 * each must be in the file at the end, and for each block both saved, both must hold the one the
 * file holds.
 */
class SelectionsFileProcessRaceIT {
    private static final int SAVES = 150;
    private static final List<String> NAMES = List.of("first", "second");

    @TempDir
    Path folder;

    private final List<LineProcess> writers = new ArrayList<>();

    @AfterEach
    void stopWriters() {
        writers.forEach(LineProcess::close);
    }

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void saveSelection_twoProcessesSavingAtOnce_fileHoldsEverySaveAndOneContestedWinner() throws Exception {
        var learners = Files.writeString(folder.resolve("learners.yaml"), "learners: []\n");
        for (int i = 0; i < NAMES.size(); i++) {
            start(learners, i);
        }

        for (var writer : writers) {
            writer.send("go");
        }
        var held = new ArrayList<Map<Integer, String>>();
        for (int i = 0; i < NAMES.size(); i++) {
            held.add(awaitDone(i));
        }

        var file = new FileLearnerSource(new FileLearnerSourceConfig(learners));
        for (var name : NAMES) {
            for (int i = 0; i < SAVES; i++) {
                assertThat(file.loadSelections(SelectionsRaceWriter.ownUser(name, i), SelectionsRaceWriter.COURSE))
                        .as("save %d of %s", i, name)
                        .isEqualTo(Map.of(SelectionsRaceWriter.BANK, List.of(SelectionsRaceWriter.child(name, i))));
            }
        }
        for (int i = 0; i < SAVES; i++) {
            var stored = file.loadSelections(SelectionsRaceWriter.contestedUser(i), SelectionsRaceWriter.COURSE)
                    .get(SelectionsRaceWriter.BANK);
            assertThat(stored).as("contested %d", i).hasSize(1);
            assertThat(held.get(0).get(i)).as("contested %d in first", i).isEqualTo(stored.get(0));
            assertThat(held.get(1).get(i)).as("contested %d in second", i).isEqualTo(stored.get(0));
        }
    }

    private void start(Path learners, int index) throws IOException {
        writers.add(LineProcess.start(SelectionsRaceWriter.class, folder.resolve("stderr-" + index),
                learners.toString(), NAMES.get(index), String.valueOf(SAVES)));
    }

    private Map<Integer, String> awaitDone(int index) throws IOException {
        var writer = writers.get(index);
        var held = new HashMap<Integer, String>();
        for (var line = writer.readLine(); !"done".equals(line); line = writer.readLine()) {
            assertThat(line).as("answer of process %d; its log: %s", index, writer.log()).startsWith("contested ");
            var fields = line.split(" ");
            held.put(Integer.parseInt(fields[1]), fields[2]);
        }
        return held;
    }
}
