package io.strata.adapters.olx;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.strata.ports.SourceBlock;
import io.strata.ports.SourceCourse;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static io.strata.adapters.olx.OlxTestFiles.sharedCourse;
import static org.assertj.core.api.Assertions.assertThat;

/*
 * Compares the import of each shared export with a golden file in src/test/resources/golden/: for
 * every block, in import order, its type@id, its children in order and the typed fields that the
 * transformers read (dates are written "instant:<ISO-8601>", so a date read as text would differ;
 * 60.0 and 60 differ too). Run with -Dstrata.golden.update=true to rewrite the files from the
 * importer; then review the diff by hand before committing.
 *
 * Hand review of golden/edx-toy.json against the XML, done when the file was first written:
 * - course.xml points at course/2012_Fall.xml, whose children are, in file order, the inline
 *   chapter Overview and the pointer chapters secret:magic, poll_test, vertical_container and
 *   handout_container; its <textbook> gave no block. Overview holds the inline videosequence
 *   Toy_Videos (8 html pointers, then video Video_Resources) and the inline videos Welcome,
 *   video_123456789012 ("Test Video") and video_4f66f493ac8f (no display_name), in that order.
 * - The course's display_name "Toy Course", start 2015-07-17T12:00 (no zone, read as UTC) and
 *   graded "true" (a JSON string, read as a boolean) come from policies/2012_Fall.json, the old
 *   policy path; so do the display_names of chapter/Overview, html/secret:toylab and the videos
 *   Video_Resources and Welcome, and videosequence/Toy_Videos' "Toy Videos" / "Lecture Sequence".
 * - chapter@secret:magic comes from chapter/secret/magic.xml and keeps the colon; it holds
 *   video@toyvideo. chapter@poll_test, vertical_container and handout_container are typed chapter
 *   although their files' roots are <sequential>; poll_test holds poll_question@T1_changemind_poll_foo,
 *   named by its name attribute.
 * - sequential@vertical_sequential is the old filename= pointer in chapter/vertical_container.xml
 *   (its slug gives the id); it holds vertical@vertical_test (filename= pointer to a file whose
 *   root is <sequential>) and the inline html@unicode (slug). vertical_test holds video@sample_video
 *   (name), the pointer videos separate_file_video and video_with_end_time (display_name "default"
 *   in their files) and poll_question@T1_changemind_poll_foo_2.
 * - chapter/handout_container.xml's one html has no url_name, slug or name and got
 *   html_<12 hex>. 29 blocks, none with two parents, as STATS.json says.
 */
class OlxCourseSourceGoldenTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path GOLDEN_SOURCES = Path.of("src/test/resources/golden");
    private static final Set<String> FIELDS = Set.of("display_name", "start", "due", "end", "visible_to_staff_only",
            "hide_after_due", "group_access", "graded", "format", "days_early_for_beta", "self_paced",
            "user_partitions", "max_count", "group_id_to_child", "hide_from_toc", "grading_policy");

    @ParameterizedTest
    @CsvSource({
        "demo-course, course-v1:OpenedX+DemoX+DemoCourse",
        "openedx-test-course, course-v1:edX+Test101+course",
        "dartmouthx-engx, course-v1:DartmouthX+DART.ENGS.01.X+course",
        "dhis2-data-analysis, course-v1:hisp+GEN-D003-en+2022Q1",
        "edx-toy, course-v1:edX+toy+2012_Fall",
        "edx-xml-dag, course-v1:testX+dag+2012_Fall",
        "demo-content-library, library-v1:OpenedX+DemoRespiratoryQuestions"})
    void read_sharedExport_matchesItsGoldenFile(String folder, String key) throws IOException {
        var source = new OlxCourseSource(OlxCourseSourceConfig.of(sharedCourse(folder)));
        var imported = key.startsWith("library-v1:") ? source.readLibrary(key) : source.read(key);

        var actual = render(imported);

        var name = folder + ".json";
        if (Boolean.getBoolean("strata.golden.update")) {
            Files.createDirectories(GOLDEN_SOURCES);
            Files.writeString(GOLDEN_SOURCES.resolve(name), actual, StandardCharsets.UTF_8);
        }
        try (var golden = getClass().getResourceAsStream("/golden/" + name)) {
            assertThat(golden).as("golden file golden/%s; write it with -Dstrata.golden.update=true", name)
                    .isNotNull();
            assertThat(actual).isEqualTo(new String(golden.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    /** Writes the structure as JSON, one block per line, so that a diff shows the blocks that changed. */
    static String render(SourceCourse course) throws JsonProcessingException {
        var out = new StringBuilder();
        out.append("{\"key\": ").append(JSON.writeValueAsString(course.courseKey()))
                .append(", \"root\": ").append(JSON.writeValueAsString(course.root().toString()))
                .append(", \"blocks\": [\n");
        var blocks = course.blocks();
        for (int i = 0; i < blocks.size(); i++) {
            out.append("  ").append(JSON.writeValueAsString(line(blocks.get(i))))
                    .append(i + 1 < blocks.size() ? ",\n" : "\n");
        }
        return out.append("]}\n").toString();
    }

    private static Map<String, Object> line(SourceBlock block) {
        var fields = new TreeMap<String, Object>();
        block.fields().forEach((name, value) -> {
            if (FIELDS.contains(name)) {
                fields.put(name, marked(value));
            }
        });
        var line = new LinkedHashMap<String, Object>();
        line.put("id", block.id().toString());
        line.put("children", block.children().stream().map(Object::toString).toList());
        line.put("fields", fields);
        return line;
    }

    private static Object marked(Object value) {
        if (value instanceof Instant instant) {
            return "instant:" + instant;
        }
        if (value instanceof Map<?, ?> map) {
            var copy = new TreeMap<String, Object>();
            map.forEach((k, v) -> copy.put(String.valueOf(k), marked(v)));
            return copy;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(OlxCourseSourceGoldenTest::marked).toList();
        }
        return value;
    }
}
