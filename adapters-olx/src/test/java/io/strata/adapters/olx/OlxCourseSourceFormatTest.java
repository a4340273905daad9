package io.strata.adapters.olx;

import io.strata.ports.CourseImportException;
import io.strata.ports.ItemNotFoundException;
import io.strata.ports.SourceBlockId;
import io.strata.ports.SourceCourse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.strata.adapters.olx.OlxCourseSourceSharedCoursesTest.block;
import static io.strata.adapters.olx.OlxTestFiles.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Covers each format rule of the OLX import with a small course written for this test. */
class OlxCourseSourceFormatTest {
    private static final String KEY = "course-v1:ORG+NUM+RUN";
    private static final String POINTER = "<course url_name=\"RUN\" org=\"ORG\" course=\"NUM\"/>";

    @TempDir
    Path temp;

    private Path folder() {
        return temp.resolve("course");
    }

    /** Writes course.xml as a pointer and course/RUN.xml holding the given children. */
    private Path course(String children) {
        write(folder(), "course.xml", POINTER);
        write(folder(), "course/RUN.xml", "<course display_name=\"Fixture\">\n" + children + "\n</course>\n");
        return folder();
    }

    private static SourceCourse read(Path source, String key) {
        return new OlxCourseSource(OlxCourseSourceConfig.of(source)).read(key);
    }

    private static List<String> ids(SourceCourse course) {
        return course.blocks().stream().map(b -> b.id().toString()).toList();
    }

    @Test
    void read_courseXmlHoldingTheWholeCourse_readsItsChildren() {
        write(folder(), "course.xml", "<course url_name=\"RUN\" org=\"ORG\" course=\"NUM\" display_name=\"Inline\">\n"
                + "<chapter url_name=\"c\" display_name=\"C\"/>\n</course>");

        var course = read(folder(), KEY);

        assertThat(ids(course)).containsExactly("course@RUN", "chapter@c");
        assertThat(course.blocks().get(0).fields()).containsEntry("display_name", "Inline");
    }

    @Test
    void read_courseXmlWithoutOrgOrCourse_fallsBackToEdxAndTheFolderName() {
        write(folder(), "course.xml", "<course url_name=\"RUN\"/>");
        write(folder(), "course/RUN.xml", "<course display_name=\"Fallback\"/>");
        var source = new OlxCourseSource(OlxCourseSourceConfig.of(folder()));

        var keys = source.listCourses().courseKeys();
        var course = source.read("course-v1:edx+course+RUN");

        assertThat(keys).containsExactly("course-v1:edx+course+RUN");
        assertThat(course.blocks().get(0).fields()).containsEntry("display_name", "Fallback");
    }

    @Test
    void read_courseXmlWithSlugInPlaceOfUrlName_usesTheSlugAsRun() {
        write(folder(), "course.xml", "<course slug=\"RUN\" org=\"ORG\" course=\"NUM\"/>");
        write(folder(), "course/RUN.xml", "<course/>");

        assertThat(read(folder(), KEY).root()).isEqualTo(new SourceBlockId("course", "RUN"));
    }

    @Test
    void listCourses_courseXmlWithoutAnyName_reportsTheMissingUrlName() {
        write(folder(), "course.xml", "<course org=\"ORG\" course=\"NUM\"/>");

        var catalog = new OlxCourseSource(OlxCourseSourceConfig.of(folder())).listCourses();

        assertThat(catalog.courseKeys()).isEmpty();
        assertThat(catalog.unreadable()).singleElement()
                .satisfies(e -> assertThat(e.getAttribute()).hasValue("url_name"));
    }

    @Test
    void listCourses_orgThatCannotBeAKeyPart_isReportedWithTheValue() {
        write(folder(), "course.xml", "<course url_name=\"RUN\" org=\"O+G\" course=\"NUM\"/>");

        var catalog = new OlxCourseSource(OlxCourseSourceConfig.of(folder())).listCourses();

        assertThat(catalog.unreadable()).singleElement()
                .satisfies(e -> assertThat(e).hasMessageContaining("attribute[org]")
                        .hasMessageContaining("value[O+G]"));
    }

