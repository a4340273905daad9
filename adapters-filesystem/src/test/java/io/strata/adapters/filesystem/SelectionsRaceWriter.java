package io.strata.adapters.filesystem;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * Is one process of {@link SelectionsFileProcessRaceIT}: with the learners file named by its first
 * argument, its name by the second and a count by the third, it waits for a line on standard input,
 * then saves the count's selections of users of its own and one contested selection per index, and
 * answers, for each index, {@code contested <index> <children it holds>} (or {@link #NONE}) on standard output, then
 * {@code done}.
 */
final class SelectionsRaceWriter {
    static final String COURSE = "course-v1:Race+S1+2026";
    static final String BANK = "block-v1:Race+S1+2026+type@library_content+block@bank";
    /** Stands for no selection held. */
    static final String NONE = "(none)";

    private SelectionsRaceWriter() {
    }

    public static void main(String[] args) throws IOException {
        var source = new FileLearnerSource(new FileLearnerSourceConfig(Path.of(args[0])));
        var name = args[1];
        int count = Integer.parseInt(args[2]);
        var input = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        input.readLine();

        for (int i = 0; i < count; i++) {
            source.saveSelection(ownUser(name, i), COURSE, BANK, List.of(child(name, i)));
            source.saveSelection(contestedUser(i), COURSE, BANK, List.of(child(name, i)));
        }
        for (int i = 0; i < count; i++) {
            var held = source.loadSelections(contestedUser(i), COURSE).getOrDefault(BANK, List.of(NONE));
            System.out.println("contested " + i + " " + String.join(",", held));
        }
        System.out.println("done");
        System.out.flush();
    }

    static String ownUser(String name, int index) {
        return name + "-" + index;
    }

    static String contestedUser(int index) {
        return "contested-" + index;
    }

    static String child(String name, int index) {
        return "block-v1:Race+S1+2026+type@problem+block@" + name + "-" + index;
    }
}
