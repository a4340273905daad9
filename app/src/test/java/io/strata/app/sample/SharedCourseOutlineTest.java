package io.strata.app.sample;

import io.strata.adapters.olx.OlxCourseSource;
import io.strata.adapters.olx.OlxCourseSourceConfig;
import io.strata.app.sample.ExpectedOutline.Learner;
import io.strata.domain.structure.BlockStructure;
import io.strata.domain.transform.TransformOptions;
import io.strata.domain.transform.TransformerRegistry;
import io.strata.domain.transform.UserContext;
import io.strata.domain.transform.standard.StartDateTransformer;
import io.strata.ports.CourseRole;
import io.strata.ports.LearnerRecord;
import io.strata.testkit.SharedCourses;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the standard per-learner pipeline on a shared real course with weekly chapter starts, a
 * 60-day beta period and content experiments (DartmouthX's, in ../shared/data/olx), and checks
 * each learner's view against {@link ExpectedOutline}, which reads the export on its own.
 */
class SharedCourseOutlineTest {
    private static final TransformerRegistry REGISTRY = TransformerRegistry.standard();
    /** Are moments after the course start (2015-05-05): while chapters open, and after the last one. */
    private static final Instant[] MOMENTS = {Instant.parse("2015-05-20T00:00:00Z"),
        Instant.parse("2015-06-03T00:00:00Z"), Instant.parse("2016-01-01T00:00:00Z")};

    private static BlockStructure structure;
    private static ExpectedOutline expected;

    @BeforeAll
    static void collectAndReadOnce() {
        var folder = SharedCourses.folder().resolve("dartmouthx-engx");
        var source = new OlxCourseSource(OlxCourseSourceConfig.of(folder));
        structure = REGISTRY.collect(source.read(source.listCourses().courseKeys().get(0)));
        expected = ExpectedOutline.read(folder);
    }

    @Test
    void transform_engx_showsEachLearnerWhatTheXmlGivesThem() {
        var learners = Map.of("staff", learner(true, false, 0), "first_group", learner(false, false, 0),
                "second_group", learner(false, false, 1), "beta_tester", learner(false, true, 0));
        var seen = new HashMap<String, Set<String>>();

        for (var now : MOMENTS) {
            for (var entry : learners.entrySet()) {
                var want = expected.outline(entry.getValue(), now);
                var got = transform(entry.getKey(), entry.getValue(), now);

                assertThat(got).as("blocks shown to %s at %s", entry.getKey(), now)
                        .containsExactlyInAnyOrderElementsOf(want.blocks());
                seen.put(entry.getKey() + "@" + now, got);
            }
        }

        var early = MOMENTS[0];
        assertThat(seen.get("first_group@" + early)).as("chapters not started yet")
                .hasSizeLessThan(seen.get("beta_tester@" + early).size());
        assertThat(seen.get("first_group@" + MOMENTS[2])).as("content experiments")
                .isNotEqualTo(seen.get("second_group@" + MOMENTS[2]));
        assertThat(seen.get("first_group@" + MOMENTS[2])).hasSizeLessThan(seen.get("staff@" + MOMENTS[2]).size());
    }

    @Test
    void transform_engxBeforeSomeChapters_marksScheduledContentForLearnersOnly() {
        var learner = learner(false, false, 0);

        assertThat(expected.outline(learner, MOMENTS[0]).hasScheduledContent()).isTrue();
        assertThat(scheduled("first_group", learner, MOMENTS[0])).isTrue();
        assertThat(scheduled("staff", learner(true, false, 0), MOMENTS[0])).isFalse();
        assertThat(scheduled("first_group", learner, MOMENTS[2])).isFalse();
    }

    /** Returns a learner in the given group (by position) of every partition that lists groups. */
    private static Learner learner(boolean isStaff, boolean isBetaTester, int group) {
        var groups = new HashMap<Long, Long>();
        expected.partitions().forEach((partition, ids) -> {
            if (ids.size() > group) {
                groups.put(partition, ids.get(group));
            }
        });
        return new Learner(isStaff, isBetaTester, "audit", groups, Map.of(), false);
    }

    private static Set<String> transform(String username, Learner learner, Instant now) {
        var view = REGISTRY.transform(structure, UserContext.of(record(username, learner), now),
                TransformOptions.none());
        var blocks = new HashSet<String>();
        for (int block : view.preOrder()) {
            blocks.add(view.key(block).type() + "@" + view.key(block).id());
        }
        return blocks;
    }

    private static boolean scheduled(String username, Learner learner, Instant now) {
        var view = REGISTRY.transform(structure, UserContext.of(record(username, learner), now),
                TransformOptions.none());
        return Boolean.TRUE.equals(view.data(view.root(), StartDateTransformer.HAS_SCHEDULED_CONTENT));
    }

    private static LearnerRecord record(String username, Learner learner) {
        var roles = new HashSet<CourseRole>();
        if (learner.isStaff()) {
            roles.add(CourseRole.STAFF);
        }
        if (learner.isBetaTester()) {
            roles.add(CourseRole.BETA_TESTER);
        }
        return new LearnerRecord(username, roles, Optional.of(learner.mode()), true, Optional.empty(),
                learner.groups(), Map.of());
    }
}
