package io.strata.domain.structure;

import io.strata.domain.key.CourseKey;
import io.strata.domain.key.UsageKey;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BlockStructureBuilderTest {
    private static final CourseKey COURSE = CourseKey.of("StrataX", "T101", "2026");

    private static UsageKey key(String type, String id) {
        return new UsageKey(COURSE, type, id);
    }

    @Test
    void build_dag_keepsChildrenOrderAndParents() {
        var builder = BlockStructure.builder(COURSE, "v1", key("course", "c"));
        int first = builder.addBlock(key("chapter", "a"));
        int second = builder.addBlock(key("chapter", "b"));
        int shared = builder.addBlock(key("vertical", "s"));
        builder.addChild(0, second).addChild(0, first).addChild(first, shared).addChild(second, shared);

        var structure = builder.build();

        assertThat(structure.children(0)).containsExactly(second, first);
        assertThat(structure.parents(shared)).containsExactly(first, second);
        assertThat(structure.indexOf(key("vertical", "s"))).hasValue(shared);
    }

    @Test
    void build_cycle_throwsNamingBlock() {
        var builder = BlockStructure.builder(COURSE, "v1", key("course", "c"));
        int a = builder.addBlock(key("chapter", "a"));
        int b = builder.addBlock(key("sequential", "b"));
        builder.addChild(0, a).addChild(a, b).addChild(b, a);

        assertThatThrownBy(builder::build)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("is its own ancestor");
    }

    @Test
    void build_unreachableBlock_throwsNamingIt() {
        var builder = BlockStructure.builder(COURSE, "v1", key("course", "c"));
        builder.addBlock(key("chapter", "orphan"));

        assertThatThrownBy(builder::build)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("chapter+block@orphan")
                .hasMessageContaining("not reachable");
    }

    @Test
    void addChild_rootAsChild_throws() {
        var builder = BlockStructure.builder(COURSE, "v1", key("course", "c"));
        int a = builder.addBlock(key("chapter", "a"));

        assertThatThrownBy(() -> builder.addChild(a, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void addChild_twice_throws() {
        var builder = BlockStructure.builder(COURSE, "v1", key("course", "c"));
        int a = builder.addBlock(key("chapter", "a"));
        builder.addChild(0, a);

        assertThatThrownBy(() -> builder.addChild(0, a)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void build_fieldsAndData_areFrozen() {
        var builder = BlockStructure.builder(COURSE, "v1", key("course", "c"));
        builder.setField(0, "tags", List.of("x")).setTransformerData("t", 0, "n", 3);

        var structure = builder.build();

        assertThat(structure.transformerData("t", 0, "n")).isEqualTo(3L);
        assertThatThrownBy(() -> structure.fields(0).put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
    }
}
