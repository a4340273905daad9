package io.strata.app.golden;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.strata.adapters.olx.OlxCourseSource;
import io.strata.adapters.olx.OlxCourseSourceConfig;
import io.strata.app.sample.SampleCourseGenerator;
import io.strata.domain.api.BlocksApiVersion;
import io.strata.domain.api.BlocksRequest;
import io.strata.domain.api.BlocksResponse;
import io.strata.domain.api.ReturnType;
import io.strata.domain.structure.BlockStructure;
import io.strata.domain.transform.BlockTransformer;
import io.strata.domain.transform.CollectContext;
import io.strata.domain.transform.TransformContext;
import io.strata.domain.transform.TransformerRegistry;
import io.strata.domain.transform.UserContext;
import io.strata.domain.transform.standard.LibraryContentTransformer;
import io.strata.domain.transform.standard.StartDateTransformer;
import io.strata.domain.transform.standard.UserPartition;
import io.strata.domain.transform.standard.UserPartitionTransformer;
import io.strata.ports.CourseRole;
import io.strata.ports.LearnerRecord;
import io.strata.testkit.SharedCourses;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/*
 * The filter pass limited to the requested depth must answer exactly what the full pass followed by
 * the depth cut answers. Each request is served twice, by the standard registry and by the same
 * transformers plus one that does not allow the cut, and the JSON bytes (and the item-bank
 * selections to save) must be equal: on the shared courses and on generated sample courses, for
 * five profiles, three dates (before the course starts, when half of its starts have passed, after
 * its last start and due date), depths 0 to 2, with and without navigation, Blocks API v1 and v2.
 */
class ShallowRequestTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TransformerRegistry CUT = TransformerRegistry.standard();
    private static final TransformerRegistry FULL = fullPassRegistry();
    private static final Set<String> FIELDS = Set.of("children", "graded", "format", "due", "start",
            "visible_to_staff_only", "student_view_multi_device", "has_scheduled_content", "hide_from_toc");

    @TempDir
    static Path generated;

    static Stream<String> sharedCourses() {
        return Stream.of("demo-course", "openedx-test-course", "dartmouthx-engx", "dhis2-data-analysis", "edx-toy",
                "edx-xml-dag");
    }

    @ParameterizedTest
    @MethodSource("sharedCourses")
    void render_sharedCourseShallowRequests_equalFullPassThenCut(String folder) throws IOException {
        var shared = SharedCourses.course(folder);

        int compared = compareEveryShape(collect(shared));

        assertThat(compared).isEqualTo(5 * 3 * 3 * 2 * 2);
    }

    @ParameterizedTest
    @ValueSource(ints = {500, 3000})
    void render_sampleCourseShallowRequests_equalFullPassThenCut(int blocks) throws IOException {
        var sample = SampleCourseGenerator.generate(blocks, blocks, generated.resolve("sample-" + blocks));

        int compared = compareEveryShape(collect(sample.folder()));

        assertThat(compared).isEqualTo(5 * 3 * 3 * 2 * 2);
    }

    private static int compareEveryShape(BlockStructure structure) throws IOException {
        int compared = 0;
        for (var now : dates(structure)) {
            for (var user : users(structure, now)) {
                for (int depth = 0; depth <= 2; depth++) {
                    for (var navDepth : List.of(Optional.<Integer>empty(), Optional.of(3))) {
                        for (var version : BlocksApiVersion.values()) {
                            assertSameResponse(structure, user, request(depth, navDepth, version));
                            compared++;
                        }
                    }
                }
            }
        }
        return compared;
    }

    private static void assertSameResponse(BlockStructure structure, UserContext user, BlocksRequest request)
            throws IOException {
        var cut = CUT.transform(structure, user, request.toTransformOptions());
        var full = FULL.transform(structure, user, request.toTransformOptions());

        var description = String.format("course[%s] user[%s] now[%s] depth[%s] nav[%s] %s", structure.courseKey(),
                user.username().orElse("anonymous"), user.now(), request.depth().orElse(-1),
                request.navDepth().orElse(-1), request.apiVersion());
        assertThat(JSON.writeValueAsString(BlocksResponse.of(cut, request).toJsonValue())).as(description)
                .isEqualTo(JSON.writeValueAsString(BlocksResponse.of(full, request).toJsonValue()));
        assertThat(LibraryContentTransformer.changedSelections(cut)).as(description)
                .isEqualTo(LibraryContentTransformer.changedSelections(full));
    }

    private static BlocksRequest request(int depth, Optional<Integer> navDepth, BlocksApiVersion version) {
        return new BlocksRequest(Optional.empty(), Optional.of(depth), navDepth, FIELDS, Set.of(), ReturnType.DICT,
                "https://lms.example.com", Set.of("video", "discussion"), version);
    }

    /** Returns a day before the course starts, the median block start, and a day after every start and due date. */
    private static List<Instant> dates(BlockStructure structure) {
        var starts = new ArrayList<Instant>();
        var latest = Instant.EPOCH;
        for (int block = 0; block < structure.size(); block++) {
            var start = (Instant) structure.transformerData(StartDateTransformer.NAME, block,
                    StartDateTransformer.MERGED_START);
            starts.add(start);
            latest = start.isAfter(latest) ? start : latest;
            if (structure.field(block, "due") instanceof Instant due && due.isAfter(latest)) {
                latest = due;
            }
        }
        starts.sort(null);
        var rootStart = (Instant) structure.transformerData(StartDateTransformer.NAME, structure.root(),
                StartDateTransformer.MERGED_START);
        var day = Duration.ofDays(1);
        return List.of(rootStart.minus(day), starts.get(starts.size() / 2), latest.plus(day));
    }

    private static List<UserContext> users(BlockStructure structure, Instant now) {
        var partitions = UserPartitionTransformer.partitionsOf(structure);
        return List.of(
                UserContext.of(new LearnerRecord("staff", Set.of(CourseRole.STAFF), Optional.empty(), Map.of()), now),
                UserContext.of(learner("audit_a", "audit", Set.of(), partitions, 0), now),
                UserContext.of(learner("verified_b", "verified", Set.of(), partitions, 1), now),
                UserContext.of(learner("beta_a", "audit", Set.of(CourseRole.BETA_TESTER), partitions, 0), now),
                UserContext.anonymous(now));
    }

    /** Returns a learner in the given group (the first or the second) of every cohort and experiment partition. */
    private static LearnerRecord learner(String name, String mode, Set<CourseRole> roles,
            List<UserPartition> partitions, int group) {
        var groups = new HashMap<Long, Long>();
        for (var partition : partitions) {
            if (!partition.groups().isEmpty() && !UserPartition.ENROLLMENT_TRACK_SCHEME.equals(partition.scheme())) {
                groups.put(partition.id(), partition.groups().get(Math.min(group, partition.groups().size() - 1)).id());
            }
        }
        return new LearnerRecord(name, roles, Optional.of(mode), true, Optional.empty(), groups, Map.of());
    }

    private static BlockStructure collect(Path folder) {
        var source = new OlxCourseSource(OlxCourseSourceConfig.of(folder));
        var keys = source.listCourses().courseKeys();
        assertThat(keys).as("courses in %s", folder).hasSize(1);
        return FULL.collect(source.read(keys.get(0)));
    }

    private static TransformerRegistry fullPassRegistry() {
        var transformers = new ArrayList<BlockTransformer>(TransformerRegistry.standard().transformers());
        transformers.add(0, new FullPass());
        return new TransformerRegistry(transformers);
    }

    /** Is a transformer that does nothing and does not allow the cut, so that requests get the full pass. */
    private static final class FullPass implements BlockTransformer {
        @Override
        public String name() {
            return "full_pass";
        }

        @Override
        public int writeVersion() {
            return 1;
        }

        @Override
        public int readVersion() {
            return 1;
        }

        @Override
        public void collect(CollectContext context) {
            // Nothing to record.
        }

        @Override
        public void transform(TransformContext context) {
            // Its only effect is to keep the default of allowsDepthCut.
        }
    }
}
