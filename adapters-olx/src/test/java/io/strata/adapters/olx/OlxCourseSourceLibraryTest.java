package io.strata.adapters.olx;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.strata.ports.CourseImportException;
import io.strata.ports.ItemNotFoundException;
import io.strata.ports.SourceBlock;
import io.strata.ports.SourceBlockId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static io.strata.adapters.olx.OlxTestFiles.sharedCourse;
import static io.strata.adapters.olx.OlxTestFiles.sharedOlx;
import static io.strata.adapters.olx.OlxTestFiles.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Covers content libraries ({@code library.xml}), which are listed and read apart from courses. */
class OlxCourseSourceLibraryTest {
    private static final String DEMO_LIBRARY = "library-v1:OpenedX+DemoRespiratoryQuestions";

    @TempDir
    Path temp;

    @Test
    void readLibrary_sharedDemoLibrary_matchesStats() throws IOException {
        var stats = new ObjectMapper().readTree(Files.readAllBytes(sharedOlx().resolve("STATS.json")))
                .get("courses").get("demo-content-library");
        var source = new OlxCourseSource(OlxCourseSourceConfig.of(sharedCourse("demo-content-library")));

        var library = source.readLibrary(DEMO_LIBRARY);

        var counts = library.blocks().stream().collect(Collectors.groupingBy(b -> b.id().type(), TreeMap::new,
                Collectors.summingInt(b -> 1)));
        assertThat(stats.get("course_key").asText()).isEqualTo(DEMO_LIBRARY);
        assertThat(library.courseKey()).isEqualTo(DEMO_LIBRARY);
        assertThat(library.root()).isEqualTo(new SourceBlockId("library", "library"));
        assertThat(library.blocks()).hasSize(stats.get("unique_blocks").asInt());
        assertThat(counts).containsEntry("library", 1).containsEntry("problem", 6).hasSize(2);
        assertThat(OlxCourseSourceSharedCoursesTest.maxDepth(library)).isEqualTo(stats.get("max_depth").asInt());
        assertThat(library.blocks().get(0).fields())
                .containsEntry("display_name", "Respiratory System Question Bank 1");
        assertThat(library.blocks().get(0).children()).hasSize(6)
                .allSatisfy(child -> assertThat(child.type()).isEqualTo("problem"));
        assertThat(library.blocks().subList(1, 7)).allSatisfy(problem ->
                assertThat(problem.fields().get("data")).asString().isNotBlank());
        assertThat(library.version()).matches("[0-9a-f]{64}");
    }

    @Test
    void listLibraries_sharedFolder_namesTheLibraryApartFromCourses() {
        var source = new OlxCourseSource(OlxCourseSourceConfig.of(sharedOlx()));

        var libraries = source.listLibraries();
        var courses = source.listCourses();

        assertThat(libraries.courseKeys()).containsExactly(DEMO_LIBRARY);
        assertThat(libraries.unreadable()).isEmpty();
        assertThat(courses.courseKeys()).hasSize(6).doesNotContain(DEMO_LIBRARY);
        assertThatThrownBy(() -> source.read(DEMO_LIBRARY)).isInstanceOf(ItemNotFoundException.class);
        assertThatThrownBy(() -> source.readLibrary("course-v1:edX+toy+2012_Fall"))
                .isInstanceOf(ItemNotFoundException.class);
    }

    @Test
    void readLibrary_fromTarball_equalsTheFolderRead() {
        var archive = OlxTestFiles.tarGz(temp.resolve("library.tar.gz"),
                OlxTestFiles.filesOf(sharedCourse("demo-content-library"), "library/"));
        var config = new OlxCourseSourceConfig(archive, 1_000_000, 100, temp.resolve("extracted"));

        var fromTarball = new OlxCourseSource(config).readLibrary(DEMO_LIBRARY);
        var fromFolder = new OlxCourseSource(OlxCourseSourceConfig.of(sharedCourse("demo-content-library")))
                .readLibrary(DEMO_LIBRARY);

        assertThat(fromTarball).isEqualTo(fromFolder);
    }

    @Test
    void readLibrary_withoutOrgOrLibraryName_fallsBackToEdxAndTheFolderName() {
        write(temp, "mylib/library.xml", "<library url_name=\"library\" display_name=\"L\">"
                + "<html url_name=\"h\" display_name=\"H\">body</html></library>");

        var source = new OlxCourseSource(OlxCourseSourceConfig.of(temp.resolve("mylib")));

        assertThat(source.listLibraries().courseKeys()).containsExactly("library-v1:edx+mylib");
        assertThat(source.readLibrary("library-v1:edx+mylib").blocks()).extracting(SourceBlock::id)
                .containsExactly(new SourceBlockId("library", "library"), new SourceBlockId("html", "h"));
    }

    @Test
    void listLibraries_libraryXmlWithAnotherRoot_isReportedUnreadable() {
        write(temp, "lib/library.xml", "<course url_name=\"x\" org=\"o\" library=\"l\"/>");

        var catalog = new OlxCourseSource(OlxCourseSourceConfig.of(temp)).listLibraries();

        assertThat(catalog.courseKeys()).isEmpty();
        assertThat(catalog.unreadable()).singleElement().isInstanceOf(CourseImportException.class)
                .satisfies(e -> assertThat(e).hasMessageContaining("file[lib/library.xml]")
                        .hasMessageContaining("root element[course]"));
    }
}
