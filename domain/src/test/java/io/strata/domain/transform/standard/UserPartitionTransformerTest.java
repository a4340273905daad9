package io.strata.domain.transform.standard;

import io.strata.domain.structure.BlockStructure;
import io.strata.domain.transform.SourceCourses;
import io.strata.domain.transform.TransformOptions;
import io.strata.domain.transform.TransformerRegistry;
import io.strata.domain.transform.UserContext;
import io.strata.ports.LearnerRecord;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.strata.domain.transform.standard.Learners.childIds;
import static io.strata.domain.transform.standard.Learners.enrolled;
import static io.strata.domain.transform.standard.Learners.visibleIds;
import static org.assertj.core.api.Assertions.assertThat;

class UserPartitionTransformerTest {
    private static final Instant NOW = Instant.parse("2026-03-01T00:00:00Z");
    private static final long COHORTS = 18_587_404L;
    private static final long GROUP_A = 1_819_362_822L;
    private static final long GROUP_B = 205_150_518L;
    private static final long EXPERIMENT = 1_640_392_374L;
    private static final long ARM_1 = 455_306_730L;
    private static final long ARM_2 = 1_762_115_162L;
    private static final long AUDIT = 1;
    private static final long VERIFIED = 2;
    private static final TransformerRegistry REGISTRY = new TransformerRegistry(List.of(
            new UserPartitionTransformer(), new SplitTestTransformer()));

    private static final List<Object> PARTITIONS = List.of(
            Map.of("id", COHORTS, "name", "Content Groups", "scheme", "cohort", "active", true,
                    "groups", List.of(Map.of("id", GROUP_A, "name", "A"), Map.of("id", GROUP_B, "name", "B"))),
            Map.of("id", EXPERIMENT, "name", "Experiment", "scheme", "random",
                    "groups", List.of(Map.of("id", ARM_1, "name", "Arm 1"), Map.of("id", ARM_2, "name", "Arm 2"))),
            Map.of("id", 99L, "name", "Retired", "scheme", "cohort", "active", false,
                    "groups", List.of(Map.of("id", 1L, "name", "Old"))));

    /**
     * Root → chapter "ch" → units "for_a" (group A), "for_b" (group B), "verified_only" (track 2),
     * "open", and a split_test "exp" whose children "arm1" (block-v1 id) and "arm2" (i4x id) map to the
     * experiment's arms; "both" has a parent for A and a parent for B; "narrowed" sits under "for_a"
     * and allows only B, so nobody gets it; "ignored" restricts a retired partition.
     */
    private static BlockStructure course() {
        var groupIdToChild = Map.of(
                String.valueOf(ARM_1), "block-v1:StrataX+T101+2026+type@vertical+block@arm1",
                String.valueOf(ARM_2), "i4x://StrataX/T101/vertical/arm2");
        return REGISTRY.collect(SourceCourses.builder()
                .block("course", "root", Map.of("user_partitions", PARTITIONS))
                .block("chapter", "ch", "root")
                .block("vertical", "for_a", Map.of("group_access", Map.of(String.valueOf(COHORTS), List.of(GROUP_A))),
                        "ch")
                .block("vertical", "for_b", Map.of("group_access", Map.of(String.valueOf(COHORTS), List.of(GROUP_B))),
                        "ch")
                .block("vertical", "verified_only", Map.of("group_access", Map.of("50", List.of(VERIFIED))), "ch")
                .block("vertical", "open", Map.of("group_access", Map.of(String.valueOf(COHORTS), List.of())), "ch")
                .block("split_test", "exp", Map.of("user_partition_id", String.valueOf(EXPERIMENT),
                        "group_id_to_child", groupIdToChild), "ch")
                .block("vertical", "arm1", "exp")
                .block("vertical", "arm2", "exp")
                .block("html", "both", "for_a", "for_b")
                .block("html", "narrowed", Map.of("group_access", Map.of(String.valueOf(COHORTS), List.of(GROUP_B))),
                        "for_a")
                .block("html", "ignored", Map.of("group_access", Map.of("99", List.of(1L))), "open")
                .build());
    }

    private static UserContext learner(String name, String mode, long cohortGroup, long arm) {
        return enrolled(name, mode, Map.of(COHORTS, cohortGroup, EXPERIMENT, arm), NOW);
    }

    @Test
    void transform_cohortAndArm_keepsOnlyTheirGroupsContent() {
        var view = REGISTRY.transform(course(), learner("ann", "verified", GROUP_A, ARM_2));

        assertThat(visibleIds(view)).containsExactly("root", "ch", "for_a", "both", "verified_only", "open", "ignored",
                "arm2");
    }

    @Test
    void transform_splitTest_isRemovedAndItsChildTakesItsPlace() {
        var view = REGISTRY.transform(course(), learner("ann", "verified", GROUP_B, ARM_1));

        assertThat(childIds(view, "ch")).containsExactly("for_b", "verified_only", "open", "arm1");
    }

