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

    private static BlockStructure builderDiamond() {
        var builder = BlockStructure.builder(COURSE, "v", key("course"));
        int a = builder.addBlock(key("a"));
        int b = builder.addBlock(key("b"));
        int c = builder.addBlock(key("c"));
        builder.addChild(0, a).addChild(0, b).addChild(a, c).addChild(b, c);
        return builder.build();
    }

    private static BlockStructure assemble(UsageKey[] keys, int[][] children, int[][] parents) {
        var fields = new ArrayList<Map<String, Object>>();
        for (int i = 0; i < keys.length; i++) {
            fields.add(FieldMap.empty());
        }
        return BlockStructure.assemble(COURSE, "v", keys, children, parents, fields,
                new HashMap<String, List<Map<String, Object>>>(), new TreeMap<>());
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
