package io.strata.domain.transform.standard;

import io.strata.domain.structure.BlockStructure;
import io.strata.domain.transform.SourceCourses;
import io.strata.domain.transform.TransformOptions;
import io.strata.domain.transform.TransformView;
import io.strata.domain.transform.TransformerRegistry;
import io.strata.domain.transform.UserContext;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static io.strata.domain.transform.SourceCourses.usage;
import static org.assertj.core.api.Assertions.assertThat;

class BlockNavigationTransformerTest {
    private static final UserContext USER = UserContext.anonymous(Instant.parse("2026-03-01T00:00:00Z"));
    private static final TransformerRegistry REGISTRY = new TransformerRegistry(List.of(new BlockDepthTransformer(),
            new BlockNavigationTransformer()));

    /** Root → ch1 → (seq1 → unit1 → text1), (hidden seq2 → unit2); root → ch2. */
    private static BlockStructure course() {
        return REGISTRY.collect(SourceCourses.builder()
                .block("course", "root")
                .block("chapter", "ch1", "root")
                .block("sequential", "seq1", "ch1")
                .block("vertical", "unit1", "seq1")
                .block("html", "text1", "unit1")
                .block("sequential", "seq2", Map.of("hide_from_toc", true), "ch1")
                .block("vertical", "unit2", "seq2")
                .block("chapter", "ch2", "root")
                .build());
    }

    private static TransformOptions navDepth(int depth) {
        return new TransformOptions(Optional.empty(), Optional.empty(), Optional.of(depth), Set.of());
    }

    private static Object descendants(TransformView view, String type, String id) {
        int block = view.structure().indexOf(usage(type, id)).orElseThrow();
        return view.data(block, BlockNavigationTransformer.DESCENDANTS);
    }

    private static String id(String type, String id) {
        return usage(type, id).toString();
    }

    @Test
    void transform_navDepthOne_listsChildrenAboveAndAllDescendantsAtDepth() {
        var view = REGISTRY.transform(course(), USER, navDepth(1));

        assertThat(descendants(view, "course", "root")).isEqualTo(List.of(id("chapter", "ch1"), id("chapter", "ch2")));
        assertThat(descendants(view, "chapter", "ch1"))
                .isEqualTo(List.of(id("sequential", "seq1"), id("vertical", "unit1"), id("html", "text1")));
        assertThat(descendants(view, "chapter", "ch2")).isEqualTo(List.of());
        assertThat(descendants(view, "sequential", "seq1")).isNull();
    }

    @Test
    void transform_navDepthTwo_givesSequentialsTheirDescendants() {
        var view = REGISTRY.transform(course(), USER, navDepth(2));

        assertThat(descendants(view, "chapter", "ch1")).isEqualTo(List.of(id("sequential", "seq1")));
        assertThat(descendants(view, "sequential", "seq1"))
                .isEqualTo(List.of(id("vertical", "unit1"), id("html", "text1")));
        assertThat(descendants(view, "sequential", "seq2")).isNull();
    }

    @Test
    void transform_noNavDepth_recordsNothing() {
        var view = REGISTRY.transform(course(), USER);

        assertThat(view.hasData(BlockNavigationTransformer.DESCENDANTS)).isFalse();
    }

    @Test
    void transform_withoutDepthTransformer_worksOutDepthsItself() {
        var alone = new TransformerRegistry(List.of(new BlockNavigationTransformer()));
        var structure = alone.collect(SourceCourses.builder()
                .block("course", "root").block("chapter", "ch", "root").block("vertical", "v", "ch").build());

        var view = alone.transform(structure, USER, navDepth(0));

        assertThat(descendants(view, "course", "root")).isEqualTo(List.of(id("chapter", "ch"), id("vertical", "v")));
    }
}
