package io.strata.domain.transform.standard;

import io.strata.domain.structure.BlockStructure;
import io.strata.domain.transform.SourceCourses;
import io.strata.domain.transform.TransformOptions;
import io.strata.domain.transform.TransformView;
import io.strata.domain.transform.TransformerRegistry;
import io.strata.domain.transform.UserContext;
import io.strata.ports.CourseRole;
import io.strata.ports.LearnerRecord;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static io.strata.domain.transform.SourceCourses.usage;
import static org.assertj.core.api.Assertions.assertThat;

class StartDateTransformerTest {
    private static final Instant NOW = Instant.parse("2026-03-01T00:00:00Z");
    private static final Instant PAST = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant SOON = NOW.plusSeconds(2 * 86_400);
    private static final Instant LATER = NOW.plusSeconds(30 * 86_400);
    private static final TransformerRegistry REGISTRY = new TransformerRegistry(List.of(new StartDateTransformer()));

    /**
     * Root (past, beta 3 days) → open chapter, soon chapter, later chapter; the shared vertical has a
     * parent in the open and in the later chapter; an early vertical under the later chapter starts
     * before its parent.
     */
    private static BlockStructure course() {
        return REGISTRY.collect(SourceCourses.builder()
                .block("course", "root", Map.of("start", PAST, "days_early_for_beta", 3))
                .block("chapter", "open", "root")
                .block("chapter", "soon", Map.of("start", SOON), "root")
                .block("chapter", "later", Map.of("start", LATER), "root")
                .block("vertical", "shared", "open", "later")
                .block("vertical", "early", Map.of("start", PAST), "later")
                .block("vertical", "exact", Map.of("start", NOW), "open")
                .build());
    }

    private static Object mergedStart(BlockStructure structure, String type, String id) {
        int block = structure.indexOf(usage(type, id)).orElseThrow();
        return structure.transformerData(StartDateTransformer.NAME, block, StartDateTransformer.MERGED_START);
    }

    private static List<String> visibleIds(TransformView view) {
        return Arrays.stream(view.preOrder()).mapToObj(block -> view.key(block).id()).toList();
    }

    private static UserContext user(CourseRole... roles) {
        return UserContext.of(new LearnerRecord("ada", Set.of(roles), Optional.empty(), Map.of()), NOW);
    }

    @Test
    void collect_dag_mergesLaterOfOwnAndEarliestParent() {
        var structure = course();

        assertThat(mergedStart(structure, "course", "root")).isEqualTo(PAST);
        assertThat(mergedStart(structure, "chapter", "open")).isEqualTo(PAST);
        assertThat(mergedStart(structure, "chapter", "later")).isEqualTo(LATER);
        assertThat(mergedStart(structure, "vertical", "shared")).isEqualTo(PAST);
        assertThat(mergedStart(structure, "vertical", "early")).isEqualTo(LATER);
        assertThat(structure.transformerData(StartDateTransformer.NAME, 0, StartDateTransformer.DAYS_EARLY_FOR_BETA))
                .isEqualTo(3.0);
    }

    @Test
    void collect_rootWithoutStart_mergesOpenEdxDefaultStart() {
        var structure = REGISTRY.collect(SourceCourses.builder()
                .block("course", "root")
                .block("chapter", "free", "root")
                .block("vertical", "dated", Map.of("start", LATER), "free")
                .build());

        assertThat(mergedStart(structure, "course", "root")).isEqualTo(StartDateTransformer.DEFAULT_START);
        assertThat(mergedStart(structure, "chapter", "free")).isEqualTo(StartDateTransformer.DEFAULT_START);
        assertThat(mergedStart(structure, "vertical", "dated")).isEqualTo(StartDateTransformer.DEFAULT_START);
    }

    @Test
    void transform_learner_losesBlocksStartingNowOrLater() {
        var view = REGISTRY.transform(course(), user());

        assertThat(visibleIds(view)).containsExactly("root", "open", "shared");
    }

    @Test
    void transform_anonymous_losesBlocksStartingNowOrLater() {
        var view = REGISTRY.transform(course(), UserContext.anonymous(NOW));

        assertThat(visibleIds(view)).containsExactly("root", "open", "shared");
    }

    @Test
    void transform_betaTester_seesBlocksStartingWithinDaysEarly() {
        var view = REGISTRY.transform(course(), user(CourseRole.BETA_TESTER));

        assertThat(visibleIds(view)).containsExactly("root", "open", "shared", "exact", "soon");
    }

    @Test
    void transform_staffOrAllBlocks_seesEverything() {
        var structure = course();

        var staff = REGISTRY.transform(structure, user(CourseRole.INSTRUCTOR));
        var all = REGISTRY.transform(structure, UserContext.allBlocks(NOW));

        assertThat(staff.keptCount()).isEqualTo(structure.size());
        assertThat(all.keptCount()).isEqualTo(structure.size());
    }

    @Test
    void transform_courseNotStarted_emptiesLearnerView() {
        var structure = REGISTRY.collect(SourceCourses.builder()
                .block("course", "root", Map.of("start", LATER))
                .block("chapter", "c", "root")
                .build());

        var view = REGISTRY.transform(structure, user());

        assertThat(view.isEmpty()).isTrue();
    }

    @Test
    void transform_learnerLosesUnstartedBlock_marksRootWithScheduledContent() {
        var view = REGISTRY.transform(course(), user());

        assertThat(view.data(view.root(), StartDateTransformer.HAS_SCHEDULED_CONTENT)).isEqualTo(true);
    }

    @Test
    void transform_allowsStartDatesInFuture_keepsEverythingWithoutMark() {
        var structure = course();

        var view = REGISTRY.transform(structure, user(),
                TransformOptions.none().withAllowsStartDatesInFuture(true));

        assertThat(view.keptCount()).isEqualTo(structure.size());
        assertThat(view.data(view.root(), StartDateTransformer.HAS_SCHEDULED_CONTENT)).isNull();
    }

    @Test
    void transform_betaTesterWithOwnDaysEarlyOnChapter_usesTheBlocksInheritedValue() {
        var structure = REGISTRY.collect(SourceCourses.builder()
                .block("course", "root", Map.of("start", PAST, "days_early_for_beta", 1))
                .block("chapter", "soon", Map.of("start", SOON), "root")
                .block("chapter", "generous", Map.of("start", SOON, "days_early_for_beta", 5), "root")
                .block("vertical", "inherits", "generous")
                .build());

        var view = REGISTRY.transform(structure, user(CourseRole.BETA_TESTER));

        assertThat(visibleIds(view)).containsExactly("root", "generous", "inherits");
    }
}
