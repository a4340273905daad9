package io.strata.adapters.olx;

import io.strata.ports.CourseImportException;
import io.strata.ports.InputRejectedException;
import io.strata.ports.ItemNotFoundException;
import io.strata.ports.SourceCourse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static io.strata.adapters.olx.OlxTestFiles.sharedCourse;
import static io.strata.adapters.olx.OlxTestFiles.tarGz;
import static io.strata.adapters.olx.OlxTestFiles.utf8;
import static io.strata.adapters.olx.OlxTestFiles.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class OlxCourseSourceHostileInputTest {
    private static final String KEY = "course-v1:ORG+NUM+RUN";
    private static final String COURSE_XML = "<course url_name=\"RUN\" org=\"ORG\" course=\"NUM\"/>";

    @TempDir
    Path temp;

    /** Writes a minimal course whose one chapter holds the given XML. */
    private Path course(String chapterContent) {
        var folder = temp.resolve("course");
        write(folder, "course.xml", COURSE_XML);
        write(folder, "course/RUN.xml", "<course display_name=\"Fixture\">\n  <chapter url_name=\"c1\"/>\n</course>\n");
        write(folder, "chapter/c1.xml", "<chapter display_name=\"Chapter\">\n" + chapterContent + "\n</chapter>\n");
        return folder;
    }

    private static SourceCourse read(Path source) {
        return new OlxCourseSource(OlxCourseSourceConfig.of(source)).read(KEY);
    }

    private static CourseImportException importError(Path source) {
        return catchThrowableOfType(CourseImportException.class, () -> read(source));
    }

    @Test
    void read_minimalCourse_importsIt() {
        var folder = course("  <vertical url_name=\"v1\"><html>Hi <b>there</b></html></vertical>");

        var course = read(folder);

        assertThat(course.blocks()).extracting(b -> b.id().toString())
                .containsExactly("course@RUN", "chapter@c1", "vertical@v1", course.blocks().get(3).id().toString());
        assertThat(course.blocks().get(3).fields()).containsEntry("data", "Hi <b>there</b>");
    }

    @Test
    void read_malformedXml_namesFileAndLine() {
        var folder = course("  <vertical url_name=\"v1\"/>");
        write(folder, "vertical/v1.xml", "<vertical>\n  <html>\n</vertical>\n");

        var error = importError(folder);

        assertThat(error.getFile()).isEqualTo("vertical/v1.xml");
        assertThat(error.getLine()).isEqualTo(3);
        assertThat(error).hasMessageContaining("file[vertical/v1.xml] line[3]");
    }

    @Test
    void read_missingPointerFile_namesMissingAndReferencingFiles() {
        var folder = course("  <vertical url_name=\"absent\"/>");

        var error = importError(folder);

        assertThat(error.getFile()).isEqualTo("chapter/c1.xml");
        assertThat(error.getLine()).isEqualTo(2);
        assertThat(error).hasMessageContaining("vertical/absent.xml");
    }

    @Test
    void read_urlNameWithDotDot_isRefusedWithoutReadingOutside() {
        write(temp, "vertical/outside.xml", "<vertical display_name=\"outside\"/>");
        var folder = course("  <vertical url_name=\"../../vertical/outside\"/>");

        var error = importError(folder);

        assertThat(error.getFile()).isEqualTo("chapter/c1.xml");
        assertThat(error.getAttribute()).hasValue("url_name");
        assertThat(error).hasMessageContaining("value[../../vertical/outside]").hasMessageContaining("'..'");
    }

    @Test
    void read_urlNameMappingToAbsolutePath_isRefused() {
        var folder = course("  <vertical url_name=\":tmp:outside\"/>");

        assertThatThrownBy(() -> read(folder)).isInstanceOf(CourseImportException.class)
                .hasMessageContaining("value[:tmp:outside]").hasMessageContaining("absolute");
    }

    @Test
    void read_policyKeyWithDotDot_isRefused() {
        var folder = course("");
        write(folder, "policies/RUN/policy.json", "{\"chapter/../../x\": {\"display_name\": \"x\"}}");

        var error = importError(folder);

        assertThat(error.getFile()).isEqualTo("policies/RUN/policy.json");
        assertThat(error).hasMessageContaining("value[chapter/../../x]");
    }

    @Test
    void read_symlinkPointingOutside_isRefused() throws IOException {
        var outside = write(temp, "outside/v1.xml", "<vertical display_name=\"outside\"/>");
        var folder = course("  <vertical url_name=\"v1\"/>");
        Files.createDirectories(folder.resolve("vertical"));
        Files.createSymbolicLink(folder.resolve("vertical/v1.xml"), outside);

        var error = importError(folder);

        assertThat(error.getFile()).isEqualTo("chapter/c1.xml");
        assertThat(error).hasMessageContaining("vertical/v1.xml").hasMessageContaining("outside the course folder");
    }

    @Test
    void read_doctypeWithExternalEntity_isRefused() {
        write(temp, "secret.txt", "top secret");
        var folder = course("  <vertical url_name=\"v1\"/>");
        write(folder, "vertical/v1.xml", "<?xml version=\"1.0\"?>\n<!DOCTYPE vertical [\n"
                + "  <!ENTITY leak SYSTEM \"file://" + temp.resolve("secret.txt") + "\">\n]>\n"
                + "<vertical><html>&leak;</html></vertical>\n");

        var error = importError(folder);

        assertThat(error.getFile()).isEqualTo("vertical/v1.xml");
        assertThat(error).hasMessageContaining("DOCTYPE").hasMessageNotContaining("top secret");
    }

    @Test
    void read_entityExpansionBomb_isRefusedBeforeExpanding() {
        var folder = course("  <html url_name=\"h1\"/>");
        var entities = new StringBuilder("<!ENTITY a0 \"lol\">\n");
        for (int i = 1; i < 10; i++) {
            entities.append("<!ENTITY a").append(i).append(" \"").append(("&a" + (i - 1) + ";").repeat(10))
                    .append("\">\n");
        }
        write(folder, "html/h1.xml", "<!DOCTYPE html [\n" + entities + "]>\n<html>&a9;</html>\n");

        var error = importError(folder);

        assertThat(error.getFile()).isEqualTo("html/h1.xml");
        assertThat(error).hasMessageContaining("DOCTYPE");
    }

    @Test
    void read_filenameWithDotDot_isRefusedWithTheValue() {
        write(temp, "outside.xml", "<sequential display_name=\"outside\"/>");
        var folder = course("  <sequential filename=\"../../outside\" slug=\"s\"/>");

        var error = importError(folder);

        assertThat(error.getFile()).isEqualTo("chapter/c1.xml");
        assertThat(error.getLine()).isEqualTo(2);
        assertThat(error.getAttribute()).hasValue("filename");
        assertThat(error).hasMessageContaining("value[../../outside]");
    }

    @Test
    void read_htmlFilenameAbsolute_isRefusedWithTheValue() {
        var folder = course("  <html url_name=\"h1\"/>");
        write(folder, "html/h1.xml", "<html filename=\"/etc/passwd\"/>");

        var error = importError(folder);

        assertThat(error.getFile()).isEqualTo("html/h1.xml");
        assertThat(error.getAttribute()).hasValue("filename");
        assertThat(error).hasMessageContaining("value[/etc/passwd]").hasMessageContaining("absolute");
    }

    @Test
    void read_policyKeyWithNulOrAbsolutePath_isRefusedWithTheValue() {
        var folder = course("");
        write(folder, "policies/RUN/policy.json", "{\"chapter/a\\u0000b\": {\"display_name\": \"x\"}}");
        var nul = importError(folder);
        write(folder, "policies/RUN/policy.json", "{\"/chapter/c1\": {\"display_name\": \"x\"}}");
        var absolute = importError(folder);

        assertThat(nul).hasMessageContaining("value[chapter/a\\0b]").hasMessageContaining("NUL");
        assertThat(absolute).hasMessageContaining("value[/chapter/c1]").hasMessageContaining("absolute");
    }

    @Test
    void read_htmlBodyLinkedOutside_isRefused() throws IOException {
        var outside = write(temp, "secret.html", "top secret");
        var folder = course("  <html url_name=\"h1\"/>");
        write(folder, "html/h1.xml", "<html filename=\"h1\"/>");
        Files.createSymbolicLink(folder.resolve("html/h1.html"), outside);

        var error = importError(folder);

        assertThat(error).hasMessageContaining("html/h1.html").hasMessageContaining("outside the course folder")
                .hasMessageNotContaining("top secret");
    }

    @Test
    void listCourses_doctypeInCourseXml_reportsItUnreadable() {
        var folder = temp.resolve("course");
        write(folder, "course.xml", "<!DOCTYPE course [<!ENTITY a \"aaaa\">]>\n" + COURSE_XML);

        var catalog = new OlxCourseSource(OlxCourseSourceConfig.of(folder)).listCourses();

        assertThat(catalog.courseKeys()).isEmpty();
        assertThat(catalog.unreadable()).singleElement()
                .satisfies(e -> assertThat(e.getFile()).isEqualTo("course.xml"));
    }

    @Test
    void read_referenceCycle_namesTheFile() {
        var folder = course("  <sequential url_name=\"s1\"/>");
        write(folder, "sequential/s1.xml", "<sequential>\n  <chapter url_name=\"c1\"/>\n</sequential>\n");

        var error = importError(folder);

        assertThat(error.getFile()).isEqualTo("sequential/s1.xml");
        assertThat(error).hasMessageContaining("chapter@c1").hasMessageContaining("cycle");
    }

    @Test
    void read_invalidDate_namesFileAndAttribute() {
        var folder = course("  <sequential url_name=\"s1\"/>");
        write(folder, "sequential/s1.xml", "<sequential due=\"next tuesday\"/>");

        var error = importError(folder);

        assertThat(error.getFile()).isEqualTo("sequential/s1.xml");
        assertThat(error.getAttribute()).hasValue("due");
        assertThat(error).hasMessageContaining("value[next tuesday]");
    }

    @Test
    void read_invalidJsonAttribute_namesFileAndAttribute() {
        var folder = course("  <html url_name=\"h1\"/>");
        write(folder, "html/h1.xml", "<html group_access=\"{1: [2\">Hi</html>");

        var error = importError(folder);

        assertThat(error.getFile()).isEqualTo("html/h1.xml");
        assertThat(error.getAttribute()).hasValue("group_access");
    }

    @Test
    void read_htmlBodyOverTheFileLimit_isRefusedNamingTheFile() throws IOException {
        var folder = course("  <vertical url_name=\"v1\"><html url_name=\"big\"/></vertical>");
        write(folder, "html/big.xml", "<html filename=\"big\"/>");
        try (var file = FileChannel.open(folder.resolve("html/big.html"), StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE)) {
            // A sparse file: its size is over the limit without writing 64 MiB to the disk.
            file.write(ByteBuffer.wrap(new byte[] {'x'}), CourseFiles.MAX_FILE_BYTES);
        }

        var error = importError(folder);

        assertThat(error.getFile()).isEqualTo("html/big.html");
        assertThat(error).hasMessageContaining("over the limit");
    }

    @Test
    void read_missingHtmlBody_namesBodyAndBlockFile() {
        var folder = course("  <html url_name=\"h1\"/>");
        write(folder, "html/h1.xml", "<html filename=\"h1\"/>");

        var error = importError(folder);

        assertThat(error.getFile()).isEqualTo("html/h1.xml");
        assertThat(error).hasMessageContaining("html/h1.html");
    }

    @Test
    void read_unknownKey_throwsNotFound() {
        var folder = course("");

        assertThatThrownBy(() -> new OlxCourseSource(OlxCourseSourceConfig.of(folder)).read("course-v1:A+B+C"))
                .isInstanceOf(ItemNotFoundException.class).hasMessageContaining("course-v1:A+B+C");
    }

    @Test
    void listCourses_missingSource_isRejectedNamingThePath() {
        var source = new OlxCourseSource(OlxCourseSourceConfig.of(temp.resolve("absent")));

        assertThatThrownBy(source::listCourses).isInstanceOf(InputRejectedException.class)
                .hasMessageContaining("absent");
    }

    @Test
    void listCourses_folderOfCourses_reportsMalformedAndDuplicateCoursesAndListsLibrariesApart() {
        OlxTestFiles.copyTree(sharedCourse("edx-xml-dag"), temp.resolve("a-dag"));
        OlxTestFiles.copyTree(sharedCourse("edx-xml-dag"), temp.resolve("b-dag-again"));
        write(temp, "c-broken/course.xml", "<course url_name=\"x\" org=\"o\"\n course=\"c\">");
        OlxTestFiles.copyTree(sharedCourse("demo-content-library"), temp.resolve("d-library"));
        write(temp, "e-not-a-course/readme.txt", "hello");

        var catalog = new OlxCourseSource(OlxCourseSourceConfig.of(temp)).listCourses();

        assertThat(catalog.courseKeys()).containsExactly("course-v1:testX+dag+2012_Fall");
        assertThat(catalog.unreadable()).hasSize(2);
        assertThat(catalog.unreadable().get(0).getFile()).isEqualTo("b-dag-again/course.xml");
        assertThat(catalog.unreadable().get(0)).hasMessageContaining("folder[a-dag]")
                .hasMessageContaining("folder[b-dag-again]");
        assertThat(catalog.unreadable().get(1).getFile()).isEqualTo("c-broken/course.xml");
        assertThat(catalog.unreadable().get(1).getLine()).isEqualTo(2);
    }

    @Test
    void read_validTarball_importsLikeTheFolder() {
        var folder = sharedCourse("edx-xml-dag");
        var archive = tarGz(temp.resolve("export.tar.gz"), OlxTestFiles.filesOf(folder, "course/"));
        var config = new OlxCourseSourceConfig(archive, 1_000_000, 100, temp.resolve("extracted"));

        var fromTarball = new OlxCourseSource(config).read("course-v1:testX+dag+2012_Fall");
        var fromFolder = new OlxCourseSource(OlxCourseSourceConfig.of(folder)).read("course-v1:testX+dag+2012_Fall");

        assertThat(fromTarball).isEqualTo(fromFolder);
    }

    @Test
    void listCourses_tarballOfAFolderOfCourses_listsEveryCourse() {
        var files = new LinkedHashMap<String, byte[]>();
        files.putAll(OlxTestFiles.filesOf(sharedCourse("edx-xml-dag"), "./courses/dag/"));
        files.putAll(OlxTestFiles.filesOf(sharedCourse("edx-toy"), "./courses/toy/"));
        var archive = tarGz(temp.resolve("courses.tgz"), files);

        var catalog = new OlxCourseSource(OlxCourseSourceConfig.of(archive)).listCourses();

        assertThat(catalog.courseKeys()).containsExactly("course-v1:edX+toy+2012_Fall",
                "course-v1:testX+dag+2012_Fall");
    }

    @Test
    void listCourses_tarballWithDotDotEntry_isRefusedBeforeWritingAnything() throws IOException {
        var files = new LinkedHashMap<String, byte[]>();
        files.put("course/course.xml", utf8(COURSE_XML));
        files.put("course/../../evil", utf8("evil"));
        var archive = tarGz(temp.resolve("export.tar.gz"), files);
        var extraction = Files.createDirectories(temp.resolve("extracted"));
        var source = new OlxCourseSource(new OlxCourseSourceConfig(archive, 1_000_000, 100, extraction));

        var error = catchThrowableOfType(CourseImportException.class, source::listCourses);

        assertThat(error.getFile()).isEqualTo("export.tar.gz");
        assertThat(error).hasMessageContaining("entry[course/../../evil]");
        assertThat(listTree(extraction)).isEmpty();
        assertThat(temp.resolve("evil")).doesNotExist();
    }

    @Test
    void listCourses_truncatedTarball_saysItIsTruncated() throws IOException {
        var folder = sharedCourse("edx-xml-dag");
        var whole = Files.readAllBytes(tarGz(temp.resolve("whole.tar.gz"), OlxTestFiles.filesOf(folder, "course/")));
        var archive = Files.write(temp.resolve("export.tar.gz"), Arrays.copyOf(whole, whole.length / 2));

        assertThatThrownBy(() -> new OlxCourseSource(OlxCourseSourceConfig.of(archive)).listCourses())
                .isInstanceOf(CourseImportException.class)
                .hasMessageContaining("the archive ends before its last entry; it is truncated")
                .hasMessageNotContaining("null");
    }

    @Test
    void listCourses_tarballWithAbsoluteEntry_isRefused() {
        var archive = tarGz(temp.resolve("export.tar.gz"), Map.of("/tmp/evil.xml", utf8("evil")));

        assertThatThrownBy(() -> new OlxCourseSource(OlxCourseSourceConfig.of(archive)).listCourses())
                .isInstanceOf(CourseImportException.class).hasMessageContaining("entry[/tmp/evil.xml]")
                .hasMessageContaining("absolute");
    }

    @Test
    void listCourses_tarballWithNulInAnEntryName_isRefusedBeforeWritingAnything() throws IOException {
        var files = new LinkedHashMap<String, byte[]>();
        files.put("course/course.xml", utf8(COURSE_XML));
        // A ustar name field ends at its first NUL, so only a PAX long name can carry one.
        files.put("course/static/" + "d".repeat(120) + "/a\0b.txt", utf8("x"));
        var archive = tarGz(temp.resolve("export.tar.gz"), files);
        var extraction = Files.createDirectories(temp.resolve("extracted"));
        var source = new OlxCourseSource(new OlxCourseSourceConfig(archive, 1_000_000, 100, extraction));

        assertThatThrownBy(source::listCourses).isInstanceOf(CourseImportException.class)
                .hasMessageContaining("/a\\0b.txt]").hasMessageContaining("NUL");
        assertThat(listTree(extraction)).isEmpty();
    }

    @Test
    void listCourses_tarballWithLinkOutside_isRefusedBeforeWritingAnything() throws IOException {
        var archive = tarGz(temp.resolve("export.tar.gz"), Map.of("course/course.xml", utf8(COURSE_XML)),
                Map.of("course/chapter", "../../../etc"));
        var extraction = Files.createDirectories(temp.resolve("extracted"));
        var source = new OlxCourseSource(new OlxCourseSourceConfig(archive, 1_000_000, 100, extraction));

        assertThatThrownBy(source::listCourses).isInstanceOf(CourseImportException.class)
                .hasMessageContaining("entry[course/chapter]").hasMessageContaining("target[../../../etc]");
        assertThat(listTree(extraction)).isEmpty();
    }

    @Test
    void listCourses_tarballOverEntryLimit_isRefusedBeforeWritingAnything() throws IOException {
        var files = new LinkedHashMap<String, byte[]>();
        files.put("course/course.xml", utf8(COURSE_XML));
        for (int i = 0; i < 5; i++) {
            files.put("course/static/f" + i + ".txt", utf8("x"));
        }
        var archive = tarGz(temp.resolve("export.tar.gz"), files);
        var extraction = Files.createDirectories(temp.resolve("extracted"));

        var atLimit = new OlxCourseSource(new OlxCourseSourceConfig(archive, 1_000_000, 6, extraction));
        var overLimit = new OlxCourseSource(new OlxCourseSourceConfig(archive, 1_000_000, 5, extraction));

        assertThatThrownBy(overLimit::listCourses).isInstanceOf(CourseImportException.class)
                .hasMessageContaining("entry[course/static/f4.txt]").hasMessageContaining("more than 5 entries");
        assertThat(listTree(extraction)).isEmpty();
        assertThat(atLimit.listCourses().courseKeys()).containsExactly(KEY);
    }

    @Test
    void listCourses_tarballOverByteLimit_isRefusedBeforeWritingAnything() throws IOException {
        var archive = tarGz(temp.resolve("export.tar.gz"), Map.of("course/course.xml", utf8(COURSE_XML),
                "course/static/big.bin", new byte[2_000]));
        var extraction = Files.createDirectories(temp.resolve("extracted"));
        var source = new OlxCourseSource(new OlxCourseSourceConfig(archive, 1_000, 100, extraction));

        assertThatThrownBy(source::listCourses).isInstanceOf(CourseImportException.class)
                .hasMessageContaining("entry[course/static/big.bin]").hasMessageContaining("1000 uncompressed bytes");
        assertThat(listTree(extraction)).isEmpty();
    }

    @Test
    void listCourses_fileThatIsNotATarball_isRefused() {
        var file = write(temp, "export.tar.gz", "not gzip at all");

        assertThatThrownBy(() -> new OlxCourseSource(OlxCourseSourceConfig.of(file)).listCourses())
                .isInstanceOf(CourseImportException.class).hasMessageContaining("export.tar.gz");
    }

    private static List<Path> listTree(Path folder) throws IOException {
        try (var paths = Files.walk(folder)) {
            return paths.filter(path -> !path.equals(folder)).collect(Collectors.toList());
        }
    }
}
