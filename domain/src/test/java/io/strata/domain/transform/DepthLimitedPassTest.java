package io.strata.domain.transform;

import io.strata.domain.api.BlocksApiVersion;
import io.strata.domain.api.BlocksRequest;
import io.strata.domain.api.BlocksResponse;
import io.strata.domain.api.ReturnType;
import io.strata.domain.structure.BlockStructure;
import io.strata.domain.transform.standard.LibraryContentTransformer;
import io.strata.ports.CourseRole;
import io.strata.ports.LearnerRecord;
import io.strata.ports.SourceCourse;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/*
 * Differential test of the filter pass limited to a depth: every request is answered twice, by the
 * standard registry (which stops the filters at the depth) and by the same transformers plus one
 * that does not allow the cut (so the full pass runs, then the depth transformer cuts), and the two
 * responses must be equal, in order, along with the item-bank selections to save. The courses are
 * random, from a fixed seed, and meant to hit the cases where the cut could differ: split tests at
 * and just below the depth whose children another parent also holds, nested split tests, item
 * banks, containers the filters empty (or that are empty in the course), blocks with several
 * parents, staff-only content, group access with and without an access-denied message, later
 * starts, days early for beta and hide-after-due.
 */
class DepthLimitedPassTest {
    private static final long SEED = 20261204L;
    private static final int COURSES = 120;
    private static final long COHORTS = 7L;
    private static final long EXPERIMENT = 9L;
    private static final long ENROLLMENT_TRACK = 50L;
    private static final Instant COURSE_START = Instant.parse("2026-01-01T00:00:00Z");
    private static final List<Instant> DATES = List.of(Instant.parse("2025-06-01T00:00:00Z"),
            Instant.parse("2026-03-15T00:00:00Z"), Instant.parse("2026-06-10T00:00:00Z"),
            Instant.parse("2030-01-01T00:00:00Z"));
    private static final List<String> TYPES = List.of("chapter", "sequential", "vertical");
    private static final List<String> LEAVES = List.of("problem", "html", "video", "discussion");

    private static final TransformerRegistry CUT = TransformerRegistry.standard();
    private static final TransformerRegistry FULL = fullPassRegistry();

    @Test
    void transform_randomCoursesEveryProfileDateAndShallowDepth_equalsFullPassThenCut() {
        var random = new Random(SEED);
        int compared = 0;

        for (int course = 0; course < COURSES; course++) {
            var structure = FULL.collect(randomCourse(random, course));
            for (var user : users(random)) {
                for (int depth = 0; depth <= 3; depth++) {
                    for (var navDepth : List.of(Optional.<Integer>empty(), Optional.of(1), Optional.of(3))) {
                        for (var version : BlocksApiVersion.values()) {
                            assertSameResponse(structure, user, request(depth, navDepth, version), course);
                            compared++;
                        }
                    }
                }
            }
        }

        assertThat(compared).isEqualTo(COURSES * users(new Random(0)).size() * 4 * 3 * 2);
    }

    @Test
    void transform_shallowRequest_asksFiltersAboutFewerBlocksThanFullPass() {
        var random = new Random(SEED);
        var structure = FULL.collect(randomCourse(random, 0));
        var learner = UserContext.anonymous(DATES.get(2));
        var options = new TransformOptions(Optional.empty(), Optional.of(1), Optional.empty(), Set.of());

        var view = CUT.transform(structure, learner, options);

        assertThat(view.isCut()).isTrue();
        assertThat(FULL.transform(structure, learner, options).isCut()).isFalse();
    }

    @Test
    void transform_startHiddenOnlyBelowDepth_flagsScheduledContentOnRoot() {
        var structure = FULL.collect(SourceCourses.builder()
                .block("course", "root", Map.of("start", COURSE_START))
                .block("chapter", "ch", "root")
                .block("sequential", "seq", "ch")
                .block("vertical", "later", Map.of("start", Instant.parse("2027-01-01T00:00:00Z")), "seq")
                .block("html", "text", "later")
                .block("vertical", "open", "seq")
                .block("html", "other", "open")
                .build());
        var request = request(1, Optional.empty(), BlocksApiVersion.V2);

        var view = CUT.transform(structure, UserContext.anonymous(DATES.get(2)), request.toTransformOptions());

        assertThat(view.isCut()).isTrue();
        assertThat(view.data(view.root(), "has_scheduled_content")).isEqualTo(Boolean.TRUE);
        assertSameResponse(structure, UserContext.anonymous(DATES.get(2)), request, -1);
    }

    @Test
    void transform_sectionEmptiedBelowDepth_removesItAsFullPass() {
        var structure = FULL.collect(SourceCourses.builder()
                .block("course", "root", Map.of("start", COURSE_START))
                .block("chapter", "emptied", "root")
                .block("sequential", "seq", "emptied")
                .block("vertical", "staff_only", Map.of("visible_to_staff_only", true), "seq")
                .block("html", "text", "staff_only")
                .block("chapter", "shown", "root")
                .block("sequential", "seq2", "shown")
                .block("vertical", "unit", "seq2")
                .block("html", "text2", "unit")
                .build());
        var request = request(1, Optional.empty(), BlocksApiVersion.V2);

        var view = CUT.transform(structure, UserContext.anonymous(DATES.get(2)), request.toTransformOptions());

        assertThat(view.isCut()).isTrue();
        assertThat(Arrays.stream(view.preOrder()).mapToObj(block -> view.key(block).id()))
                .containsExactly("root", "shown");
        assertSameResponse(structure, UserContext.anonymous(DATES.get(2)), request, -1);
    }