    @Test
    void transform_blockUnderTwoGroups_isKeptForEither() {
        var forA = REGISTRY.transform(course(), learner("ann", "verified", GROUP_A, ARM_1));
        var forB = REGISTRY.transform(course(), learner("bob", "verified", GROUP_B, ARM_1));

        assertThat(visibleIds(forA)).contains("both").doesNotContain("narrowed");
        assertThat(visibleIds(forB)).contains("both").doesNotContain("narrowed");
    }

    @Test
    void transform_auditLearnerV2_keepsVerifiedOnlyUnitWithReasonAndMessage() {
        var structure = course();
        var view = REGISTRY.transform(structure, learner("ann", "audit", GROUP_A, ARM_1));

        int unit = structure.indexOf(SourceCourses.usage("vertical", "verified_only")).orElseThrow();
        assertThat(view.isKept(unit)).isTrue();
        assertThat(view.field(unit, UserPartitionTransformer.DENIAL_REASON)).isEqualTo("Enrollment Track Groups");
        assertThat((String) view.field(unit, UserPartitionTransformer.DENIAL_MESSAGE)).contains("verified");
    }

    @Test
    void transform_auditLearnerV1_dropsVerifiedOnlyUnit() {
        var options = TransformOptions.none().withHidesAccessDenials(true);

        var view = REGISTRY.transform(course(), learner("ann", "audit", GROUP_A, ARM_1), options);

        assertThat(visibleIds(view)).doesNotContain("verified_only");
    }

    @Test
    void transform_inactiveVerifiedEnrollment_isDeniedLikeUnenrolled() {
        var record = new LearnerRecord("ina", Set.of(), Optional.of("verified"), false,
                Optional.empty(), Map.of(COHORTS, GROUP_A), Map.of());
        var options = TransformOptions.none().withHidesAccessDenials(true);

        var view = REGISTRY.transform(course(), UserContext.of(record, NOW), options);

        assertThat(visibleIds(view)).doesNotContain("verified_only");
    }

    @Test
    void transform_anonymous_losesEveryRestrictedBlock() {
        var view = REGISTRY.transform(course(), UserContext.anonymous(NOW), TransformOptions.none()
                .withHidesAccessDenials(true));

        assertThat(visibleIds(view)).containsExactly("root", "ch", "open", "ignored");
    }

    @Test
    void transform_staff_seesEveryGroupButNoSplitTest() {
        var structure = course();

        var view = REGISTRY.transform(structure, Learners.staff(NOW));

        assertThat(view.keptCount()).isEqualTo(structure.size() - 1);
        assertThat(visibleIds(view)).doesNotContain("exp").contains("arm1", "arm2", "narrowed");
    }

    @Test
    void transform_allBlocks_keepsSplitTests() {
        var structure = course();

        var view = REGISTRY.transform(structure, UserContext.allBlocks(NOW));

        assertThat(view.keptCount()).isEqualTo(structure.size());
    }

    @Test
    void transform_randomPartitionWithoutStoredGroup_givesStableArm() {
        var user = enrolled("carl", "audit", Map.of(COHORTS, GROUP_A), NOW);

        var first = visibleIds(REGISTRY.transform(course(), user));
        var second = visibleIds(REGISTRY.transform(course(), user));

        assertThat(first).isEqualTo(second);
        assertThat(first.stream().filter(id -> id.startsWith("arm")).count()).isEqualTo(1);
    }

    @Test
    void collect_auditThenVerified_verifiedStillSeesVerifiedOnlyUnit() {
        var structure = course();
        var options = TransformOptions.none().withHidesAccessDenials(true);
        var audit = REGISTRY.transform(structure, learner("ann", "audit", GROUP_A, ARM_1), options);

        var verified = REGISTRY.transform(structure, learner("vic", "verified", GROUP_B, ARM_2), options);

        assertThat(visibleIds(audit)).doesNotContain("verified_only");
        assertThat(visibleIds(verified)).contains("verified_only");
    }

    @Test
    void transform_twoLearnersConcurrently_eachSeesOnlyOwnView() throws Exception {
        var structure = course();
        var ann = learner("ann", "audit", GROUP_A, ARM_1);
        var bob = learner("bob", "verified", GROUP_B, ARM_2);
        var expectedAnn = visibleIds(REGISTRY.transform(structure, ann));
        var expectedBob = visibleIds(REGISTRY.transform(structure, bob));
        Callable<List<String>> annTask = () -> visibleIds(REGISTRY.transform(structure, ann));
        Callable<List<String>> bobTask = () -> visibleIds(REGISTRY.transform(structure, bob));

        var pool = Executors.newFixedThreadPool(4);
        var futures = new ArrayList<Future<List<String>>>();
        try {
            for (int i = 0; i < 200; i++) {
                futures.add(pool.submit(i % 2 == 0 ? annTask : bobTask));
            }
            for (int i = 0; i < futures.size(); i++) {
                assertThat(futures.get(i).get()).isEqualTo(i % 2 == 0 ? expectedAnn : expectedBob);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(expectedAnn).isNotEqualTo(expectedBob);
    }
}
