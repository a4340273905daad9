package io.strata.domain.transform;

import io.strata.domain.structure.BlockStructure;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.IntPredicate;

import static io.strata.domain.transform.SourceCourses.usage;
import static org.assertj.core.api.Assertions.assertThat;

/** Checks the filtered traversals and per-request fields against Open edX's rules on a small DAG. */
class TransformViewTraversalTest {
    private static final TransformerRegistry NO_TRANSFORMERS = new TransformerRegistry(List.of());
    private static final int ROUNDS = 2_000;

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
    private final TransformView view = TransformView.of(structure);

    @Test
    void topologicalTraversal_acceptAll_visitsEveryBlockAfterAllItsParents() {
        var order = ids(view.topologicalTraversal(block -> true, false));

        assertThat(order).containsExactly("root", "a", "x", "b", "s", "leaf", "y");
        assertThat(order.indexOf("s")).isGreaterThan(order.indexOf("a")).isGreaterThan(order.indexOf("b"));
    }

    @Test
    void topologicalTraversal_oneParentOfSharedBlockRejected_keepsSharedBlockDropsExclusiveSubtree() {
        var order = ids(view.topologicalTraversal(rejecting("a"), false));

        assertThat(order).containsExactly("root", "b", "s", "leaf", "y");
    }

    @Test
    void topologicalTraversal_everyParentRejected_skipsBlockAndItsSubtree() {
        var order = ids(view.topologicalTraversal(rejecting("a", "b"), false));

        assertThat(order).containsExactly("root");
    }

    @Test
    void topologicalTraversal_visitingDescendantsOfRejected_yieldsEveryAcceptedBlock() {
        var order = ids(view.topologicalTraversal(rejecting("a", "b"), true));

        assertThat(order).containsExactly("root", "x", "s", "leaf", "y");
    }

    @Test
    void topologicalTraversal_sharedBlockRejected_skipsItsChild() {
        var order = ids(view.topologicalTraversal(rejecting("s"), false));

        assertThat(order).containsExactly("root", "a", "x", "b", "y");
    }

    @Test
    void topologicalTraversal_removedBlocks_areNeverConsidered() {
        var asked = new ArrayList<String>();
        view.removeBlock(index("chapter", "a"), /* keepDescendants= */ false);

        var order = ids(view.topologicalTraversal(block -> asked.add(structure.key(block).id()), true));

        assertThat(order).containsExactly("root", "b", "s", "leaf", "y");
        assertThat(asked).containsExactlyElementsOf(order);
    }

    @Test
    void postOrderTraversal_acceptAll_listsChildrenBeforeParentsEachBlockOnce() {
        var order = ids(view.postOrderTraversal(block -> true));

        assertThat(order).containsExactly("x", "leaf", "s", "a", "y", "b", "root");
    }

    @Test
    void postOrderTraversal_rejectedBlock_dropsWhatOnlyItReaches() {
        var order = ids(view.postOrderTraversal(rejecting("a")));

        assertThat(order).containsExactly("leaf", "s", "y", "b", "root");
    }

    @Test
    void postOrderTraversal_rootRejected_listsNothing() {
        assertThat(view.postOrderTraversal(rejecting("root"))).isEmpty();
    }

    @Test
    void removeBlock_keepingDescendantsOfSharedBlock_appendsLeafToBothFormerParents() {
        view.removeBlock(index("vertical", "s"), /* keepDescendants= */ true);

        assertThat(ids(view.children(index("chapter", "a")))).containsExactly("x", "leaf");
        assertThat(ids(view.children(index("chapter", "b")))).containsExactly("y", "leaf");
        assertThat(ids(view.parents(index("html", "leaf")))).containsExactly("a", "b");
        assertThat(ids(view.topologicalOrder())).containsExactly("root", "a", "x", "b", "y", "leaf");
    }

    @Test
    void removeBlock_oneParentOfSharedBlock_keepsSharedBlockUnderOther() {
        view.removeBlock(index("chapter", "b"), /* keepDescendants= */ false);

        assertThat(ids(view.preOrder())).containsExactly("root", "a", "x", "s", "leaf");
    }

