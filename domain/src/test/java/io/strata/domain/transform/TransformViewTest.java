package io.strata.domain.transform;

import io.strata.domain.structure.BlockStructure;
import io.strata.ports.ItemNotFoundException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static io.strata.domain.transform.SourceCourses.usage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TransformViewTest {
    private static final TransformerRegistry NO_TRANSFORMERS = new TransformerRegistry(List.of());

    /** Root → a, b; a → x, s; b → s, y; s → leaf. The block {@code s} has two parents. */
    private static BlockStructure dag() {
        return NO_TRANSFORMERS.collect(SourceCourses.builder()
                .block("course", "root", Map.of("display_name", "Course"))
                .block("chapter", "a", "root")
                .block("chapter", "b", "root")
                .block("vertical", "x", "a")
                .block("vertical", "s", "a", "b")
                .block("vertical", "y", "b")
                .block("html", "leaf", "s")
                .build());
    }

    private final BlockStructure structure = dag();

    private int index(String type, String id) {
        return structure.indexOf(usage(type, id)).orElseThrow();
    }

    private List<String> ids(int[] blocks) {
        return Arrays.stream(blocks).mapToObj(block -> structure.key(block).id()).toList();
    }

    @Test
    void of_structure_keepsEveryBlock() {
        var view = TransformView.of(structure);

        assertThat(view.keptCount()).isEqualTo(7);
        assertThat(view.root()).isZero();
        assertThat(ids(view.children(view.root()))).containsExactly("a", "b");
    }

    @Test
    void removeBlock_withoutDescendants_removesOnlyBlocksLeftWithoutParent() {
        var view = TransformView.of(structure);

        view.removeBlock(index("chapter", "a"), /* keepDescendants= */ false);

        assertThat(ids(view.preOrder())).containsExactly("root", "b", "s", "leaf", "y");
        assertThat(ids(view.parents(index("vertical", "s")))).containsExactly("b");
    }

    @Test
    void removeBlock_bothParentsOfSharedBlock_cascadesToIt() {
        var view = TransformView.of(structure);

        view.removeBlock(index("chapter", "a"), false);
        view.removeBlock(index("chapter", "b"), false);

        assertThat(ids(view.preOrder())).containsExactly("root");
        assertThat(view.isKept(index("html", "leaf"))).isFalse();
        assertThat(view.keptCount()).isEqualTo(1);
    }

    @Test
    void removeBlock_keepingDescendants_appendsChildrenToEveryFormerParent() {
        var view = TransformView.of(structure);

        view.removeBlock(index("chapter", "a"), /* keepDescendants= */ true);

        assertThat(ids(view.children(view.root()))).containsExactly("b", "x", "s");
        assertThat(ids(view.parents(index("vertical", "s")))).containsExactly("b", "root");
        assertThat(ids(view.parents(index("vertical", "x")))).containsExactly("root");
        assertThat(ids(view.preOrder())).containsExactly("root", "b", "s", "leaf", "y", "x");
    }

    @Test
    void removeBlock_root_emptiesView() {
        var view = TransformView.of(structure);

        view.removeBlock(view.root(), true);

        assertThat(view.isEmpty()).isTrue();
        assertThat(view.keptCount()).isZero();
        assertThat(view.preOrder()).isEmpty();
        assertThat(view.topologicalOrder()).isEmpty();
    }

    @Test
    void removeBlock_anyRemoval_leavesSharedStructureUnchanged() {
        var view = TransformView.of(structure);

        view.removeBlock(index("chapter", "a"), true);
        view.removeBlock(index("chapter", "b"), false);
        view.overrideField(0, "display_name", "Changed");

        assertThat(structure.isSameAs(dag())).isTrue();
        assertThat(structure.children(0)).hasSize(2);
    }

    @Test
    void topologicalOrder_dag_visitsEachBlockAfterAllItsParents() {
        var view = TransformView.of(structure);

        var order = ids(view.topologicalOrder());

        assertThat(order).containsExactly("root", "a", "x", "b", "s", "leaf", "y");
        assertThat(ids(view.postOrder())).containsExactly("y", "leaf", "s", "b", "x", "a", "root");
    }

    @Test
    void topologicalOrder_blockWhoseParentsWereRemoved_isSkipped() {
        var view = TransformView.of(structure);
        view.removeBlock(index("chapter", "b"), false);

        view.removeBlock(index("chapter", "a"), false);

        assertThat(ids(view.topologicalOrder())).containsExactly("root");
    }

    @Test
    void preOrder_sharedBlock_listedOnceWhereFirstReached() {
        var view = TransformView.of(structure);

        assertThat(ids(view.preOrder())).containsExactly("root", "a", "x", "s", "leaf", "b", "y");
    }

    @Test
    void rootedAt_block_keepsOnlyItsSubtree() {
        var view = TransformView.rootedAt(structure, usage("chapter", "b"));

        assertThat(view.root()).isEqualTo(index("chapter", "b"));
        assertThat(ids(view.preOrder())).containsExactly("b", "s", "leaf", "y");
        assertThat(ids(view.parents(index("vertical", "s")))).containsExactly("b");
        assertThat(view.keptCount()).isEqualTo(4);
    }

    @Test
    void rootedAt_unknownBlock_throwsItemNotFoundNamingIt() {
        assertThatThrownBy(() -> TransformView.rootedAt(structure, usage("vertical", "missing")))
                .isInstanceOf(ItemNotFoundException.class)
                .hasMessageContaining("Block[" + usage("vertical", "missing") + "] is not in this course's structure["
                        + SourceCourses.COURSE + "]");
    }

    @Test
    void applyFilters_hardAndSoftRemovals_applyInOnePass() {
        var view = TransformView.of(structure);
        int a = index("chapter", "a");
        int b = index("chapter", "b");

        view.applyFilters(List.of(BlockFilter.removing(block -> block == a),
                new BlockFilter(block -> block == b, /* keepsDescendants= */ true)));

        assertThat(ids(view.children(view.root()))).containsExactly("s", "y");
        assertThat(ids(view.preOrder())).containsExactly("root", "s", "leaf", "y");
    }

    @Test
    void applyFilters_blockRemovedByHardAndSoftFilter_losesDescendants() {
        var view = TransformView.of(structure);
        int b = index("chapter", "b");

        view.applyFilters(List.of(BlockFilter.removing(block -> block == b),
                new BlockFilter(block -> block == b, /* keepsDescendants= */ true)));

        assertThat(ids(view.preOrder())).containsExactly("root", "a", "x", "s", "leaf");
    }

    @Test
    void applyFilters_eachBlock_askedOnceInTopologicalOrder() {
        var view = TransformView.of(structure);
        var asked = new ArrayList<Integer>();

        view.applyFilters(List.of(BlockFilter.removing(block -> {
            asked.add(block);
            return false;
        })));

        assertThat(asked).containsExactly(Arrays.stream(view.topologicalOrder()).boxed().toArray(Integer[]::new));
    }

    @Test
    void overrideField_value_shadowsCollectedValueForThisViewOnly() {
        var view = TransformView.of(structure);
        var other = TransformView.of(structure);

        view.overrideField(0, "display_name", "Mine");
        view.setData(0, "depth", 0);

        assertThat(view.field(0, "display_name")).isEqualTo("Mine");
        assertThat(other.field(0, "display_name")).isEqualTo("Course");
        assertThat(view.data(0, "depth")).isEqualTo(0);
        assertThat(other.data(0, "depth")).isNull();
        view.overrideField(0, "display_name", null);
        assertThat(view.field(0, "display_name")).isNull();
    }

    @Test
    void anyTopologicalOrder_afterRemovalsAndASplice_listsEachKeptBlockAfterItsKeptParents() {
        var view = TransformView.of(structure);
        view.removeBlock(index("vertical", "y"), /* keepDescendants= */ false);
        view.removeBlock(index("vertical", "s"), /* keepDescendants= */ true);

        var order = view.anyTopologicalOrder();

        assertThat(ids(order)).containsExactlyInAnyOrder("root", "a", "b", "x", "leaf");
        var position = new int[structure.size()];
        for (int i = 0; i < order.length; i++) {
            position[order[i]] = i;
        }
        for (int block : order) {
            for (int parent : view.parents(block)) {
                assertThat(position[parent]).as("parent of %s", structure.key(block)).isLessThan(position[block]);
            }
        }
    }

    @Test
    void applyFilters_parentRemovedWithoutDescendants_removesOrphanWithoutAskingAndKeepsSharedChild() {
        var view = TransformView.of(structure);
        var asked = new ArrayList<String>();
        var removeA = BlockFilter.removing(block -> {
            asked.add(structure.key(block).id());
            return block == index("chapter", "a");
        });

        view.applyFilters(List.of(removeA));

        assertThat(asked).doesNotContain("x");
        assertThat(ids(view.preOrder())).containsExactly("root", "b", "s", "leaf", "y");
    }

    @Test
    void parentSlots_afterRemoval_listRemovedParentsToo() {
        var view = TransformView.of(structure);
        int shared = index("vertical", "s");
        view.removeBlock(index("chapter", "a"), /* keepDescendants= */ false);

        assertThat(view.parentSlotCount(shared)).isEqualTo(2);
        assertThat(view.isKept(view.parentAt(shared, 0))).isFalse();
        assertThat(view.isKept(view.parentAt(shared, 1))).isTrue();
        assertThat(view.hasKeptChild(index("chapter", "b"))).isTrue();
        assertThat(view.hasKeptChild(index("vertical", "x"))).isFalse();
    }

    @Test
    void isFieldOverridden_afterOverride_isTrueForThatFieldOnly() {
        var view = TransformView.of(structure);

        view.overrideField(index("vertical", "x"), "hide_from_toc", true);

        assertThat(view.isFieldOverridden("hide_from_toc")).isTrue();
        assertThat(view.isFieldOverridden("display_name")).isFalse();
    }
}
