package io.strata.adapters.filesystem;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Checks two {@link FileLearnerSource}s of one process sharing one selections file, as two processes would. */
class SelectionsFileSharingTest {
    private static final String COURSE = "course-v1:Org+Num+Run";
    private static final String BANK = "block-v1:Org+Num+Run+type@library_content+block@bank";

    @TempDir
    Path temp;

    private final MutableClock clock = new MutableClock();

    @Test
    void saveSelection_twoSourcesOnOneFile_eachSeesTheOthersSavesAfterInterval() throws IOException {
        var config = config();
        var first = new FileLearnerSource(config, clock);
        var second = new FileLearnerSource(config, clock);

        first.saveSelection("alice", COURSE, BANK, List.of("p1"));
        second.saveSelection("bob", COURSE, BANK, List.of("p2"));
        var beforeInterval = first.loadSelections("bob", COURSE);
        clock.advance(FileLearnerSource.CHECK_INTERVAL);

        assertThat(beforeInterval).isEmpty();
        assertThat(first.loadSelections("bob", COURSE)).isEqualTo(Map.of(BANK, List.of("p2")));
        assertThat(second.loadSelections("alice", COURSE)).isEqualTo(Map.of(BANK, List.of("p1")));
        assertThat(Files.readString(config.selectionsFile())).contains("alice", "bob");
        var restarted = new FileLearnerSource(config, clock);
        assertThat(restarted.loadSelections("alice", COURSE)).isEqualTo(Map.of(BANK, List.of("p1")));
        assertThat(restarted.loadSelections("bob", COURSE)).isEqualTo(Map.of(BANK, List.of("p2")));
    }

    @Test
    void saveSelection_otherSourceSavedDifferentSelectionFirst_bothKeepTheFirst() {
        var config = config();
        var first = new FileLearnerSource(config, clock);
        var second = new FileLearnerSource(config, clock);

        first.saveSelection("alice", COURSE, BANK, List.of("p1"));
        second.saveSelection("alice", COURSE, BANK, List.of("p2"));
        clock.advance(FileLearnerSource.CHECK_INTERVAL);

        assertThat(second.loadSelections("alice", COURSE)).isEqualTo(Map.of(BANK, List.of("p1")));
        assertThat(first.loadSelections("alice", COURSE)).isEqualTo(Map.of(BANK, List.of("p1")));
        assertThat(new FileLearnerSource(config, clock).loadSelections("alice", COURSE))
                .isEqualTo(Map.of(BANK, List.of("p1")));
    }

    @Test
    void saveSelection_sourceReplacesSelectionItRead_otherSourceSeesReplacement() {
        var config = config();
        var first = new FileLearnerSource(config, clock);
        var second = new FileLearnerSource(config, clock);
        first.saveSelection("alice", COURSE, BANK, List.of("p1"));
        clock.advance(FileLearnerSource.CHECK_INTERVAL);
        second.loadSelections("alice", COURSE);

        second.saveSelection("alice", COURSE, BANK, List.of("p2", "p3"));
        clock.advance(FileLearnerSource.CHECK_INTERVAL);

        assertThat(first.loadSelections("alice", COURSE)).isEqualTo(Map.of(BANK, List.of("p2", "p3")));
        assertThat(second.loadSelections("alice", COURSE)).isEqualTo(Map.of(BANK, List.of("p2", "p3")));
    }

    @Test
    void saveSelection_twoSourcesSavingConcurrently_fileHoldsEverySave() throws Exception {
        var config = config();
        var sources = List.of(new FileLearnerSource(config, clock), new FileLearnerSource(config, clock));
        var start = new CountDownLatch(1);
        var pool = Executors.newFixedThreadPool(sources.size());

        try {
            var done = new ArrayList<Future<?>>();
            for (int s = 0; s < sources.size(); s++) {
                var source = sources.get(s);
                var user = "user" + s;
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < 50; i++) {
                        source.saveSelection(user, COURSE, BANK + i, List.of("p" + i));
                    }
                    return null;
                }));
            }
            start.countDown();
            for (var future : done) {
                future.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        var restarted = new FileLearnerSource(config, clock);
        for (int s = 0; s < sources.size(); s++) {
            assertThat(restarted.loadSelections("user" + s, COURSE)).as("user%d", s).hasSize(50);
        }
    }

    @Test
    void loadSelections_fileTurnsMalformed_keepsLastGoodContentAndUnwrittenSave() throws IOException {
        var config = config();
        var source = new FileLearnerSource(config, clock);
        source.saveSelection("alice", COURSE, BANK, List.of("p1"));
        rewrite(config.selectionsFile(), "{\"version\": 1, \"learners\": [");

        clock.advance(FileLearnerSource.CHECK_INTERVAL);
        source.saveSelection("bob", COURSE, BANK, List.of("p2"));

        assertThat(source.loadSelections("alice", COURSE)).isEqualTo(Map.of(BANK, List.of("p1")));
        assertThat(source.loadSelections("bob", COURSE)).isEqualTo(Map.of(BANK, List.of("p2")));
        assertThat(Files.readString(config.selectionsFile())).isEqualTo("{\"version\": 1, \"learners\": [");
    }

    @Test
    void loadSelections_malformedFileFixed_readsItKeepingUnwrittenSaveAndWritesBothOnNextSave() throws IOException {
        var config = config();
        var source = new FileLearnerSource(config, clock);
        rewrite(config.selectionsFile(), "not json");
        clock.advance(FileLearnerSource.CHECK_INTERVAL);
        source.saveSelection("bob", COURSE, BANK, List.of("p2"));

        rewrite(config.selectionsFile(), "{\"version\": 1, \"learners\": {\"carol\": {\"" + COURSE + "\": {\""
                + BANK + "\": [\"p3\"]}}}}");
        clock.advance(FileLearnerSource.CHECK_INTERVAL);
        var carol = source.loadSelections("carol", COURSE);
        var bob = source.loadSelections("bob", COURSE);
        source.saveSelection("dave", COURSE, BANK, List.of("p4"));

        assertThat(carol).isEqualTo(Map.of(BANK, List.of("p3")));
        assertThat(bob).isEqualTo(Map.of(BANK, List.of("p2")));
        var restarted = new FileLearnerSource(config, clock);
        assertThat(restarted.loadSelections("bob", COURSE)).isEqualTo(Map.of(BANK, List.of("p2")));
        assertThat(restarted.loadSelections("carol", COURSE)).isEqualTo(Map.of(BANK, List.of("p3")));
        assertThat(restarted.loadSelections("dave", COURSE)).isEqualTo(Map.of(BANK, List.of("p4")));
    }

    private FileLearnerSourceConfig config() {
        try {
            return new FileLearnerSourceConfig(Files.writeString(temp.resolve("learners.yaml"), "learners: []\n",
                    StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // Moves the modification time on, so the change shows even on a filesystem with coarse times.
    private static void rewrite(Path file, String content) throws IOException {
        var previous = Files.exists(file) ? Files.getLastModifiedTime(file).toInstant() : Instant.now();
        Files.writeString(file, content, StandardCharsets.UTF_8);
        Files.setLastModifiedTime(file, FileTime.from(previous.plus(Duration.ofSeconds(2))));
    }
}