    @Test
    void field_missingField_returnsDefault() {
        int leaf = index("html", "leaf");

        assertThat(view.field(leaf, "visible_to_staff_only", Boolean.FALSE)).isFalse();
        assertThat(view.field(0, "display_name", "none")).isEqualTo("Course");
        view.overrideField(0, "display_name", null);
        assertThat(view.field(0, "display_name", "none")).isEqualTo("none");
    }

    @Test
    void overrideField_twoRequestsConcurrently_neitherSeesTheOtherNorChangesTheStructure() throws Exception {
        var executor = Executors.newFixedThreadPool(2);
        var start = new CountDownLatch(1);
        Callable<Integer> first = () -> overrideRepeatedly(start, "First");
        Callable<Integer> second = () -> overrideRepeatedly(start, "Second");

        var results = List.of(executor.submit(first), executor.submit(second));
        start.countDown();
        executor.shutdown();

        assertThat(executor.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        assertThat(results.get(0).get()).isEqualTo(ROUNDS);
        assertThat(results.get(1).get()).isEqualTo(ROUNDS);
        assertThat(structure.field(0, "display_name")).isEqualTo("Course");
        assertThat(structure.isSameAs(dag())).isTrue();
    }

    /** Returns how many rounds saw only this request's own override and removal, and the shared value unchanged. */
    @Test
    void pruneUnreachable_parentMarkedRemovedWithoutCascade_removesItsExclusiveSubtreeOnly() {
        view.removed().set(index("chapter", "a"));
        assertThat(view.keptCount()).isEqualTo(6);
        assertThat(view.preOrder()).hasSize(5);

        view.pruneUnreachable();

        assertThat(view.keptCount()).isEqualTo(5).isEqualTo(view.preOrder().length);
        assertThat(view.isKept(index("vertical", "x"))).isFalse();
        assertThat(view.isKept(index("vertical", "s"))).isTrue();
        assertThat(ids(view.preOrder())).containsExactly("root", "b", "s", "leaf", "y");
    }

    @Test
    void pruneUnreachable_everyParentOfSharedBlockMarkedRemoved_leavesOnlyTheRoot() {
        view.removed().set(index("chapter", "a"));
        view.removed().set(index("chapter", "b"));

        view.pruneUnreachable();

        assertThat(view.keptCount()).isEqualTo(1);
        assertThat(ids(view.preOrder())).containsExactly("root");
        assertThat(view.isKept(index("html", "leaf"))).isFalse();
    }

    @Test
    void pruneUnreachable_everyBlockReachable_removesNothing() {
        view.removeBlock(index("chapter", "a"), /* keepDescendants= */ true);
        var before = ids(view.preOrder());

        view.pruneUnreachable();

        assertThat(view.keptCount()).isEqualTo(6);
        assertThat(ids(view.preOrder())).isEqualTo(before).containsExactly("root", "b", "s", "leaf", "y", "x");
    }

    private int overrideRepeatedly(CountDownLatch start, String name) throws InterruptedException {
        start.await();
        int clean = 0;
        for (int i = 0; i < ROUNDS; i++) {
            var own = TransformView.of(structure);
            own.overrideField(0, "display_name", name + i);
            own.removeBlock(index(name.equals("First") ? "chapter" : "vertical", name.equals("First") ? "a" : "y"),
                    /* keepDescendants= */ true);
            boolean onlyOwn = own.field(0, "display_name").equals(name + i)
                    && structure.field(0, "display_name").equals("Course")
                    && structure.children(0).length == 2 && own.keptCount() == 6;
            clean += onlyOwn ? 1 : 0;
        }
        return clean;
    }

    private IntPredicate rejecting(String... ids) {
        var rejected = Set.of(ids);
        return block -> !rejected.contains(structure.key(block).id());
    }

    private int index(String type, String id) {
        return structure.indexOf(usage(type, id)).orElseThrow();
    }

    private List<String> ids(int[] blocks) {
        return Arrays.stream(blocks).mapToObj(block -> structure.key(block).id()).toList();
    }
}
