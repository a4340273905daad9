package io.strata.domain.structure;

import io.strata.domain.key.CourseKey;
import io.strata.domain.key.UsageKey;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BlockStructureAssembleTest {
    private static final CourseKey COURSE = CourseKey.parse("course-v1:StrataX+A1+2026");

    @Test
    void assemble_diamond_equalsBuilderResult() {
        var built = builderDiamond();

        var assembled = assemble(keys("course", "a", "b", "c"), new int[][] {{1, 2}, {3}, {3}, {}},
                new int[][] {{}, {0}, {0}, {1, 2}});

        assertThat(assembled.isSameAs(built)).isTrue();
        assertThat(assembled.indexOf(key("c"))).hasValue(3);
    }

    @Test
    void assemble_cycle_throwsNamingBlock() {
        assertThatThrownBy(() -> assemble(keys("course", "a", "b"), new int[][] {{1}, {2}, {1}},
                new int[][] {{}, {0, 2}, {1}}))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("is its own ancestor");
    }

    @Test
    void assemble_unreachableBlock_throwsNamingBlock() {
        assertThatThrownBy(() -> assemble(keys("course", "a", "b"), new int[][] {{1}, {}, {}},
                new int[][] {{}, {0}, {}}))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("vertical+block@b] is not reachable from the root");
    }

    @Test
    void assemble_parentsDisagreeWithChildren_throws() {
        assertThatThrownBy(() -> assemble(keys("course", "a", "b"), new int[][] {{1, 2}, {}, {}},
                new int[][] {{}, {0}, {1}}))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("names a parent that does not list it");
    }

    @Test
    void assemble_childListedTwice_throws() {
        assertThatThrownBy(() -> assemble(keys("course", "a"), new int[][] {{1, 1}, {}},
                new int[][] {{}, {0, 0}}))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("is listed twice");
    }

    @Test
    void assemble_duplicateKey_throws() {
        assertThatThrownBy(() -> assemble(keys("course", "a", "a"), new int[][] {{1, 2}, {}, {}},
                new int[][] {{}, {0}, {0}}))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("appears twice");
    }

    @Test
    void assemble_flatColumnsAndRelations_equalsBuilderResult() {
        var built = builderDiamond();
        var keys = BlockKeys.of(new CourseKey[] {COURSE}, new int[4], new String[] {"course", "vertical", "vertical",
                "vertical"}, new String[] {"course", "a", "b", "c"});
        var relations = Relations.of(new int[] {0, 2, 3, 4, 4}, new int[] {1, 2, 3, 3}, new int[] {0, 0, 1, 2, 4},
                new int[] {0, 0, 1, 2});

        var assembled = BlockStructure.assemble(COURSE, "v", keys, relations, emptyFields(4), new HashMap<>(),
                new TreeMap<>());

        assertThat(assembled.isSameAs(built)).isTrue();
        assertThat(assembled.key(3)).isEqualTo(key("c"));
        assertThat(assembled.parents(3)).containsExactly(1, 2);
    }

    @Test
    void key_assembledStructure_makesOneKeyPerBlock() {
        var assembled = assemble(keys("course", "a"), new int[][] {{1}, {}}, new int[][] {{}, {0}});

        var first = assembled.key(1);

        assertThat(first).isEqualTo(key("a"));
        assertThat(assembled.key(1)).isSameAs(first);
        assertThat(assembled.type(1)).isEqualTo("vertical");
        assertThat(assembled.id(1)).isEqualTo("a");
        assertThat(assembled.course(1)).isEqualTo(COURSE);
    }

    @Test
    void assemble_parentsInAnotherOrder_keepsThatOrder() {
        var assembled = assemble(keys("course", "a", "b", "c"), new int[][] {{1, 2}, {3}, {3}, {}},
                new int[][] {{}, {0}, {0}, {2, 1}});

        assertThat(assembled.parents(3)).containsExactly(2, 1);
        assertThat(assembled.parent(3, 0)).isEqualTo(2);
    }

    @Test
    void child_positionPastTheBlocksChildren_throwsIndexOutOfBounds() {
        var assembled = assemble(keys("course", "a", "b"), new int[][] {{1}, {2}, {}}, new int[][] {{}, {0}, {1}});

        assertThatThrownBy(() -> assembled.child(0, 1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> assembled.parent(1, 1)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void blockKeysOf_invalidId_throwsNamingBlock() {
        assertThatThrownBy(() -> BlockKeys.of(new CourseKey[] {COURSE}, new int[2], new String[] {"course", "html"},
                new String[] {"course", "a b"}))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("Block[1] has an invalid id[a b]");
    }

    @Test
    void blockKeysOf_invalidTypeAfterValidOnes_throwsNamingBlock() {
        assertThatThrownBy(() -> BlockKeys.of(new CourseKey[] {COURSE}, new int[3],
                new String[] {"course", "html", "bad+type"}, new String[] {"course", "a", "b"}))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("Block[2] has an invalid type[bad+type]");
    }

    @Test
    void blockKeysOf_courseIndexOutOfRange_throws() {
        assertThatThrownBy(() -> BlockKeys.of(new CourseKey[] {COURSE}, new int[] {0, 1},
                new String[] {"course", "html"}, new String[] {"course", "a"}))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("Block[1] has course index[1], expected 0..0");
    }

    @Test
    void relationsFromChildren_parentOrder_keepsItAndDerivesTheOthers() {
        var relations = Relations.fromChildren(new int[] {0, 2, 3, 4, 4}, new int[] {1, 2, 3, 3}, new int[] {3},
                new int[][] {{2, 1}});
        var keys = BlockKeys.of(new CourseKey[] {COURSE}, new int[4], new String[] {"course", "vertical", "vertical",
                "vertical"}, new String[] {"course", "a", "b", "c"});

        var assembled = BlockStructure.assemble(COURSE, "v", keys, relations, emptyFields(4), new HashMap<>(),
                new TreeMap<>());

        assertThat(assembled.parents(3)).containsExactly(2, 1);
        assertThat(assembled.parents(1)).containsExactly(0);
        assertThat(assembled.parentCount(0)).isZero();
    }

    @Test
    void relationsFromChildren_parentOrderWithAnotherParent_throws() {
        assertThatThrownBy(() -> Relations.fromChildren(new int[] {0, 2, 3, 4, 4}, new int[] {1, 2, 3, 3},
                new int[] {3}, new int[][] {{2, 0}}))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("Parent order of block[3] does not match its parents");
    }

    @Test
    void relationsFromChildren_childIndexOutOfRange_throws() {
        assertThatThrownBy(() -> Relations.fromChildren(new int[] {0, 1, 1}, new int[] {2}, new int[0],
                new int[0][]))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("Child index[2] is the root or out of range");
    }

    @Test
    void relationsOf_offsetsGoingDown_throws() {
        assertThatThrownBy(() -> Relations.of(new int[] {0, 2, 1, 2}, new int[] {1, 2}, new int[] {0, 0, 1, 2},
                new int[] {0, 0}))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("The child offsets of block[1] go down");
    }

    @Test
    void relationsOf_offsetsNotEndingAtTheTargets_throws() {
        assertThatThrownBy(() -> Relations.of(new int[] {0, 1, 1}, new int[] {1, 1}, new int[] {0, 0, 1},
                new int[] {0}))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("The child offsets run from 0 to 1, expected 0 to 2");
    }

    private static BlockStructure builderDiamond() {
        var builder = BlockStructure.builder(COURSE, "v", key("course"));
        int a = builder.addBlock(key("a"));
        int b = builder.addBlock(key("b"));
        int c = builder.addBlock(key("c"));
        builder.addChild(0, a).addChild(0, b).addChild(a, c).addChild(b, c);
        return builder.build();
    }

    private static BlockStructure assemble(UsageKey[] keys, int[][] children, int[][] parents) {
        return BlockStructure.assemble(COURSE, "v", keys, children, parents, emptyFields(keys.length),
                new HashMap<String, List<Map<String, Object>>>(), new TreeMap<>());
    }

    private static List<Map<String, Object>> emptyFields(int blocks) {
        var fields = new ArrayList<Map<String, Object>>();
        for (int i = 0; i < blocks; i++) {
            fields.add(FieldMap.empty());
        }
        return fields;
    }

    private static UsageKey[] keys(String... ids) {
        var keys = new UsageKey[ids.length];
        for (int i = 0; i < ids.length; i++) {
            keys[i] = key(ids[i]);
        }
        return keys;
    }

    private static UsageKey key(String id) {
        return new UsageKey(COURSE, id.equals("course") ? "course" : "vertical", id);
    }
}
