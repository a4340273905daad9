package io.strata.app.scale;

import io.strata.adapters.olx.OlxCourseSource;
import io.strata.adapters.olx.OlxCourseSourceConfig;
import io.strata.domain.codec.StructureCodec;
import io.strata.domain.key.UsageKey;
import io.strata.domain.structure.BlockStructure;
import io.strata.domain.transform.TransformOptions;
import io.strata.domain.transform.TransformView;
import io.strata.domain.transform.TransformerRegistry;
import io.strata.domain.transform.UserContext;
import io.strata.domain.transform.standard.UserPartition;
import io.strata.domain.transform.standard.UserPartitionTransformer;
import io.strata.ports.CourseRole;
import io.strata.ports.ItemNotFoundException;
import io.strata.ports.LearnerRecord;
import io.strata.testkit.SharedCourses;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

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
        assertThat(postOrder).hasSize(structure.size()).doesNotHaveDuplicates();
        assertEveryBlockAfter(structure, topological, /* parentsFirst= */ true);
        assertEveryBlockAfter(structure, postOrder, /* parentsFirst= */ false);
        assertEveryBlockAfter(structure, view.postOrder(), /* parentsFirst= */ false);
        assertThat(view.topologicalTraversal(block -> true, false)).containsExactly(topological);
    }

    @ParameterizedTest
    @ValueSource(strings = {"demo-course", "edx-xml-dag"})
    void assertEveryBlockAfter_orderOfTheOtherKind_fails(String folder) {
        var structure = collect(folder);
        var view = TransformView.of(structure);

        assertThatThrownBy(() -> assertEveryBlockAfter(structure, view.postOrderTraversal(block -> true),
                /* parentsFirst= */ true)).isInstanceOf(AssertionError.class).hasMessageContaining("before its parent");
        assertThatThrownBy(() -> assertEveryBlockAfter(structure, view.topologicalOrder(), /* parentsFirst= */ false))
                .isInstanceOf(AssertionError.class).hasMessageContaining("before its child");
    }

    @ParameterizedTest
    @ValueSource(strings = {"demo-course", "openedx-test-course", "dartmouthx-engx", "dhis2-data-analysis", "edx-toy",
        "edx-xml-dag"})
    void transform_severalLearnersAndMoments_keepsOnlyBlocksReachableFromTheRoot(String folder) {
        var structure = collect(folder);
        var partitions = UserPartitionTransformer.partitionsOf(structure);
        var options = List.of(TransformOptions.none(), TransformOptions.none().withHidesAccessDenials(true),
                new TransformOptions(Optional.empty(), Optional.of(2), Optional.of(3), Set.of("problem")));
        int checked = 0;

        for (var now : List.of(Instant.parse("2013-06-01T00:00:00Z"), Instant.parse("2026-06-01T00:00:00Z"))) {
            var users = List.of(UserContext.anonymous(now), user("staff", Set.of(CourseRole.STAFF), "audit",
                    partitions, 0, now), user("audit_learner", Set.of(), "audit", partitions, 0, now),
                    user("verified_learner", Set.of(), "verified", partitions, 1, now),
                    user("beta_tester", Set.of(CourseRole.BETA_TESTER), "audit", partitions, 1, now));
            for (var user : users) {
                for (var option : options) {
                    var view = REGISTRY.transform(structure, user, option);

                    assertThat(view.keptCount()).as("%s for %s with %s", folder, user.username(), option)
                            .isEqualTo(view.preOrder().length);
                    assertEveryKeptBlockHasAKeptParent(view);
                    checked += view.keptCount();
                }
            }
        }
        assertThat(checked).isGreaterThan(structure.size());
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

    /** Fails unless each block of the order comes after all its parents (parentsFirst) or all its children. */
    private static void assertEveryBlockAfter(BlockStructure structure, int[] order, boolean parentsFirst) {
        var seen = new BitSet(structure.size());
        for (int block : order) {
            for (int other : parentsFirst ? structure.parents(block) : structure.children(block)) {
                if (!seen.get(other)) {
                    fail("Block[%s] came before its %s[%s]", structure.key(block), parentsFirst ? "parent" : "child",
                            structure.key(other));
                }
            }
            seen.set(block);
        }
    }

    private static void assertEveryKeptBlockHasAKeptParent(TransformView view) {
        for (int block = 0; block < view.structure().size(); block++) {
            if (view.isKept(block) && block != view.root()) {
                assertThat(view.parents(block)).as("kept parents of %s", view.key(block)).isNotEmpty();
            }
        }
    }

    /** Returns a learner in the given group (by position) of every partition that has one. */
    private static UserContext user(String username, Set<CourseRole> roles, String mode,
            List<UserPartition> partitions, int group, Instant now) {
        var groups = new HashMap<Long, Long>();
        for (var partition : partitions) {
            if (partition.groups().size() > group) {
                groups.put(partition.id(), partition.groups().get(group).id());
            }
        }
        return UserContext.of(new LearnerRecord(username, roles, Optional.of(mode), true, Optional.empty(), groups,
                Map.of()), now);
    }

    private static BlockStructure collect(String folder) {
        var path = SharedCourses.folder().resolve(folder);
        var source = new OlxCourseSource(OlxCourseSourceConfig.of(path));
        return REGISTRY.collect(source.read(source.listCourses().courseKeys().get(0)));
    }
}
