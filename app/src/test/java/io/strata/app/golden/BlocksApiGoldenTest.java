package io.strata.app.golden;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.strata.adapters.olx.OlxCourseSource;
import io.strata.adapters.olx.OlxCourseSourceConfig;
import io.strata.domain.api.BlocksApi;
import io.strata.domain.api.BlocksApiVersion;
import io.strata.domain.api.BlocksRequest;
import io.strata.domain.api.ReturnType;
import io.strata.domain.structure.BlockStructure;
import io.strata.domain.transform.TransformerRegistry;
import io.strata.domain.transform.UserContext;
import io.strata.domain.transform.standard.UserPartition;
import io.strata.domain.transform.standard.UserPartitionTransformer;
import io.strata.ports.CourseRole;
import io.strata.ports.LearnerRecord;
import io.strata.testkit.SharedCourses;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/*
 * Golden Blocks API responses: each shared course (../shared/data/olx), read through the OLX
 * adapter, collected with the standard registry and served as of 2026-06-01T00:00:00Z (pinned, so
 * start and due dates compare the same way on every run) to three profiles:
 *
 *   staff            - course staff: sees everything, split tests dissolved into both arms;
 *   audit_cohort_a   - enrolled in audit, in the first group of the course's first cohort partition;
 *   verified_cohort_b - enrolled in verified, in the second group of that partition.
 *
 * The request is Blocks API v2 (access-denied blocks stay, with their reason), depth all,
 * nav_depth 3, block counts of problem, video and html, student view data of video and discussion.
 * Rerun with -Dstrata.goldens.update=true to rewrite the files after an intended change, and read
 * the diff before committing it.
 *
 * Hand review against the XML, done for edx-toy and openedx-test-course when the goldens were
 * first written (repeat it for any course whose golden changes in a way the change does not explain):
 *  edx-toy (course/2012_Fall.xml with policies/2012_Fall.json):
 *  - the root "Toy Course" starts 2015-07-17T12:00 (policy, no offset: UTC) and is graded (policy);
 *    its five chapters come in XML order: Overview, secret:magic (a ':' pointer to
 *    chapter/secret/magic.xml, id kept with its colon), poll_test (a pointer file whose root tag is
 *    sequential), vertical_container, handout_container; chapters without display_name read
 *    "Section";
 *  - Overview holds the inline videosequence Toy_Videos (format "Lecture Sequence" from the policy;
 *    8 html and the Video_Resources video) then the videos Welcome, video_123456789012 ("Test
 *    Video") and video_4f66f493ac8f (no name: "Video"); block_counts on the root: 10 html, 8 videos;
 *  - nav_depth 3: the root lists its chapters; vertical_sequential (depth 2) lists vertical_test and
 *    the html "unicode"; videos carry their YouTube URL as student_view_data;
 *  - nothing sets a later start, a staff-only flag, group access or hide_after_due, so the three
 *    profiles' files are equal.
 *  openedx-test-course:
 *  - the "Content Experiment Example" split_test (partition 1640392374) is gone for every profile;
 *    staff get both verticals, audit_cohort_a gets 2eeda4b3... (group 455306730) and
 *    verified_cohort_b gets 171b4e83... (group 1762115162), as group_id_to_child maps them;
 *  - html 81dc9d27... (group_access 691143246: [1124782865], cohort "Group A") appears for staff
 *    and audit_cohort_a only, html e9ba5766... ([254579781], "Group B") for staff and
 *    verified_cohort_b only; every other block is the same in the three files.
 */
class BlocksApiGoldenTest {
    private static final Instant AS_OF = Instant.parse("2026-06-01T00:00:00Z");
    private static final Path GOLDENS = Path.of("src/test/resources/goldens");
    private static final List<String> COURSES = List.of("demo-course", "openedx-test-course", "dartmouthx-engx",
            "dhis2-data-analysis", "edx-toy", "edx-xml-dag");
    private static final List<String> PROFILES = List.of("staff", "audit_cohort_a", "verified_cohort_b");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> DERIVED_FIELDS = Set.of("block_id", "lms_web_url", "legacy_web_url",
            "student_view_url");
    private static final TransformerRegistry REGISTRY = TransformerRegistry.standard();
    private static final BlocksApi API = new BlocksApi(REGISTRY);
    private static final BlocksRequest REQUEST = new BlocksRequest(Optional.empty(), Optional.empty(),
            Optional.of(3), Set.of("children", "graded", "format", "due", "start", "visible_to_staff_only",
                    "student_view_multi_device", "has_scheduled_content"),
            Set.of("problem", "video", "html"), ReturnType.DICT, "https://lms.example.com",
            Set.of("video", "discussion"), BlocksApiVersion.V2);