    @Test
    void read_givenCourseKey_replacesTheExportKeyAndKeepsTheBlocks() {
        course("<chapter url_name=\"c\" display_name=\"C\"/>");
        var source = new OlxCourseSource(OlxCourseSourceConfig.of(folder()).withCourseKey("course-v1:New+Key+2030"));

        var keys = source.listCourses().courseKeys();
        var course = source.read("course-v1:New+Key+2030");

        assertThat(keys).containsExactly("course-v1:New+Key+2030");
        assertThat(course.courseKey()).isEqualTo("course-v1:New+Key+2030");
        assertThat(ids(course)).containsExactly("course@RUN", "chapter@c");
        assertThatThrownBy(() -> source.read(KEY)).isInstanceOf(ItemNotFoundException.class);
    }

    @Test
    void listCourses_givenCourseKeyForAFolderOfTwoCourses_listsNoneAndSaysWhy() {
        OlxTestFiles.copyTree(OlxTestFiles.sharedCourse("edx-xml-dag"), temp.resolve("all/dag"));
        OlxTestFiles.copyTree(OlxTestFiles.sharedCourse("edx-toy"), temp.resolve("all/toy"));
        var config = OlxCourseSourceConfig.of(temp.resolve("all")).withCourseKey("course-v1:New+Key+2030");

        var catalog = new OlxCourseSource(config).listCourses();

        assertThat(catalog.courseKeys()).isEmpty();
        assertThat(catalog.unreadable()).singleElement()
                .satisfies(e -> assertThat(e).hasMessageContaining("course key[course-v1:New+Key+2030]")
                        .hasMessageContaining("2 readable courses"));
    }

