package io.strata.domain.transform.standard;

import io.strata.domain.structure.BlockStructure;
import io.strata.domain.transform.SourceCourses;
import io.strata.domain.transform.TransformOptions;
import io.strata.domain.transform.TransformView;
import io.strata.domain.transform.TransformerRegistry;
import io.strata.domain.transform.UserContext;
import io.strata.ports.LearnerRecord;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static io.strata.domain.transform.SourceCourses.usage;
import static org.assertj.core.api.Assertions.assertThat;

class BlockCountsTransformerTest {
    private static final Instant NOW = Instant.parse("2026-03-01T00:00:00Z");
    private static final TransformerRegistry REGISTRY = new TransformerRegistry(List.of(new VisibilityTransformer(),
            new BlockCountsTransformer()));
    private static final TransformOptions COUNT_PROBLEMS_AND_VIDEOS =
            new TransformOptions(Optional.empty(), Optional.empty(), Optional.empty(), Set.of("video", "problem"));

    /** Root → unit1 (p1, v1, shared p2), unit2 (shared p2, staff-only p3). */
    private static BlockStructure course() {
        return REGISTRY.collect(SourceCourses.builder()
                .block("course", "root")
                .block("vertical", "unit1", "root")
                .block("vertical", "unit2", "root")
                .block("problem", "p1", "unit1")
                .block("video", "v1", "unit1")
                .block("problem", "p2", "unit1", "unit2")
                .block("problem", "p3", Map.of("visible_to_staff_only", true), "unit2")
                .build());
    }

    private static Object counts(TransformView view, String type, String id) {
        return view.data(view.structure().indexOf(usage(type, id)).orElseThrow(), BlockCountsTransformer.BLOCK_COUNTS);
    }

    @Test
    void transform_types_countsKeptDescendantsIncludingSelfPerPath() {
        var view = REGISTRY.transform(course(), UserContext.allBlocks(NOW), COUNT_PROBLEMS_AND_VIDEOS);

        assertThat(counts(view, "course", "root")).isEqualTo(Map.of("problem", 4L, "video", 1L));
        assertThat(counts(view, "vertical", "unit2")).isEqualTo(Map.of("problem", 2L, "video", 0L));
        assertThat(counts(view, "problem", "p1")).isEqualTo(Map.of("problem", 1L, "video", 0L));
        assertThat(List.copyOf(((Map<?, ?>) counts(view, "course", "root")).keySet()))
                .isEqualTo(List.of("problem", "video"));
    }

    @Test
    void transform_learner_doesNotCountRemovedBlocks() {
        var view = REGISTRY.transform(course(), UserContext.of(LearnerRecord.learner("ada"), NOW),
                COUNT_PROBLEMS_AND_VIDEOS);

        assertThat(counts(view, "course", "root")).isEqualTo(Map.of("problem", 3L, "video", 1L));
        assertThat(counts(view, "vertical", "unit2")).isEqualTo(Map.of("problem", 1L, "video", 0L));
    }

    @Test
    void transform_noTypes_recordsNothing() {
        var view = REGISTRY.transform(course(), UserContext.allBlocks(NOW));

        assertThat(view.hasData(BlockCountsTransformer.BLOCK_COUNTS)).isFalse();
    }
}