    @Test
    void transform_splitTestJustBelowDepthSharingAChild_keepsFullPassChildOrder() {
        var arm = SourceCourses.usage("vertical", "arm").toString();
        var structure = FULL.collect(SourceCourses.builder()
                .block("course", "root", Map.of("start", COURSE_START, "user_partitions", List.of(
                        Map.of("id", EXPERIMENT, "name", "Experiment", "scheme", "random", "groups",
                                List.of(Map.of("id", 0L, "name", "Arm 0"))))))
                .block("chapter", "ch", "root")
                .block("sequential", "first", "ch")
                .block("split_test", "exp", Map.of("user_partition_id", EXPERIMENT,
                        "group_id_to_child", Map.of("0", arm)), "ch")
                .block("vertical", "arm", "exp", "root")
                .block("html", "text", "arm")
                .block("html", "leaf", "first")
                .build());
        var request = request(1, Optional.of(1), BlocksApiVersion.V2);
        var learner = UserContext.of(learner("audit_a", "audit", Set.of(), 1L, 0L), DATES.get(2));

        var view = CUT.transform(structure, learner, request.toTransformOptions());

        assertThat(view.isCut()).isTrue();
        var chapter = structure.indexOf(SourceCourses.usage("chapter", "ch")).orElseThrow();
        assertThat(Arrays.stream(view.children(chapter)).mapToObj(block -> view.key(block).id()))
                .containsExactly("arm");
        assertSameResponse(structure, learner, request, -1);
    }

    private static void assertSameResponse(BlockStructure structure, UserContext user, BlocksRequest request,
            int course) {
        var options = request.toTransformOptions();
        var cut = CUT.transform(structure, user, options);
        var full = FULL.transform(structure, user, options);

        var description = String.format("course[%d] user[%s beta=%s staff=%s] now[%s] depth[%s] nav[%s] %s",
                course, user.username().orElse("anonymous"), user.isBetaTester(), user.isStaff(), user.now(),
                request.depth().orElse(-1), request.navDepth().orElse(-1), request.apiVersion());
        assertThat(String.valueOf(BlocksResponse.of(cut, request).toJsonValue())).as(description)
                .isEqualTo(String.valueOf(BlocksResponse.of(full, request).toJsonValue()));
        assertThat(LibraryContentTransformer.changedSelections(cut)).as(description)
                .isEqualTo(LibraryContentTransformer.changedSelections(full));
    }

    private static BlocksRequest request(int depth, Optional<Integer> navDepth, BlocksApiVersion version) {
        return new BlocksRequest(Optional.empty(), Optional.of(depth), navDepth,
                Set.of("children", "graded", "format", "due", "start", "visible_to_staff_only",
                        "has_scheduled_content", "student_view_multi_device", "hide_from_toc"),
                Set.of(), ReturnType.DICT, "https://lms.example.com", Set.of("video", "discussion"), version);
    }

    private static List<UserContext> users(Random random) {
        var users = new ArrayList<UserContext>();
        for (var now : DATES) {
            users.add(UserContext.of(new LearnerRecord("staff", Set.of(CourseRole.STAFF), Optional.empty(),
                    Map.of()), now));
            users.add(UserContext.of(learner("audit_a", "audit", Set.of(), 1L, 0L), now));
            users.add(UserContext.of(learner("verified_b", "verified", Set.of(), 2L, 1L), now));
            users.add(UserContext.of(learner("beta", "audit", Set.of(CourseRole.BETA_TESTER), 2L, 0L), now));
            users.add(UserContext.anonymous(now));
        }
        return users;
    }

    private static LearnerRecord learner(String name, String mode, Set<CourseRole> roles, long cohort, long arm) {
        return new LearnerRecord(name, roles, Optional.of(mode), true, Optional.empty(),
                Map.of(COHORTS, cohort, EXPERIMENT, arm), Map.of());
    }

    /** Returns a random course of up to a few hundred blocks; the index keeps block ids apart. */
    private static SourceCourse randomCourse(Random random, int index) {
        var course = SourceCourses.builder();
        var root = "root";
        var rootFields = Map.<String, Object>of("start", COURSE_START, "days_early_for_beta", 30.0,
                "user_partitions", List.of(
                        Map.of("id", COHORTS, "name", "Cohorts", "scheme", "cohort", "groups",
                                List.of(Map.of("id", 1L, "name", "A"), Map.of("id", 2L, "name", "B"))),
                        Map.of("id", EXPERIMENT, "name", "Experiment", "scheme", "random", "groups",
                                List.of(Map.of("id", 0L, "name", "Arm 0"), Map.of("id", 1L, "name", "Arm 1")))));
        course.block("course", root, rootFields);
        var generator = new Generator(course, random, "c" + index + "_");
        generator.containers(root, 0);
        return course.build();
    }