    @Test
    void withCourseKey_notACourseKey_isRejected() {
        assertThatThrownBy(() -> OlxCourseSourceConfig.of(temp).withCourseKey("library-v1:A+B"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("courseKey[library-v1:A+B]");
    }

    @Test
    void read_pointerAndInlineChildrenMixed_keepDocumentOrder() {
        course("<chapter url_name=\"c\"><vertical url_name=\"p1\"/>"
                + "<vertical url_name=\"i1\" display_name=\"Inline\"><html url_name=\"h\">x</html></vertical>"
                + "<vertical url_name=\"p2\"/></chapter>");
        write(folder(), "vertical/p1.xml", "<vertical display_name=\"Pointer 1\"/>");
        write(folder(), "vertical/p2.xml", "<vertical display_name=\"Pointer 2\"/>");

        var course = read(folder(), KEY);

        assertThat(block(course, "chapter", "c").children()).extracting(SourceBlockId::id)
                .containsExactly("p1", "i1", "p2");
        assertThat(block(course, "vertical", "p2").fields()).containsEntry("display_name", "Pointer 2");
    }

    @Test
    void read_pointerFileWithAnotherRootTag_isTypedByTheReference() {
        course("<chapter url_name=\"c\"/>");
        write(folder(), "chapter/c.xml", "<sequential display_name=\"Typed by pointer\"><html url_name=\"h\">x</html>"
                + "</sequential>");

        var course = read(folder(), KEY);

        assertThat(block(course, "chapter", "c").fields()).containsEntry("display_name", "Typed by pointer");
        assertThat(ids(course)).doesNotContain("sequential@c");
    }

    @Test
    void read_legacyFilenamePointerWithSlug_loadsTheFileUnderTheSlugId() {
        course("<chapter url_name=\"c\"><sequential filename=\"old_seq\" slug=\"old_seq\" format=\"Homework\"/>"
                + "</chapter>");
        write(folder(), "sequential/old_seq.xml", "<sequential display_name=\"Old\"><vertical slug=\"v\"/>"
                + "</sequential>");

        var course = read(folder(), KEY);
        var sequential = block(course, "sequential", "old_seq");

        assertThat(sequential.fields()).containsEntry("display_name", "Old").containsEntry("format", "Homework")
                .doesNotContainKeys("filename", "slug");
        assertThat(sequential.children()).containsExactly(new SourceBlockId("vertical", "v"));
    }

    @Test
    void read_blockWithoutAnyName_getsAGeneratedIdStableAcrossReads() {
        course("<chapter url_name=\"c\"><html>first</html><html>second</html></chapter>");

        var first = read(folder(), KEY);
        var second = read(folder(), KEY);

        var children = block(first, "chapter", "c").children();
        assertThat(children).hasSize(2).allSatisfy(id -> assertThat(id.id()).matches("html_[0-9a-f]{12}"));
        assertThat(children.get(0)).isNotEqualTo(children.get(1));
        assertThat(block(second, "chapter", "c").children()).isEqualTo(children);
    }

    @Test
    void read_nameWithoutUrlName_isCleanedIntoTheId() {
        course("<chapter url_name=\"c\"><poll_question name=\"Poll one?\">Q</poll_question></chapter>");

        assertThat(block(read(folder(), KEY), "chapter", "c").children())
                .containsExactly(new SourceBlockId("poll_question", "Poll_one_"));
    }

    @Test
    void read_htmlBodyInItsOwnFile_isTheDataWithOrWithoutTheExtraHtmlSuffix() {
        course("<chapter url_name=\"c\"><html url_name=\"plain\"/><html url_name=\"suffixed\"/>"
                + "<html url_name=\"inline\" display_name=\"I\"><p>inline body</p></html></chapter>");
        write(folder(), "html/plain.xml", "<html filename=\"plain\" display_name=\"P\"/>");
        write(folder(), "html/plain.html", "<p>plain body</p>");
        write(folder(), "html/suffixed.xml", "<html filename=\"suffixed.html\"/>");
        write(folder(), "html/suffixed.html", "<p>suffixed body</p>");

        var course = read(folder(), KEY);

        assertThat(block(course, "html", "plain").fields()).containsEntry("data", "<p>plain body</p>")
                .containsEntry("display_name", "P").doesNotContainKey("filename");
        assertThat(block(course, "html", "suffixed").fields()).containsEntry("data", "<p>suffixed body</p>");
        assertThat(block(course, "html", "inline").fields()).containsEntry("data", "<p>inline body</p>");
    }

    @ParameterizedTest
    @ValueSource(strings = {"chapter", "sequential", "vertical", "split_test", "library_content", "itembank",
            "conditional", "randomize", "videosequence", "problemset"})
    void read_containerType_holdsItsChildBlocks(String type) {
        course("<chapter url_name=\"c\"><" + type + " url_name=\"box\"><problem url_name=\"p1\">Q1</problem>"
                + "<video url_name=\"v1\" display_name=\"V\"/></" + type + "></chapter>");

        var course = read(folder(), KEY);

        assertThat(block(course, type, "box").children()).containsExactly(new SourceBlockId("problem", "p1"),
                new SourceBlockId("video", "v1"));
        assertThat(block(course, type, "box").fields()).doesNotContainKey("data");
    }

    @Test
    void read_unknownXBlockAndAsides_areOpaqueLeavesOrSkipped() {
        course("<chapter url_name=\"c\"><vertical url_name=\"v\">"
                + "<my-custom-xblock url_name=\"x\" xblock-family=\"xblock.v1\"><vertical url_name=\"not_a_child\"/>"
                + "<tagging_aside xblock-family=\"xblock_asides.v1\" tag=\"t\"/></my-custom-xblock>"
                + "<tagging_aside xblock-family=\"xblock_asides.v1\" url_name=\"a\"/></vertical></chapter>");

        var course = read(folder(), KEY);

        assertThat(ids(course)).containsExactly("course@RUN", "chapter@c", "vertical@v", "my-custom-xblock@x");
        assertThat(block(course, "my-custom-xblock", "x").fields()).containsEntry("data",
                "<vertical url_name=\"not_a_child\"/><tagging_aside xblock-family=\"xblock_asides.v1\" tag=\"t\"/>")
                .containsEntry("xblock-family", "xblock.v1");
    }

    @Test
    void read_olderPolicyFile_overridesAnyBlock() {
        course("<chapter url_name=\"c\" display_name=\"XML\"><html url_name=\"h\">x</html></chapter>");
        write(folder(), "policies/RUN.json", "{\"html/h\": {\"display_name\": \"Policy\"}, \"course/RUN\": "
                + "{\"self_paced\": true}}");

        var course = read(folder(), KEY);

        assertThat(block(course, "html", "h").fields()).containsEntry("display_name", "Policy");
        assertThat(block(course, "course", "RUN").fields()).containsEntry("self_paced", true);
    }

    @Test
    void read_bothPolicyForms_readsOnlyTheNewerFolderForm() {
        course("<chapter url_name=\"c\" display_name=\"XML\"/>");
        write(folder(), "policies/RUN/policy.json", "{\"chapter/c\": {\"display_name\": \"Folder form\"}}");
        write(folder(), "policies/RUN.json", "{\"chapter/c\": {\"display_name\": \"Old form\"}}");

        assertThat(block(read(folder(), KEY), "chapter", "c").fields()).containsEntry("display_name", "Folder form");
    }

    @Test
    void read_gradingPolicy_isTheCourseGradingPolicyField() {
        course("<chapter url_name=\"c\" display_name=\"C\"/>");
        write(folder(), "policies/RUN/grading_policy.json", "{\"GRADER\": [{\"type\": \"Homework\", \"min_count\": 2,"
                + " \"drop_count\": 0, \"weight\": 0.5}], \"GRADE_CUTOFFS\": {\"Pass\": 0.6}}");

        var course = read(folder(), KEY);

        assertThat(course.blocks().get(0).fields()).containsEntry("grading_policy", Map.of(
                "GRADER", List.of(Map.of("type", "Homework", "min_count", 2L, "drop_count", 0L, "weight", 0.5)),
                "GRADE_CUTOFFS", Map.of("Pass", 0.6)));
    }

    @Test
    void read_invalidGradingPolicyJson_namesTheFileAndLine() {
        course("<chapter url_name=\"c\" display_name=\"C\"/>");
        write(folder(), "policies/RUN/grading_policy.json", "{\n  \"GRADER\": [\n}");

        var error = catchThrowableOfType(CourseImportException.class, () -> read(folder(), KEY));

        assertThat(error.getFile()).isEqualTo("policies/RUN/grading_policy.json");
        assertThat(error.getLine()).isEqualTo(3);
    }

    @Test
    void read_aboutInfoTabsStaticDraftsAndOrphans_areNotBlocksAndNotRead() {
        course("<chapter url_name=\"c\"><vertical url_name=\"v\"/></chapter>");
        write(folder(), "vertical/v.xml", "<vertical display_name=\"Published\"/>");
        write(folder(), "drafts/vertical/v.xml", "<vertical display_name=\"Draft\" parent_url=\"x\"/>");
        write(folder(), "drafts/vertical/new.xml", "<vertical display_name=\"Draft only\"");
        for (var part : List.of("about/overview.html", "info/updates.html", "tabs/syllabus.html",
                "static/page.xml", "vertical/orphan.xml", "problem/broken.xml")) {
            write(folder(), part, "<not closed");
        }

        var course = read(folder(), KEY);

        assertThat(ids(course)).containsExactly("course@RUN", "chapter@c", "vertical@v");
        assertThat(block(course, "vertical", "v").fields()).containsEntry("display_name", "Published");
    }

    @Test
    void read_unparsableFileOnceReferenced_isAnErrorNamingItsLine() {
        course("<chapter url_name=\"c\"><problem url_name=\"broken\"/></chapter>");
        write(folder(), "problem/broken.xml", "<problem>\n<p>\n</problem>");

        var error = catchThrowableOfType(CourseImportException.class, () -> read(folder(), KEY));

        assertThat(error.getFile()).isEqualTo("problem/broken.xml");
        assertThat(error.getLine()).isEqualTo(3);
    }

    @Test
    void read_sameBlockTwiceUnderOneParent_isAnErrorNamingBothReferences() {
        course("<chapter url_name=\"c\">\n<vertical url_name=\"v\"/>\n<html url_name=\"h\">x</html>\n"
                + "<vertical url_name=\"v\"/>\n</chapter>");
        write(folder(), "vertical/v.xml", "<vertical/>");

        var error = catchThrowableOfType(CourseImportException.class, () -> read(folder(), KEY));

        assertThat(error.getFile()).isEqualTo("course/RUN.xml");
        assertThat(error.getLine()).isEqualTo(5);
        assertThat(error).hasMessageContaining("block[vertical@v]").hasMessageContaining("block[chapter@c]")
                .hasMessageContaining("file[course/RUN.xml] line[3]")
                .hasMessageContaining("file[course/RUN.xml] line[5]");
    }

    @Test
    void read_referenceCycle_namesBothReferences() {
        course("<chapter url_name=\"c\"/>");
        write(folder(), "chapter/c.xml", "<chapter>\n  <sequential url_name=\"s\"/>\n</chapter>");
        write(folder(), "sequential/s.xml", "<sequential>\n\n  <vertical url_name=\"v\"/>\n</sequential>");
        write(folder(), "vertical/v.xml", "<vertical>\n  <sequential url_name=\"s\"/>\n</vertical>");

        var error = catchThrowableOfType(CourseImportException.class, () -> read(folder(), KEY));

        assertThat(error.getFile()).isEqualTo("vertical/v.xml");
        assertThat(error).hasMessageContaining("block[sequential@s]").hasMessageContaining("cycle")
                .hasMessageContaining("at file[vertical/v.xml] line[2]")
                .hasMessageContaining("reference at file[chapter/c.xml] line[2]");
    }

    @Test
    void read_typedAttributes_haveTheirOpenEdxTypes() {
        course("<chapter url_name=\"c\" start=\"2030-01-02 03:04:05\" hide_from_toc=\"true\" "
                + "display_name=\"Kapitel “Grüße” 第一章\">"
                + "<sequential url_name=\"s\" due=\"&quot;2030-02-03T04:05:06+02:00&quot;\" graded=\"True\" "
                + "format=\"Homework\" hide_after_due=\"false\" visible_to_staff_only=\"true\">"
                + "<split_test url_name=\"t\" user_partition_id=\"7\" group_id_to_child='{\"0\": \"a\", \"1\": \"b\"}'>"
                + "<vertical url_name=\"a\" display_name=\"A\"/><vertical url_name=\"b\" display_name=\"B\"/>"
                + "</split_test>"
                + "<itembank url_name=\"bank\" max_count=\"3\"/>"
                + "<html url_name=\"h\" group_access='{\"50\": [1, 2]}' end=\"2031-01-01\">x</html>"
                + "</sequential></chapter>");
        write(folder(), "policies/RUN/policy.json", "{\"course/RUN\": {\"days_early_for_beta\": 2, "
                + "\"self_paced\": false, \"start\": \"2029-12-01T00:00:00Z\", \"user_partitions\": "
                + "[{\"id\": 50, \"scheme\": \"cohort\", \"groups\": [{\"id\": 1, \"name\": \"A\"}]}]}}");

        var course = read(folder(), KEY);

        assertThat(block(course, "course", "RUN").fields()).containsEntry("days_early_for_beta", 2.0)
                .containsEntry("self_paced", false).containsEntry("start", Instant.parse("2029-12-01T00:00:00Z"))
                .containsEntry("user_partitions", List.of(Map.of("id", 50L, "scheme", "cohort",
                        "groups", List.of(Map.of("id", 1L, "name", "A")))));
        assertThat(block(course, "chapter", "c").fields()).containsEntry("start", Instant.parse("2030-01-02T03:04:05Z"))
                .containsEntry("hide_from_toc", true).containsEntry("display_name", "Kapitel “Grüße” 第一章");
        assertThat(block(course, "sequential", "s").fields())
                .containsEntry("due", Instant.parse("2030-02-03T02:05:06Z")).containsEntry("graded", true)
                .containsEntry("format", "Homework").containsEntry("hide_after_due", false)
                .containsEntry("visible_to_staff_only", true);
        assertThat(block(course, "split_test", "t").fields()).containsEntry("group_id_to_child", Map.of("0", "a",
                "1", "b")).containsEntry("user_partition_id", "7");
        assertThat(block(course, "itembank", "bank").fields()).containsEntry("max_count", 3L);
        assertThat(block(course, "html", "h").fields()).containsEntry("group_access", Map.of("50", List.of(1L, 2L)))
                .containsEntry("end", Instant.parse("2031-01-01T00:00:00Z"));
    }

    @Test
    void read_invalidPolicyJson_namesTheFileAndLine() {
        course("<chapter url_name=\"c\" display_name=\"C\"/>");
        write(folder(), "policies/RUN/policy.json", "{\n  \"chapter/c\": {\"display_name\": \"x\",}\n}");

        var error = catchThrowableOfType(CourseImportException.class, () -> read(folder(), KEY));

        assertThat(error.getFile()).isEqualTo("policies/RUN/policy.json");
        assertThat(error.getLine()).isEqualTo(2);
    }

    @Test
    void read_invalidDateInPolicy_namesThePolicyFileAndAttribute() {
        course("<chapter url_name=\"c\" display_name=\"C\"/>");
        write(folder(), "policies/RUN/policy.json", "{\"chapter/c\": {\"start\": \"soon\"}}");

        var error = catchThrowableOfType(CourseImportException.class, () -> read(folder(), KEY));

        assertThat(error.getFile()).isEqualTo("policies/RUN/policy.json");
        assertThat(error.getAttribute()).hasValue("start");
        assertThat(error).hasMessageContaining("value[soon]");
    }
}
