package io.strata.domain.transform.standard;

import io.strata.domain.structure.BlockStructure;
import io.strata.domain.transform.SourceCourses;
import io.strata.domain.transform.TransformerRegistry;
import io.strata.domain.transform.UserContext;
import io.strata.ports.SourceCourse;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.strata.domain.transform.standard.Learners.childIds;
import static io.strata.domain.transform.standard.Learners.visibleIds;
import static org.assertj.core.api.Assertions.assertThat;

class HiddenContentTransformerTest {
    private static final Instant NOW = Instant.parse("2026-03-01T00:00:00Z");
    private static final Instant PAST = Instant.parse("2026-02-01T00:00:00Z");
    private static final Instant FUTURE = Instant.parse("2026-04-01T00:00:00Z");
    private static final TransformerRegistry REGISTRY =
            new TransformerRegistry(List.of(new HiddenContentTransformer()));

    /**
     * Instructor-paced root → chapter "old" whose two sequentials are past due and hidden after due;
     * chapter "mixed" with a past-due hidden sequential, a future-due hidden one and a past-due one
     * without the flag; a vertical shared by the hidden "gone" and the visible "keeps".
     */
    private static BlockStructure course(boolean selfPaced, Instant end) {
        return REGISTRY.collect(source(selfPaced, end));
    }

    private static SourceCourse source(boolean selfPaced, Instant end) {
        var rootFields = new HashMap<String, Object>();
        rootFields.put("self_paced", selfPaced);
        if (end != null) {
            rootFields.put("end", end);
        }
        rootFields.put("start", Instant.parse("2026-01-01T00:00:00Z"));
        return SourceCourses.builder()
                .block("course", "root", rootFields)
                .block("chapter", "old", "root")
                .block("sequential", "old1", Map.of("due", PAST, "hide_after_due", true), "old")
                .block("sequential", "old2", Map.of("due", PAST, "hide_after_due", "true"), "old")
                .block("chapter", "mixed", "root")
                .block("sequential", "gone", Map.of("due", PAST, "hide_after_due", true), "mixed")
                .block("sequential", "later", Map.of("due", FUTURE, "hide_after_due", true), "mixed")
                .block("sequential", "keeps", Map.of("due", PAST), "mixed")
                .block("vertical", "shared", "gone", "keeps")
                .block("vertical", "inside", "gone")
                .build();
    }

    @Test
    void transform_instructorPacedPastDue_removesHiddenBlocksAndOnlyTheirOwnDescendants() {
        var view = REGISTRY.transform(course(false, null), UserContext.anonymous(NOW));

        assertThat(visibleIds(view)).containsExactly("root", "old", "mixed", "later", "keeps", "shared");
    }

    @Test
    void transform_sectionWhoseSubsectionsAreAllHidden_keepsItWithoutChildren() {
        var view = REGISTRY.transform(course(false, null), UserContext.anonymous(NOW));

        assertThat(childIds(view, "old")).isEmpty();
        assertThat(childIds(view, "root")).containsExactly("old", "mixed");
    }

    @Test
    void transform_standardPipelineSectionWhoseSubsectionsAreAllHidden_omitsSectionCleanly() {
        var registry = TransformerRegistry.standard();
        var structure = registry.collect(source(false, null));

        var view = registry.transform(structure, UserContext.anonymous(NOW));

        assertThat(visibleIds(view)).containsExactly("root", "mixed", "later", "keeps", "shared");
        assertThat(childIds(view, "root")).containsExactly("mixed");
    }

    @Test
    void transform_selfPacedBeforeEnd_keepsEverything() {
        var structure = course(true, FUTURE);

        var view = REGISTRY.transform(structure, UserContext.anonymous(NOW));

        assertThat(view.keptCount()).isEqualTo(structure.size());
    }

    @Test
    void transform_selfPacedAfterEnd_hidesEveryFlaggedBlock() {
        var view = REGISTRY.transform(course(true, PAST), UserContext.anonymous(NOW));

        assertThat(visibleIds(view)).containsExactly("root", "old", "mixed", "keeps", "shared");
    }

    @Test
    void transform_exactlyAtDue_hides() {
        var view = REGISTRY.transform(course(false, null), UserContext.anonymous(FUTURE));

        assertThat(visibleIds(view)).doesNotContain("later");
    }

    @Test
    void transform_staff_keepsEverything() {
        var structure = course(false, null);

        var view = REGISTRY.transform(structure, Learners.staff(NOW));

        assertThat(view.keptCount()).isEqualTo(structure.size());
    }

    @Test
    void collect_childWithoutOwnDue_inheritsParentDue() {
        var structure = course(false, null);
        int inside = structure.indexOf(SourceCourses.usage("vertical", "inside")).orElseThrow();

        assertThat(structure.transformerData(HiddenContentTransformer.NAME, inside, HiddenContentTransformer.DUE))
                .isEqualTo(PAST);
    }
}
