package io.strata.domain.structure;

import io.strata.domain.key.CourseKey;
import io.strata.domain.key.UsageKey;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BlockStructureDerivedTest {
    private static final CourseKey COURSE = CourseKey.parse("course-v1:edX+DemoX+2024");
    private static final Object KEY = new Object();

    private final BlockStructure structure = BlockStructure.builder(COURSE, "v1",
            new UsageKey(COURSE, "course", "course")).build();

    @Test
    void derived_askedTwice_computesOnceAndSharesTheResult() {
        var calls = new AtomicInteger();

        var first = structure.derived(KEY, s -> new int[] {calls.incrementAndGet()});
        var second = structure.derived(KEY, s -> new int[] {calls.incrementAndGet()});

        assertThat(second).isSameAs(first);
        assertThat(calls).hasValue(1);
    }

    @Test
    void derived_derivationAsksForAnotherKey_computesBoth() {
        var other = new Object();

        String result = structure.derived(KEY, s -> s.derived(other, t -> "inner") + "+outer");

        assertThat(result).isEqualTo("inner+outer");
        assertThat(structure.<String>derived(other, t -> "again")).isEqualTo("inner");
    }

    @Test
    void derived_derivationReturnsNull_throwsNullPointer() {
        assertThatThrownBy(() -> structure.derived(KEY, s -> null))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("derivation returned null");
    }

    @Test
    void indexOf_manyBlocks_findsEachAndNothingElse() {
        var builder = BlockStructure.builder(COURSE, "v1", new UsageKey(COURSE, "course", "course"));
        for (int i = 0; i < 500; i++) {
            builder.addChild(0, builder.addBlock(new UsageKey(COURSE, i % 2 == 0 ? "html" : "problem", "b" + i)));
        }
        var large = builder.build();

        for (int block = 0; block < large.size(); block++) {
            assertThat(large.indexOf(large.key(block))).hasValue(block);
        }
        assertThat(large.indexOf(new UsageKey(COURSE, "problem", "b0"))).isEmpty();
        assertThat(large.indexOf(new UsageKey(CourseKey.parse("course-v1:edX+Other+2024"), "html", "b0"))).isEmpty();
    }
}