    /** Adds random content below a block; remembers every container for extra parent links. */
    private static final class Generator {
        private final SourceCourses course;
        private final Random random;
        private final String prefix;
        private final List<List<String>> containersByLevel = List.of(new ArrayList<>(), new ArrayList<>(),
                new ArrayList<>(), new ArrayList<>());
        private int next;

        Generator(SourceCourses course, Random random, String prefix) {
            this.course = course;
            this.random = random;
            this.prefix = prefix;
        }

        void containers(String parent, int level) {
            int count = 1 + random.nextInt(level == 0 ? 4 : 3);
            for (int i = 0; i < count; i++) {
                if (level < TYPES.size()) {
                    int choice = random.nextInt(12);
                    if (choice == 0 && level > 0) {
                        splitTest(parent, level);
                    } else if (choice == 1 && level > 0) {
                        itemBank(parent, level);
                    } else {
                        container(parent, level);
                    }
                } else {
                    leaf(parent);
                }
            }
        }

        private void container(String parent, int level) {
            var id = id(TYPES.get(level));
            course.block(TYPES.get(level), id, fields(), parent);
            linkExtraParent(parent, id, level);
            containersByLevel.get(level).add(id);
            if (random.nextInt(10) > 0) {
                containers(id, level + 1);
            }
        }

        private void splitTest(String parent, int level) {
            var id = id("split_test");
            var arms = new ArrayList<String>();
            var mapping = new LinkedHashMap<String, Object>();
            course.block("split_test", id, Map.of("user_partition_id", EXPERIMENT, "group_id_to_child", mapping),
                    parent);
            int armCount = 1 + random.nextInt(3);
            for (int arm = 0; arm < armCount; arm++) {
                if (random.nextInt(6) == 0) {
                    splitTest(id, level);
                    continue;
                }
                var type = TYPES.get(Math.min(level, TYPES.size() - 1));
                var armId = id(type);
                course.block(type, armId, fields(), id);
                arms.add(armId);
                if (arm < 2) {
                    mapping.put(String.valueOf(arm), SourceCourses.usage(type, armId).toString());
                }
                containers(armId, Math.min(level + 1, TYPES.size()));
            }
            // Another parent for an arm, so the arm is reached through the split test and elsewhere.
            if (!arms.isEmpty() && random.nextInt(3) == 0 && !containersByLevel.get(level - 1).isEmpty()) {
                var other = containersByLevel.get(level - 1);
                course.relation(other.get(random.nextInt(other.size())), arms.get(0));
            }
        }

        private void itemBank(String parent, int level) {
            var id = id("library_content");
            course.block("library_content", id, Map.of("max_count", (long) random.nextInt(4) - 1), parent);
            int count = random.nextInt(4);
            for (int i = 0; i < count; i++) {
                if (random.nextBoolean()) {
                    leaf(id);
                } else {
                    var vertical = id("vertical");
                    course.block("vertical", vertical, fields(), id);
                    leaf(vertical);
                    // Also held higher up, so that it is within a depth at which the bank is at the limit.
                    var higher = containersByLevel.get(level - 1);
                    if (random.nextInt(3) == 0 && !higher.isEmpty()) {
                        course.relation(higher.get(random.nextInt(higher.size())), vertical);
                    }
                }
            }
        }

        private void leaf(String parent) {
            var type = LEAVES.get(random.nextInt(LEAVES.size()));
            course.block(type, id(type), fields(), parent);
        }

        private void linkExtraParent(String parent, String id, int level) {
            if (level == 0 || random.nextInt(8) > 0) {
                return;
            }
            var candidates = containersByLevel.get(level - 1);
            var other = candidates.isEmpty() ? parent : candidates.get(random.nextInt(candidates.size()));
            if (!other.equals(parent)) {
                course.relation(other, id);
            }
        }

        private Map<String, Object> fields() {
            var fields = new HashMap<String, Object>();
            switch (random.nextInt(14)) {
                case 0 -> fields.put("visible_to_staff_only", true);
                case 1 -> fields.put("group_access", Map.of(String.valueOf(COHORTS), List.of(1L + random.nextInt(2))));
                case 2 -> fields.put("group_access", Map.of(String.valueOf(ENROLLMENT_TRACK), List.of(2L)));
                case 3 -> fields.put("start", Instant.parse("2026-06-01T00:00:00Z"));
                case 4 -> fields.put("start", Instant.parse("2027-01-01T00:00:00Z"));
                case 5 -> {
                    fields.put("hide_after_due", true);
                    fields.put("due", Instant.parse("2026-05-01T00:00:00Z"));
                }
                case 6 -> fields.put("hide_from_toc", true);
                case 7 -> fields.put("days_early_for_beta", 200.0);
                default -> {
                    // Most blocks set nothing.
                }
            }
            return fields;
        }

        private String id(String type) {
            return prefix + type + "_" + next++;
        }
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