    static Stream<String> courses() {
        return COURSES.stream();
    }

    @ParameterizedTest
    @MethodSource("courses")
    void render_sharedCourseForEachProfile_matchesGolden(String folder) throws IOException {
        var structure = collect(folder);

        for (var profile : PROFILES) {
            var actual = render(structure, profile);
            var golden = GOLDENS.resolve(folder).resolve(profile + ".json");
            if (Boolean.getBoolean("strata.goldens.update")) {
                Files.createDirectories(golden.getParent());
                Files.writeString(golden, actual, StandardCharsets.UTF_8);
            }
            assertThat(golden).as("golden file; run with -Dstrata.goldens.update=true to create it").exists();
            assertThat(actual).as("response of course[%s] for profile[%s] against %s", folder, profile, golden)
                    .isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
        }
    }

    @ParameterizedTest
    @MethodSource("courses")
    void render_sameCourseTwice_givesSameBytes(String folder) throws IOException {
        var structure = collect(folder);

        assertThat(render(structure, "audit_cohort_a")).isEqualTo(render(collect(folder), "audit_cohort_a"));
    }

    private static BlockStructure collect(String folder) {
        var source = new OlxCourseSource(OlxCourseSourceConfig.of(SharedCourses.course(folder)));
        var keys = source.listCourses().courseKeys();
        assertThat(keys).as("courses in %s", folder).hasSize(1);
        return REGISTRY.collect(source.read(keys.get(0)));
    }

    private static String render(BlockStructure structure, String profile) throws IOException {
        var response = API.render(structure, REQUEST, user(structure, profile));
        return linePerBlock(response.toJsonValue());
    }

    private static UserContext user(BlockStructure structure, String profile) {
        var cohorts = UserPartitionTransformer.partitionsOf(structure).stream()
                .filter(partition -> "cohort".equals(partition.scheme()) && !partition.groups().isEmpty())
                .findFirst();
        var record = switch (profile) {
            case "staff" -> new LearnerRecord("staff", Set.of(CourseRole.STAFF), Optional.empty(), Map.of());
            case "audit_cohort_a" -> learner("audit_cohort_a", "audit", cohorts, 0);
            case "verified_cohort_b" -> learner("verified_cohort_b", "verified", cohorts, 1);
            default -> throw new IllegalArgumentException("Unknown profile[" + profile + "]");
        };
        return UserContext.of(record, AS_OF);
    }

    private static LearnerRecord learner(String name, String mode, Optional<UserPartition> cohorts, int group) {
        var groups = cohorts.map(partition -> Map.of(partition.id(),
                partition.groups().get(Math.min(group, partition.groups().size() - 1)).id())).orElse(Map.of());
        var cohort = cohorts.map(partition -> "Cohort " + (char) ('A' + group));
        return new LearnerRecord(name, Set.of(), Optional.of(mode), true, cohort, groups, Map.of());
    }

    /**
     * Returns the dict response as JSON text with one block per line, so that diffs read well. The
     * fields made from the usage id alone (URLs, block id) are left out to keep the files small;
     * BlocksApiTest covers them.
     */
    @SuppressWarnings("unchecked")
    private static String linePerBlock(Object dict) throws IOException {
        var body = (Map<String, Object>) dict;
        var blocks = (Map<String, Object>) body.get("blocks");
        var lines = new ArrayList<String>();
        for (var entry : blocks.entrySet()) {
            var block = new LinkedHashMap<>((Map<String, Object>) entry.getValue());
            block.keySet().removeAll(DERIVED_FIELDS);
            lines.add("  " + JSON.writeValueAsString(entry.getKey()) + ": " + JSON.writeValueAsString(block));
        }
        return "{\"root\": " + JSON.writeValueAsString(body.get("root")) + ", \"blocks\": {\n"
                + String.join(",\n", lines) + "\n}}\n";
    }
}
