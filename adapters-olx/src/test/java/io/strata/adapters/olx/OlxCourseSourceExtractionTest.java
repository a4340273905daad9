package io.strata.adapters.olx;

import io.strata.ports.ItemNotFoundException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static io.strata.adapters.olx.OlxTestFiles.sharedCourse;
import static org.assertj.core.api.Assertions.assertThat;

/** Covers where tarballs are extracted, when an extraction is reused and when it is deleted. */
class OlxCourseSourceExtractionTest {
    private static final String DAG_KEY = "course-v1:testX+dag+2012_Fall";
    private static final String TOY_KEY = "course-v1:edX+toy+2012_Fall";
    private static final int READERS = 3;
    private static final int SWAPS = 6;

    @TempDir
    Path temp;

    private Path extractions() {
        return temp.resolve("extracted");
    }

    private OlxCourseSource source(Path archive) {
        return new OlxCourseSource(new OlxCourseSourceConfig(archive, OlxCourseSourceConfig.DEFAULT_MAX_ARCHIVE_BYTES,
                OlxCourseSourceConfig.DEFAULT_MAX_ARCHIVE_ENTRIES, extractions()));
    }

    private Path archiveOf(String course) {
        return OlxTestFiles.tarGz(temp.resolve("export.tar.gz"), OlxTestFiles.filesOf(sharedCourse(course), "course/"));
    }

    private List<String> extractionFolders() throws IOException {
        try (var children = Files.list(extractions())) {
            return children.map(child -> child.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void read_sameArchiveFromTwoSources_reusesOneExtraction() throws IOException {
        var archive = archiveOf("edx-xml-dag");

        var first = source(archive).read(DAG_KEY);
        var afterFirst = extractionFolders();
        var second = source(archive).read(DAG_KEY);

        assertThat(second).isEqualTo(first);
        assertThat(afterFirst).singleElement().asString().startsWith(ArchiveExtractions.prefixOf(archive));
        assertThat(extractionFolders()).isEqualTo(afterFirst);
    }

    @Test
    void listCourses_archiveReplaced_extractsTheNewContentAndDeletesTheOld() throws IOException {
        var archive = archiveOf("edx-xml-dag");
        var source = source(archive);
        assertThat(source.listCourses().courseKeys()).containsExactly(DAG_KEY);
        var old = extractionFolders();

        archiveOf("edx-toy");
        Files.setLastModifiedTime(archive, FileTime.from(Instant.now().plusSeconds(60)));
        var keys = source.listCourses().courseKeys();

        assertThat(keys).containsExactly(TOY_KEY);
        assertThat(extractionFolders()).hasSize(1).doesNotContainAnyElementsOf(old);
        assertThat(source.read(TOY_KEY).blocks()).hasSize(29);
    }

    @Test
    void listCourses_archiveChangedWhileAnotherSourceKeepsTheOldOne_replacesItForBoth() throws IOException {
        var archive = archiveOf("edx-xml-dag");
        var first = source(archive);
        first.listCourses();

        archiveOf("edx-toy");
        Files.setLastModifiedTime(archive, FileTime.from(Instant.now().plusSeconds(60)));
        var second = source(archive);

        assertThat(second.listCourses().courseKeys()).containsExactly(TOY_KEY);
        assertThat(first.listCourses().courseKeys()).containsExactly(TOY_KEY);
        assertThat(extractionFolders()).hasSize(1);
    }

    @Test
    void listCourses_extractionDeletedFromOutside_isExtractedAgain() throws IOException {
        var archive = archiveOf("edx-xml-dag");
        var source = source(archive);
        source.listCourses();
        TarballExtractor.deleteQuietly(extractions().resolve(extractionFolders().get(0)));

        var keys = source.listCourses().courseKeys();

        assertThat(keys).containsExactly(DAG_KEY);
        assertThat(extractionFolders()).hasSize(1);
    }

    @Test
    void read_archiveReplacedWhileOtherThreadsRead_everyReadSeesOneWholeExtraction() throws Exception {
        var archive = archiveOf("edx-xml-dag");
        var toy = OlxTestFiles.tarGz(temp.resolve("toy.tar.gz"), OlxTestFiles.filesOf(sharedCourse("edx-toy"), "c/"));
        var dag = OlxTestFiles.tarGz(temp.resolve("dag.tar.gz"),
                OlxTestFiles.filesOf(sharedCourse("edx-xml-dag"), "c/"));
        var source = source(archive);
        var done = new AtomicBoolean();
        var executor = Executors.newFixedThreadPool(READERS);
        try {
            var readers = new ArrayList<Future<Integer>>();
            for (int i = 0; i < READERS; i++) {
                readers.add(executor.submit(() -> readUntil(done, source)));
            }

            for (int swap = 0; swap < SWAPS; swap++) {
                var next = swap % 2 == 0 ? toy : dag;
                var staged = Files.copy(next, temp.resolve("staged.tar.gz"), StandardCopyOption.REPLACE_EXISTING);
                Files.move(staged, archive, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                source.listCourses();
            }
            done.set(true);

            for (var reader : readers) {
                assertThat(reader.get(1, TimeUnit.MINUTES)).isPositive();
            }
        } finally {
            executor.shutdownNow();
        }
        assertThat(extractionFolders()).hasSize(1);
    }

    /** Reads whatever course the source lists until told to stop; returns how many reads succeeded. */
    private static int readUntil(AtomicBoolean done, OlxCourseSource source) {
        int reads = 0;
        while (!done.get() || reads == 0) {
            var keys = source.listCourses().courseKeys();
            assertThat(keys).hasSize(1).containsAnyOf(DAG_KEY, TOY_KEY);
            try {
                var course = source.read(keys.get(0));
                assertThat(course.blocks()).hasSize(course.courseKey().equals(DAG_KEY) ? 8 : 29);
                reads++;
            } catch (ItemNotFoundException e) {
                // The archive changed between the listing and the read: the key is gone, as it should be.
                continue;
            }
        }
        return reads;
    }

    @Test
    void listCourses_otherArchivesInTheSameFolder_keepTheirExtractions() throws IOException {
        var dag = archiveOf("edx-xml-dag");
        var toy = OlxTestFiles.tarGz(temp.resolve("toy.tgz"), OlxTestFiles.filesOf(sharedCourse("edx-toy"), "course/"));

        source(dag).listCourses();
        source(toy).listCourses();

        assertThat(extractionFolders()).hasSize(2).noneMatch(name -> name.startsWith(TarballExtractor.PARTIAL_PREFIX));
    }
}
