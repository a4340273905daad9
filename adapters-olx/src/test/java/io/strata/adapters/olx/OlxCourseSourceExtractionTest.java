package io.strata.adapters.olx;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;

import static io.strata.adapters.olx.OlxTestFiles.sharedCourse;
import static org.assertj.core.api.Assertions.assertThat;

/** Covers where tarballs are extracted, when an extraction is reused and when it is deleted. */
class OlxCourseSourceExtractionTest {
    private static final String DAG_KEY = "course-v1:testX+dag+2012_Fall";
    private static final String TOY_KEY = "course-v1:edX+toy+2012_Fall";

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
    void listCourses_otherArchivesInTheSameFolder_keepTheirExtractions() throws IOException {
        var dag = archiveOf("edx-xml-dag");
        var toy = OlxTestFiles.tarGz(temp.resolve("toy.tgz"), OlxTestFiles.filesOf(sharedCourse("edx-toy"), "course/"));

        source(dag).listCourses();
        source(toy).listCourses();

        assertThat(extractionFolders()).hasSize(2).noneMatch(name -> name.startsWith(TarballExtractor.PARTIAL_PREFIX));
    }
}
