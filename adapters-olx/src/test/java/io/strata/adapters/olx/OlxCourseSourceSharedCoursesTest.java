package io.strata.adapters.olx;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.strata.ports.SourceBlock;
import io.strata.ports.SourceBlockId;
import io.strata.ports.SourceCourse;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import static io.strata.adapters.olx.OlxTestFiles.sharedCourse;
import static io.strata.adapters.olx.OlxTestFiles.sharedOlx;
import static org.assertj.core.api.Assertions.assertThat;

class OlxCourseSourceSharedCoursesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, SourceCourse> SHARED_READS = new ConcurrentHashMap<>();

    static List<String> courseFolders() throws IOException {
        var courses = new ArrayList<String>();
        stats().properties().forEach(entry -> {
            if (entry.getValue().path("kind").asText().equals("course")) {
                courses.add(entry.getKey());
            }
        });
        return courses;
    }

    @ParameterizedTest
    @MethodSource("courseFolders")
    void read_sharedCourse_matchesStats(String folder) throws IOException {
        var expected = stats().get(folder);
        var source = new OlxCourseSource(OlxCourseSourceConfig.of(sharedCourse(folder)));

        var catalog = source.listCourses();
        var course = readShared(folder, expected.get("course_key").asText());

        assertThat(catalog.courseKeys()).containsExactly(expected.get("course_key").asText());
        assertThat(catalog.unreadable()).isEmpty();
        assertThat(course.courseKey()).isEqualTo(expected.get("course_key").asText());
        assertThat(course.blocks()).hasSize(expected.get("unique_blocks").asInt());
        assertThat(countsByType(course)).isEqualTo(expectedCounts(expected.get("block_counts")));
        assertThat(maxDepth(course)).isEqualTo(expected.get("max_depth").asInt());
        assertThat(referenceCount(course)).isEqualTo(expected.get("occurrences").asInt());
        assertWellFormed(course);
    }

    @Test
    void listCourses_sharedFolderOfCourses_listsSixCourseKeys() {
        var source = new OlxCourseSource(OlxCourseSourceConfig.of(sharedOlx()));

        var catalog = source.listCourses();

        assertThat(catalog.courseKeys()).containsExactly(
                "course-v1:DartmouthX+DART.ENGS.01.X+course",
                "course-v1:OpenedX+DemoX+DemoCourse",
                "course-v1:edX+Test101+course",
                "course-v1:edX+toy+2012_Fall",
                "course-v1:hisp+GEN-D003-en+2022Q1",
                "course-v1:testX+dag+2012_Fall");
        assertThat(catalog.unreadable()).isEmpty();
    }

    @Test
    void read_xmlDag_sharedHtmlHasTwoParentsAndFirstDefinitionWins() {
        var course = readShared("edx-xml-dag", "course-v1:testX+dag+2012_Fall");

        var parents = parentsOf(course, new SourceBlockId("html", "toyhtml"));
        var discussion = block(course, "discussion", "duplicate_def");

        assertThat(parents).containsExactly(new SourceBlockId("vertical", "vertical_test"),
                new SourceBlockId("vertical", "zeta"));
        assertThat(discussion.fields()).containsEntry("discussion_category", "Lecture")
                .containsEntry("for", "topic 0");
        assertThat(parentsOf(course, discussion.id())).hasSize(2);
        assertThat(block(course, "html", "toyhtml").fields().get("data")).asString().contains("sample_handout.txt");
    }

    @Test
    void read_edxToy_keepsColonIdsAndTypesBlocksByTheirReference() {
        var course = readShared("edx-toy", "course-v1:edX+toy+2012_Fall");

        var ids = course.blocks().stream().map(SourceBlock::id).collect(Collectors.toSet());

        assertThat(ids).contains(new SourceBlockId("chapter", "secret:magic"),
                new SourceBlockId("html", "secret:toylab"),
                new SourceBlockId("chapter", "poll_test"),
                new SourceBlockId("vertical", "vertical_test"),
                new SourceBlockId("sequential", "vertical_sequential"),
                new SourceBlockId("poll_question", "T1_changemind_poll_foo"),
                new SourceBlockId("html", "unicode"));
        assertThat(ids).doesNotContain(new SourceBlockId("sequential", "poll_test"));
        assertThat(block(course, "chapter", "secret:magic").children())
                .containsExactly(new SourceBlockId("video", "toyvideo"));
        assertThat(block(course, "chapter", "poll_test").children())
                .containsExactly(new SourceBlockId("poll_question", "T1_changemind_poll_foo"));
    }

    @Test
    void read_edxToy_appliesOldPolicyFileAndLoadsHtmlBodies() {
        var course = readShared("edx-toy", "course-v1:edX+toy+2012_Fall");

        var root = block(course, "course", "2012_Fall");
        var toylab = block(course, "html", "secret:toylab");
        var videos = block(course, "videosequence", "Toy_Videos");
        var jumpTo = block(course, "html", "toyjumpto");

        assertThat(course.blocks().get(0).id()).isEqualTo(course.root()).isEqualTo(root.id());
        assertThat(root.fields()).containsEntry("display_name", "Toy Course")
                .containsEntry("start", Instant.parse("2015-07-17T12:00:00Z"))
                .containsEntry("graded", true)
                .containsEntry("course_image", "just_a_test.jpg");
        assertThat(root.fields().get("tabs")).asInstanceOf(InstanceOfAssertFactories.LIST).hasSize(7);
        assertThat(toylab.fields()).containsEntry("display_name", "Toy lab").doesNotContainKey("filename");
        assertThat(toylab.fields().get("data")).asString().startsWith("<b>Lab 2A: Superposition Experiment</b>");
        assertThat(videos.fields()).containsEntry("format", "Lecture Sequence");
        assertThat(jumpTo.fields().get("data")).asString().contains("四節比分和七年前");
    }

    @Test
    void read_edxToy_generatesTheSameIdForAnUnnamedBlockOnEveryRead() {
        var first = readFresh("edx-toy", "course-v1:edX+toy+2012_Fall");
        var second = readFresh("edx-toy", "course-v1:edX+toy+2012_Fall");

        var generated = block(first, "chapter", "handout_container").children();

        assertThat(generated).hasSize(1);
        assertThat(generated.get(0).type()).isEqualTo("html");
        assertThat(generated.get(0).id()).matches("html_[0-9a-f]{12}");
        assertThat(block(second, "chapter", "handout_container").children()).isEqualTo(generated);
        assertThat(second.version()).isEqualTo(first.version());
    }

    @Test
    void read_testCourse_typesDatesPartitionsAndJsonAttributes() {
        var course = readShared("openedx-test-course", "course-v1:edX+Test101+course");

        var root = block(course, "course", "course");
        var splitTest = course.blocks().stream().filter(b -> b.id().type().equals("split_test")).findFirst()
                .orElseThrow();
        var withGroups = course.blocks().stream().filter(b -> b.fields().containsKey("group_access")).findFirst()
                .orElseThrow();
        var conditional = course.blocks().stream().filter(b -> b.id().type().equals("conditional")).findFirst()
                .orElseThrow();

        assertThat(root.fields()).containsEntry("start", Instant.parse("2015-10-01T00:30:00Z"))
                .containsEntry("end", Instant.parse("2030-12-31T23:30:00Z"));
        assertThat(root.fields().get("user_partitions")).asInstanceOf(InstanceOfAssertFactories.LIST).hasSize(2);
        assertThat(splitTest.fields().get("group_id_to_child")).isInstanceOf(Map.class);
        assertThat(withGroups.fields().get("group_access")).isInstanceOf(Map.class);
        assertThat(((Map<?, ?>) withGroups.fields().get("group_access")).values())
                .allSatisfy(value -> assertThat(value).asInstanceOf(InstanceOfAssertFactories.LIST)
                        .allSatisfy(id -> assertThat(id).isInstanceOf(Long.class)));
        assertThat(conditional.children()).isNotEmpty().noneMatch(child -> child.type().equals("show"));
        assertThat(course.blocks()).filteredOn(b -> b.fields().containsKey("due"))
                .allSatisfy(b -> assertThat(b.fields().get("due")).isInstanceOf(Instant.class));
    }

    @Test
    void read_engxAndDemoCourse_typesNumbersAndBooleans() {
        var engx = readShared("dartmouthx-engx", "course-v1:DartmouthX+DART.ENGS.01.X+course");
        var demo = readShared("demo-course", "course-v1:OpenedX+DemoX+DemoCourse");

        var engxRoot = block(engx, "course", "course");
        var demoRoot = block(demo, "course", "DemoCourse");
        var library = demo.blocks().stream().filter(b -> b.id().type().equals("library_content")).findFirst()
                .orElseThrow();

        assertThat(engxRoot.fields()).containsEntry("days_early_for_beta", 60.0);
        assertThat(engx.blocks()).filteredOn(b -> b.id().type().equals("chapter") && b.fields().containsKey("start"))
                .hasSize(6).allSatisfy(b -> assertThat(b.fields().get("start")).isInstanceOf(Instant.class));
        assertThat(engx.blocks()).filteredOn(b -> Boolean.TRUE.equals(b.fields().get("graded"))).hasSize(28);
        assertThat(demoRoot.fields()).containsEntry("self_paced", true)
                .containsEntry("display_name", "Open edX Demo Course")
                .containsEntry("graceperiod", "");
        assertThat(library.fields()).containsEntry("max_count", 2L);
        assertThat(library.children()).hasSize(6);
    }

    @Test
    void read_unchangedCourseTwice_givesTheSameVersion() {
        var first = readShared("openedx-test-course", "course-v1:edX+Test101+course");
        var second = readFresh("openedx-test-course", "course-v1:edX+Test101+course");

        assertThat(second.version()).isEqualTo(first.version()).matches("[0-9a-f]{64}");
        assertThat(second).isEqualTo(first);
    }

    @Test
    void read_oneFileChanged_givesAnotherVersion(@TempDir Path temp) throws IOException {
        var copy = temp.resolve("dag");
        OlxTestFiles.copyTree(sharedCourse("edx-xml-dag"), copy);
        var source = new OlxCourseSource(OlxCourseSourceConfig.of(copy));
        var before = source.read("course-v1:testX+dag+2012_Fall");

        Files.writeString(copy.resolve("html/toyhtml.html"), "<p>changed</p>");
        var after = source.read("course-v1:testX+dag+2012_Fall");

        assertThat(after.version()).isNotEqualTo(before.version());
        assertThat(block(after, "html", "toyhtml").fields()).containsEntry("data", "<p>changed</p>");
    }

    @Test
    void read_fileTheImportDoesNotRead_keepsTheVersion(@TempDir Path temp) throws IOException {
        var copy = temp.resolve("toy");
        OlxTestFiles.copyTree(sharedCourse("edx-toy"), copy);
        var source = new OlxCourseSource(OlxCourseSourceConfig.of(copy));
        var before = source.read("course-v1:edX+toy+2012_Fall");

        Files.writeString(copy.resolve("about/short_description.html"), "changed");
        Files.writeString(copy.resolve("peergrading/init.xml"), "<peergrading/>");
        var after = source.read("course-v1:edX+toy+2012_Fall");

        assertThat(after.version()).isEqualTo(before.version());
    }

    /** Returns the course, read once per test run: the shared exports are read-only. */
    private static SourceCourse readShared(String folder, String key) {
        return SHARED_READS.computeIfAbsent(folder + " " + key,
                ignored -> new OlxCourseSource(OlxCourseSourceConfig.of(sharedCourse(folder))).read(key));
    }

    private static SourceCourse readFresh(String folder, String key) {
        return new OlxCourseSource(OlxCourseSourceConfig.of(sharedCourse(folder))).read(key);
    }

    static SourceBlock block(SourceCourse course, String type, String id) {
        var wanted = new SourceBlockId(type, id);
        return course.blocks().stream().filter(b -> b.id().equals(wanted)).findFirst()
                .orElseThrow(() -> new AssertionError("no block " + wanted));
    }

    private static List<SourceBlockId> parentsOf(SourceCourse course, SourceBlockId child) {
        return course.blocks().stream().filter(b -> b.children().contains(child)).map(SourceBlock::id)
                .collect(Collectors.toList());
    }

    private static Map<String, Integer> countsByType(SourceCourse course) {
        return course.blocks().stream().collect(Collectors.groupingBy(b -> b.id().type(), TreeMap::new,
                Collectors.summingInt(b -> 1)));
    }

    private static Map<String, Integer> expectedCounts(JsonNode counts) {
        var expected = new TreeMap<String, Integer>();
        counts.properties().forEach(entry -> expected.put(entry.getKey(), entry.getValue().asInt()));
        return expected;
    }

    private static int referenceCount(SourceCourse course) {
        return 1 + course.blocks().stream().mapToInt(b -> b.children().size()).sum();
    }

    /** Returns the longest path from the root, the root being 0. */
    static int maxDepth(SourceCourse course) {
        var byId = course.blocks().stream().collect(Collectors.toMap(SourceBlock::id, Function.identity()));
        return depth(course.root(), byId, new HashMap<>());
    }

    private static int depth(SourceBlockId id, Map<SourceBlockId, SourceBlock> byId, Map<SourceBlockId, Integer> memo) {
        var known = memo.get(id);
        if (known != null) {
            return known;
        }
        var below = byId.get(id).children().stream().mapToInt(child -> 1 + depth(child, byId, memo)).max().orElse(0);
        memo.put(id, below);
        return below;
    }

    private static void assertWellFormed(SourceCourse course) {
        var ids = course.blocks().stream().map(SourceBlock::id).collect(Collectors.toList());
        assertThat(new HashSet<>(ids)).hasSameSizeAs(ids);
        assertThat(ids.get(0)).isEqualTo(course.root());
        assertThat(course.blocks()).allSatisfy(b -> assertThat(ids).containsAll(b.children()));
    }

    private static JsonNode stats() throws IOException {
        return JSON.readTree(Files.readAllBytes(sharedOlx().resolve("STATS.json"))).get("courses");
    }
}
