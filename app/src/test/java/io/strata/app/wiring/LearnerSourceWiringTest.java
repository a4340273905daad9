package io.strata.app.wiring;

import io.strata.app.config.ConfigLoader;
import io.strata.ports.LearnerSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Builds the real injector with the learners keys: where the learner source keeps saved selections. */
class LearnerSourceWiringTest {
    private static final String COURSE = "course-v1:Org+Num+Run";
    private static final String BANK = "block-v1:Org+Num+Run+type@library_content+block@bank";

    @TempDir
    Path temp;

    @Test
    void selectionsFile_unset_savesBesideTheLearnersFileAndReadsThemAfterARestart() throws IOException {
        var learners = Files.writeString(temp.resolve("people.yaml"), "learners:\n  - username: alice\n");
        var settings = List.of("learners.file=" + learners, "durable.filesystem.folder=" + temp.resolve("store"));

        learnerSource(settings).saveSelection("alice", COURSE, BANK, List.of("p2"));

        assertThat(temp.resolve("people.selections.json")).isRegularFile();
        assertThat(learnerSource(settings).loadSelections("alice", COURSE)).isEqualTo(Map.of(BANK, List.of("p2")));
    }

    @Test
    void selectionsFile_set_savesThere() throws IOException {
        var learners = Files.writeString(temp.resolve("people.json"), "{\"learners\": []}");
        var selections = temp.resolve("state/saved.json");

        learnerSource(List.of("learners.file=" + learners, "learners.selections-file=" + selections,
                "durable.filesystem.folder=" + temp.resolve("store"))).saveSelection("bob", COURSE, BANK, List.of());

        assertThat(selections).isRegularFile();
        assertThat(temp.resolve("people.selections.json")).doesNotExist();
    }

    @Test
    void selectionsFile_theLearnersFile_failsNamingTheKey() {
        var learners = temp.resolve("people.yaml");

        assertThatThrownBy(() -> learnerSource(List.of("learners.file=" + learners,
                "learners.selections-file=" + learners, "durable.filesystem.folder=" + temp.resolve("store"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("learners.selections-file[" + learners + "]");
    }

    private static LearnerSource learnerSource(List<String> settings) {
        return Wiring.create(ConfigLoader.load(Optional.empty(), Map.of(), settings)).getInstance(LearnerSource.class);
    }
}
