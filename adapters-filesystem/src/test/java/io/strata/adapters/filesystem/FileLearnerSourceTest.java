package io.strata.adapters.filesystem;

import io.strata.ports.BackendFailureException;
import io.strata.ports.CourseRole;
import io.strata.ports.InputRejectedException;
import io.strata.ports.LearnerRecord;
import io.strata.ports.LearnerSource;
import io.strata.testkit.LearnerSourceContractTest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FileLearnerSourceTest extends LearnerSourceContractTest {
    private static final String COURSE = "course-v1:Org+Num+Run";
    private static final String OTHER = "course-v1:Org+Other+Run";
    private static final String ALICE = String.join("\n",
            "learners:",
            "  - username: staff",
            "    roles: [staff]",
            "  - username: alice",
            "    enrollment: audit",
            "    groups: {\"50\": 1, \"51\": 3}",
            "    courses:",
            "      \"course-v1:Org+Num+Run\": {roles: [beta_tester], enrollment: verified, groups: {\"50\": 2}}",
            "");

    @TempDir
    Path temp;

    private final MutableClock clock = new MutableClock();

    @Override
    protected LearnerSource createSource(List<LearnerRecord> records, String courseKey) {
        return source(write("learners.yaml", LearnersFiles.yaml(records, courseKey)));
    }

    @Test
    void find_globalRole_appliesToEveryCourse() {
        var source = source(write("learners.yaml", ALICE));

        assertThat(source.find("staff", COURSE)).hasValueSatisfying(record -> assertThat(record.isStaff()).isTrue());
        assertThat(source.find("staff", OTHER)).hasValueSatisfying(record -> assertThat(record.isStaff()).isTrue());
    }

    @Test
    void find_courseOverride_addsRolesAndReplacesEnrollmentAndGroups() {
        var source = source(write("learners.yaml", ALICE));

        var found = source.find("alice", COURSE);

        assertThat(found).contains(new LearnerRecord("alice", Set.of(CourseRole.BETA_TESTER), Optional.of("verified"),
                Map.of(50L, 2L, 51L, 3L)));
    }

    @Test
    void find_courseWithoutOverride_returnsGlobalEntry() {
        var source = source(write("learners.yaml", ALICE));

        var found = source.find("alice", OTHER);

        assertThat(found).contains(new LearnerRecord("alice", Set.of(), Optional.of("audit"),
                Map.of(50L, 1L, 51L, 3L)));
    }

    @Test
    void find_jsonFile_readsSameFormat() {
        var records = List.of(new LearnerRecord("vic", Set.of(CourseRole.INSTRUCTOR), Optional.of("verified"),
                Map.of(50L, 2L)));
        var source = source(write("learners.json", LearnersFiles.json(records, COURSE)));

        assertThat(source.find("vic", COURSE)).contains(records.get(0));
    }

    @Test
    void find_fileChanged_readsNewContentAfterInterval() {
        var file = write("learners.yaml", ALICE);
        var source = source(file);
        rewrite(file, "learners:\n  - username: bob\n");

        var beforeInterval = source.find("bob", COURSE);
        clock.advance(FileLearnerSource.CHECK_INTERVAL);
        var afterInterval = source.find("bob", COURSE);

        assertThat(beforeInterval).isEmpty();
        assertThat(afterInterval).contains(LearnerRecord.learner("bob"));
        assertThat(source.find("alice", COURSE)).isEmpty();
    }

    @Test
    void saveSelection_fileReloaded_keepsSavedSelectionOverFileSelection() {
        var bank = "block-v1:A+B+C+type@library_content+block@bank";
        var file = write("learners.yaml", "learners:\n  - username: alice\n    courses:\n      \"" + COURSE
                + "\": {selections: {\"" + bank + "\": [\"p1\", \"p2\"]}}\n");
        var source = source(file);

        source.saveSelection("alice", COURSE, bank, List.of("p3"));
        rewrite(file, "learners:\n  - username: alice\n    cohort: \"Cohort B\"\n");
        clock.advance(FileLearnerSource.CHECK_INTERVAL);

        assertThat(source.find("alice", COURSE)).hasValueSatisfying(record -> {
            assertThat(record.cohort()).contains("Cohort B");
            assertThat(record.itemBankSelections()).isEqualTo(Map.of(bank, List.of("p3")));
        });
    }

    @Test
    void saveSelection_sourceRestarted_returnsSavedSelection() {
        var bank = "block-v1:A+B+C+type@library_content+block@bank";
        var other = "block-v1:A+B+C+type@library_content+block@other";
        var file = write("learners.yaml", ALICE);
        var first = source(file);
        first.saveSelection("alice", COURSE, bank, List.of("p3", "p1"));
        first.saveSelection("alice", COURSE, other, List.of("q2"));
        first.saveSelection("stranger", OTHER, bank, List.of("p2"));

        var restarted = source(file);

        assertThat(restarted.loadSelections("alice", COURSE))
                .isEqualTo(Map.of(bank, List.of("p3", "p1"), other, List.of("q2")));
        assertThat(restarted.find("alice", COURSE)).hasValueSatisfying(record -> assertThat(
                record.itemBankSelections()).containsEntry(bank, List.of("p3", "p1")));
        assertThat(restarted.loadSelections("stranger", OTHER)).isEqualTo(Map.of(bank, List.of("p2")));
        assertThat(restarted.loadSelections("alice", OTHER)).isEmpty();
    }

    @Test
    void saveSelection_anySave_replacesSelectionsFileBesideLearnersFileLeavingOnlyItsLockFile() throws IOException {
        var file = write("learners.yaml", ALICE);
        var source = source(file);

        source.saveSelection("alice", COURSE, "bank", List.of("p1"));
        source.saveSelection("alice", COURSE, "bank", List.of("p2"));

        try (var files = Files.list(temp)) {
            assertThat(files.map(path -> path.getFileName().toString()))
                    .containsExactlyInAnyOrder("learners.yaml", "learners.selections.json",
                            ".learners.selections.json.lock");
        }
        assertThat(Files.readString(temp.resolve("learners.selections.json")))
                .isEqualTo("{\"learners\":{\"alice\":{\"" + COURSE + "\":{\"bank\":[\"p2\"]}}},\"version\":1}");
        assertThat(Files.readString(file)).isEqualTo(ALICE);
    }

    @Test
    void saveSelection_configuredSelectionsFileInNewFolder_writesIt() {
        var selections = temp.resolve("state/saved.json");
        var config = new FileLearnerSourceConfig(write("learners.json", "{\"learners\": []}"), selections);

        new FileLearnerSource(config, clock).saveSelection("bob", COURSE, "bank", List.of("p1"));

        assertThat(selections).isRegularFile();
        assertThat(new FileLearnerSource(config, clock).loadSelections("bob", COURSE))
                .isEqualTo(Map.of("bank", List.of("p1")));
    }

    @Test
    void saveSelection_selectionsFileCannotBeWritten_keepsSelectionInMemory() throws IOException {
        var folder = Files.createDirectory(temp.resolve("state"));
        var config = new FileLearnerSourceConfig(write("learners.yaml", ALICE), folder.resolve("saved.json"));
        var source = new FileLearnerSource(config, clock);
        Files.delete(folder);
        write("state", "a file where the folder was");

        source.saveSelection("alice", COURSE, "bank", List.of("p1"));

        assertThat(source.loadSelections("alice", COURSE)).isEqualTo(Map.of("bank", List.of("p1")));
        assertThat(Files.readString(folder)).isEqualTo("a file where the folder was");
    }

    @Test
    void constructor_selectionsFileUnderAFile_throwsNamingIt() {
        var blocker = write("not-a-folder", "");
        var selections = blocker.resolve("saved.json");

        assertThatThrownBy(() -> new FileLearnerSource(new FileLearnerSourceConfig(write("learners.yaml", ALICE),
                selections), clock))
                .isInstanceOf(BackendFailureException.class)
                .hasMessageContaining("selections file[" + selections + "]");
    }

    @Test
    void constructor_malformedSelectionsFile_throwsNamingIt() {
        var file = write("learners.yaml", ALICE);
        var selections = write("learners.selections.json", "{\"version\": 1, \"learners\": {\"alice\": []}}");

        assertThatThrownBy(() -> source(file))
                .isInstanceOf(InputRejectedException.class)
                .hasMessageContaining("selections file[" + selections + "]")
                .hasMessageContaining("[alice] must be a map");
    }

    @Test
    void config_selectionsFileIsLearnersFile_refuses() {
        var file = temp.resolve("learners.json");

        assertThatThrownBy(() -> new FileLearnerSourceConfig(file, file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("learners.selections-file[" + file + "]");
    }

    @Test
    void find_fileUnchanged_keepsLearners() {
        var source = source(write("learners.yaml", ALICE));

        clock.advance(Duration.ofSeconds(5));

        assertThat(source.find("alice", COURSE)).isPresent();
    }

    @Test
    void find_fileTurnsMalformed_keepsPreviousLearners() {
        var file = write("learners.yaml", ALICE);
        var source = source(file);
        rewrite(file, "learners:\n  - username: [unclosed\n");

        clock.advance(FileLearnerSource.CHECK_INTERVAL);

        assertThat(source.find("alice", COURSE)).isPresent();
    }

    @Test
    void find_malformedFileFixed_readsFixedContent() {
        var file = write("learners.yaml", ALICE);
        var source = source(file);
        rewrite(file, "learners:\n  - usernme: bob\n");
        clock.advance(FileLearnerSource.CHECK_INTERVAL);
        source.find("alice", COURSE);

        rewrite(file, "learners:\n  - username: bob\n");
        clock.advance(FileLearnerSource.CHECK_INTERVAL);

        assertThat(source.find("bob", COURSE)).isPresent();
    }

    @Test
    void find_missingFile_returnsEmpty() {
        var source = source(temp.resolve("absent.yaml"));

        assertThat(source.find("alice", COURSE)).isEmpty();
    }

    @Test
    void find_missingFileAppears_readsItAfterInterval() {
        var file = temp.resolve("learners.yaml");
        var source = source(file);

        write("learners.yaml", ALICE);
        clock.advance(FileLearnerSource.CHECK_INTERVAL);

        assertThat(source.find("alice", COURSE)).isPresent();
    }

    @Test
    void find_fileDeleted_returnsEmptyAfterInterval() throws IOException {
        var file = write("learners.yaml", ALICE);
        var source = source(file);

        Files.delete(file);
        clock.advance(FileLearnerSource.CHECK_INTERVAL);

        assertThat(source.find("alice", COURSE)).isEmpty();
    }

    @Test
    void find_emptyFile_returnsEmpty() {
        var source = source(write("learners.yaml", "# nobody yet\n"));

        assertThat(source.find("alice", COURSE)).isEmpty();
    }

    @Test
    void constructor_syntaxError_throwsNamingFileAndLine() {
        var file = write("learners.yaml", "learners:\n  - username: alice\n    roles: [staff\n");

        assertThatThrownBy(() -> source(file))
                .isInstanceOf(InputRejectedException.class)
                .hasMessageContaining("learners file[" + file + "] line[");
    }

    @Test
    void constructor_unknownLearnerKey_throwsNamingKeyAndLine() {
        var file = write("learners.yaml", "learners:\n  - username: alice\n    role: [staff]\n");

        assertThatThrownBy(() -> source(file))
                .isInstanceOf(InputRejectedException.class)
                .hasMessageContaining("line[3]")
                .hasMessageContaining("unknown key[role]")
                .hasMessageContaining("roles");
    }

    @Test
    void constructor_unknownCourseKey_throwsNamingKey() {
        var file = write("learners.yaml", "learners:\n  - username: alice\n    courses:\n"
                + "      \"course-v1:A+B+C\": {enrollment: audit, team: 1}\n");

        assertThatThrownBy(() -> source(file))
                .isInstanceOf(InputRejectedException.class)
                .hasMessageContaining("unknown key[team]");
    }

    @Test
    void constructor_unknownTopLevelKey_throwsNamingKey() {
        var file = write("learners.yaml", "learners: []\nteachers: []\n");

        assertThatThrownBy(() -> source(file))
                .isInstanceOf(InputRejectedException.class)
                .hasMessageContaining("line[2]")
                .hasMessageContaining("unknown key[teachers]");
    }

    @Test
    void constructor_duplicateUsername_throwsNamingUsernameAndBothLines() {
        var file = write("learners.yaml", "learners:\n  - username: alice\n  - username: bob\n  - username: alice\n");

        assertThatThrownBy(() -> source(file))
                .isInstanceOf(InputRejectedException.class)
                .hasMessageContaining("line[4]")
                .hasMessageContaining("username[alice] appears again")
                .hasMessageContaining("line[2]");
    }

    @Test
    void constructor_duplicateKeyInEntry_throwsNamingLine() {
        var file = write("learners.yaml", "learners:\n  - username: alice\n    enrollment: audit\n"
                + "    enrollment: verified\n");

        assertThatThrownBy(() -> source(file))
                .isInstanceOf(InputRejectedException.class)
                .hasMessageContaining("line[4]")
                .hasMessageContaining("enrollment");
    }

    @Test
    void constructor_unknownRole_throwsListingAllowedRoles() {
        var file = write("learners.yaml", "learners:\n  - username: alice\n    roles: [admin]\n");

        assertThatThrownBy(() -> source(file))
                .isInstanceOf(InputRejectedException.class)
                .hasMessageContaining("unknown role[admin]")
                .hasMessageContaining("staff, instructor, beta_tester");
    }

    @Test
    void constructor_nonNumericPartition_throwsNamingValue() {
        var file = write("learners.yaml", "learners:\n  - username: alice\n    groups: {cohort: 1}\n");

        assertThatThrownBy(() -> source(file))
                .isInstanceOf(InputRejectedException.class)
                .hasMessageContaining("value[cohort]");
    }

    @Test
    void constructor_missingUsername_throwsNamingLine() {
        var file = write("learners.yaml", "learners:\n  - username: alice\n  - roles: [staff]\n");

        assertThatThrownBy(() -> source(file))
                .isInstanceOf(InputRejectedException.class)
                .hasMessageContaining("username");
    }

    @Test
    void constructor_emptyUsername_throwsNamingLine() {
        var file = write("learners.yaml", "learners:\n  - username: \"\"\n");

        assertThatThrownBy(() -> source(file))
                .isInstanceOf(InputRejectedException.class)
                .hasMessageContaining("line[2]")
                .hasMessageContaining("no username or an empty one");
    }

    @Test
    void constructor_learnersNotAList_throwsNamingLine() {
        var file = write("learners.yaml", "learners:\n  alice: staff\n");

        assertThatThrownBy(() -> source(file))
                .isInstanceOf(InputRejectedException.class)
                .hasMessageContaining("'learners' must be a list");
    }

    @Test
    void constructor_malformedJson_throwsNamingLine() {
        var file = write("learners.json", "{\"learners\": [\n  {\"username\": \"alice\",}\n]}\n");

        assertThatThrownBy(() -> source(file))
                .isInstanceOf(InputRejectedException.class)
                .hasMessageContaining("line[2]");
    }

    @Test
    void describe_always_namesFile() {
        var file = write("learners.yaml", ALICE);

        assertThat(source(file).describe()).isEqualTo("file[" + file + "]");
    }

    @Test
    void config_unsupportedExtension_throwsNamingKey() {
        assertThatThrownBy(() -> new FileLearnerSourceConfig(temp.resolve("learners.txt")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("learners.file[");
    }

    private FileLearnerSource source(Path file) {
        return new FileLearnerSource(new FileLearnerSourceConfig(file), clock);
    }

    private Path write(String name, String content) {
        try {
            return Files.writeString(temp.resolve(name), content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // Moves the modification time on, so the change shows even on a filesystem with coarse times.
    private static void rewrite(Path file, String content) {
        try {
            var previous = Files.getLastModifiedTime(file).toInstant();
            Files.writeString(file, content, StandardCharsets.UTF_8);
            Files.setLastModifiedTime(file, FileTime.from(previous.plus(Duration.ofSeconds(2))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
