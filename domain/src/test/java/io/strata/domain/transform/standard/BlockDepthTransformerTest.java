package io.strata.domain.transform.standard;

import io.strata.domain.structure.BlockStructure;
import io.strata.domain.transform.SourceCourses;
import io.strata.domain.transform.TransformOptions;
import io.strata.domain.transform.TransformView;
import io.strata.domain.transform.TransformerRegistry;
import io.strata.domain.transform.UserContext;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static io.strata.domain.transform.SourceCourses.usage;
import static org.assertj.core.api.Assertions.assertThat;

class BlockDepthTransformerTest {
    private static final UserContext USER = UserContext.anonymous(Instant.parse("2026-03-01T00:00:00Z"));
    private static final TransformerRegistry REGISTRY = new TransformerRegistry(List.of(new BlockDepthTransformer()));

    /** Root → chapter → sequential → vertical → html; the html is also a direct child of the chapter. */
    private static BlockStructure course() {
        return REGISTRY.collect(SourceCourses.builder()
                .block("course", "root")
                .block("chapter", "ch", "root")
                .block("sequential", "seq", "ch")
                .block("vertical", "unit", "seq")
                .block("html", "text", "unit", "ch")
                .build());
    }

    private static TransformOptions maxDepth(Optional<Integer> depth) {
        return new TransformOptions(Optional.empty(), depth, Optional.empty(), Set.of());
    }

    private static Object depth(TransformView view, String type, String id) {
        return view.data(view.structure().indexOf(usage(type, id)).orElseThrow(), BlockDepthTransformer.DEPTH);
    }

    private static List<String> visibleIds(TransformView view) {
        return Arrays.stream(view.preOrder()).mapToObj(block -> view.key(block).id()).toList();
    }

    @Test
    void transform_noLimit_recordsShallowestDepth() {
        var view = REGISTRY.transform(course(), USER, maxDepth(Optional.of(Integer.MAX_VALUE)));

        assertThat(depth(view, "course", "root")).isEqualTo(0);
        assertThat(depth(view, "sequential", "seq")).isEqualTo(2);
        assertThat(depth(view, "vertical", "unit")).isEqualTo(3);
        assertThat(depth(view, "html", "text")).isEqualTo(2);
    }

    @Test
    void transform_maxDepth_removesDeeperBlocks() {
        var view = REGISTRY.transform(course(), USER, maxDepth(Optional.of(1)));

        assertThat(visibleIds(view)).containsExactly("root", "ch");
    }

    @Test
    void transform_maxDepthZero_keepsOnlyRoot() {
        var view = REGISTRY.transform(course(), USER, maxDepth(Optional.of(0)));

        assertThat(visibleIds(view)).containsExactly("root");
    }

    @Test
    void transform_rootedAtBlock_countsDepthFromIt() {
        var options = new TransformOptions(Optional.of(usage("sequential", "seq")), Optional.of(1), Optional.empty(),
                Set.of());

        var view = REGISTRY.transform(course(), USER, options);

        assertThat(visibleIds(view)).containsExactly("seq", "unit");
        assertThat(depth(view, "sequential", "seq")).isEqualTo(0);
    }

    @Test
    void transform_noDepthOption_recordsNothing() {
        var view = REGISTRY.transform(course(), USER);

        assertThat(view.hasData(BlockDepthTransformer.DEPTH)).isFalse();
        assertThat(view.keptCount()).isEqualTo(5);
    }
}
