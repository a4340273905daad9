package io.strata.app.scale;

import io.strata.adapters.olx.OlxCourseSource;
import io.strata.adapters.olx.OlxCourseSourceConfig;
import io.strata.domain.codec.StructureCodec;
import io.strata.domain.key.UsageKey;
import io.strata.domain.structure.BlockStructure;
import io.strata.domain.transform.TransformView;
import io.strata.domain.transform.TransformerRegistry;
import io.strata.ports.ItemNotFoundException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

/** Checks the graph rules and the codec on every shared real course. */
class SharedCoursesStructureTest {
    private static final TransformerRegistry REGISTRY = TransformerRegistry.standard();

    @ParameterizedTest
    @ValueSource(strings = {"demo-course", "openedx-test-course", "dartmouthx-engx", "dhis2-data-analysis", "edx-toy",
        "edx-xml-dag"})
    void codec_sharedCourse_decodesToSameStructure(String folder) {
        var structure = collect(folder);
        var codec = new StructureCodec();

        var decoded = codec.decode(codec.encode(structure, REGISTRY.writeVersionHash()));

        assertThat(decoded.structure().isSameAs(structure)).isTrue();
        assertThat(decoded.transformerHash()).isEqualTo(REGISTRY.writeVersionHash());
    }

    @ParameterizedTest
    @ValueSource(strings = {"demo-course", "openedx-test-course", "dartmouthx-engx", "dhis2-data-analysis", "edx-toy",
        "edx-xml-dag"})
    void traversals_sharedCourse_visitParentsFirstAndChildrenFirst(String folder) {
        var structure = collect(folder);
        var view = TransformView.of(structure);

        var topological = view.topologicalOrder();
        var postOrder = view.postOrderTraversal(block -> true);

        assertThat(topological).hasSize(structure.size());
        assertThat(postOrder).hasSize(structure.size());
        assertEveryBlockAfter(structure, topological, /* parentsFirst= */ true);
        assertThat(view.topologicalTraversal(block -> true, false)).containsExactly(topological);
    }

    @ParameterizedTest
    @ValueSource(strings = {"demo-course", "openedx-test-course", "dartmouthx-engx"})
    void rootedAt_everyChapter_keepsExactlyItsSubtree(String folder) {
        var structure = collect(folder);

        for (int chapter : structure.children(structure.root())) {
            var view = TransformView.rootedAt(structure, structure.key(chapter));

            assertThat(view.root()).isEqualTo(chapter);
            assertThat(view.keptCount()).isEqualTo(view.preOrder().length);
            assertThat(view.isKept(structure.root())).isFalse();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"demo-course"})
    void rootedAt_blockOfAnotherCourse_failsSayingNotInThisCourse(String folder) {
        var structure = collect(folder);
        var stranger = UsageKey.parse("block-v1:OpenedX+DemoX+DemoCourse+type@html+block@no_such_block");

        assertThatThrownBy(() -> TransformView.rootedAt(structure, stranger))
                .isInstanceOf(ItemNotFoundException.class)
                .hasMessageContaining("is not in this course's structure");
    }

    @ParameterizedTest
    @ValueSource(strings = {"edx-xml-dag"})
    void removeBlock_sharedParentRemoved_sharedChildrenSurviveUnderTheOther(String folder) {
        var structure = collect(folder);
        var view = TransformView.of(structure);
        int html = structure.indexOf(UsageKey.parse(structure.courseKey().toString()
                .replace("course-v1:", "block-v1:") + "+type@html+block@toyhtml")).orElseThrow();
        int firstParent = structure.parent(html, 0);

        view.removeBlock(firstParent, /* keepDescendants= */ false);

        assertThat(structure.parentCount(html)).isEqualTo(2);
        assertThat(view.isKept(html)).isTrue();
        assertThat(view.parents(html)).containsExactly(structure.parent(html, 1));
    }

    private static void assertEveryBlockAfter(BlockStructure structure, int[] order, boolean parentsFirst) {
        var seen = new BitSet(structure.size());
        for (int block : order) {
            for (int parent : structure.parents(block)) {
                if (parentsFirst && !seen.get(parent)) {
                    fail("Block[%s] came before its parent[%s]", structure.key(block), structure.key(parent));
                }
            }
            seen.set(block);
        }
    }

    private static BlockStructure collect(String folder) {
        var path = sharedOlx().resolve(folder);
        var source = new OlxCourseSource(OlxCourseSourceConfig.of(path));
        return REGISTRY.collect(source.read(source.listCourses().courseKeys().get(0)));
    }

    private static Path sharedOlx() {
        var configured = System.getProperty("strata.shared.olx");
        var folder = configured != null ? Path.of(configured) : Path.of("../../shared/data/olx");
        if (!Files.isDirectory(folder)) {
            fail("Shared OLX exports not found at folder[" + folder.toAbsolutePath().normalize()
                    + "]; set system property strata.shared.olx or check out shared/data/olx beside the repository");
        }
        return folder;
    }
}
