package io.strata.adapters.filesystem;

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
    void saveSelection_twoProcessesSavingAtOnce_fileHoldsEverySaveAndOneContestedWinner() throws Exception {
        var learners = Files.writeString(folder.resolve("learners.yaml"), "learners: []\n");
        for (int i = 0; i < NAMES.size(); i++) {
            start(learners, i);
        }

        for (var writer : writers) {
            writer.write("go\n");
            writer.flush();
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
        var java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        var command = List.of(java, "-cp", System.getProperty("java.class.path"),
                SelectionsRaceWriter.class.getName(), learners.toString(), NAMES.get(index), String.valueOf(SAVES));
        var process = new ProcessBuilder(command).redirectError(folder.resolve("stderr-" + index).toFile()).start();
        processes.add(process);
        writers.add(process.outputWriter(StandardCharsets.UTF_8));
        answers.add(new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)));
    }

    private Map<Integer, String> awaitDone(int index) throws IOException {
        var held = new HashMap<Integer, String>();
        for (var line = answers.get(index).readLine(); !"done".equals(line); line = answers.get(index).readLine()) {
            assertThat(line).as("answer of process %d; its log: %s", index, log(index)).startsWith("contested ");
            var fields = line.split(" ");
            held.put(Integer.parseInt(fields[1]), fields[2]);
        }
        return held;
    }

    private String log(int index) {
        try {
            return Files.readString(folder.resolve("stderr-" + index));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }
}
