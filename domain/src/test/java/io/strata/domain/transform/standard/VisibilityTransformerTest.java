package io.strata.domain.transform.standard;

import io.strata.domain.structure.BlockStructure;
import io.strata.domain.transform.SourceCourses;
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

class VisibilityTransformerTest {
    private static final Instant NOW = Instant.parse("2026-03-01T00:00:00Z");
    private static final TransformerRegistry REGISTRY = new TransformerRegistry(List.of(new VisibilityTransformer()));

    /** Root → visible chapter, hidden chapter; a vertical under both; a hidden vertical under the visible one. */
    private static BlockStructure course() {
        return REGISTRY.collect(SourceCourses.builder()
                .block("course", "root")
                .block("chapter", "shown", "root")
                .block("chapter", "hidden", Map.of("visible_to_staff_only", true), "root")
                .block("vertical", "shared", "shown", "hidden")
                .block("vertical", "only_hidden_path", "hidden")
                .block("vertical", "own_flag", Map.of("visible_to_staff_only", "true"), "shown")
                .block("html", "inside", "own_flag")
                .build());
    }

    private static boolean isHidden(BlockStructure structure, String type, String id) {
        int block = structure.indexOf(usage(type, id)).orElseThrow();
        return structure.transformerData(VisibilityTransformer.NAME, block, VisibilityTransformer.MERGED_STAFF_ONLY)
                != null;
    }

    private static List<String> visibleIds(TransformView view) {
        return Arrays.stream(view.preOrder()).mapToObj(block -> view.key(block).id()).toList();
    }

    @Test
    void collect_dag_hidesOnlyBlocksHiddenAlongEveryPath() {
        var structure = course();

        assertThat(isHidden(structure, "chapter", "shown")).isFalse();
        assertThat(isHidden(structure, "chapter", "hidden")).isTrue();
        assertThat(isHidden(structure, "vertical", "shared")).isFalse();
        assertThat(isHidden(structure, "vertical", "only_hidden_path")).isTrue();
        assertThat(isHidden(structure, "vertical", "own_flag")).isTrue();
        assertThat(isHidden(structure, "html", "inside")).isTrue();
    }

    @Test
    void transform_learner_losesHiddenBlocksButKeepsSharedOne() {
        var view = REGISTRY.transform(course(), UserContext.of(LearnerRecord.learner("ada"), NOW));

        assertThat(visibleIds(view)).containsExactly("root", "shown", "shared");
    }

    @Test
    void transform_staff_seesHiddenBlocks() {
        var staff = new LearnerRecord("grace", Set.of(CourseRole.STAFF), Optional.empty(), Map.of());

        var view = REGISTRY.transform(course(), UserContext.of(staff, NOW));

        assertThat(visibleIds(view)).containsExactly("root", "shown", "shared", "own_flag", "inside", "hidden",
                "only_hidden_path");
    }
}
