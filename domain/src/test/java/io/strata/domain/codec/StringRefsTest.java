package io.strata.domain.codec;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StringRefsTest {
    @Test
    void refOf_manyMoreStringsThanExpected_keepsFirstRefsAndOrder() {
        var refs = new StringRefs(2);

        for (int i = 0; i < 1000; i++) {
            assertThat(refs.refOf("s" + i)).isEqualTo(i);
        }

        assertThat(refs.size()).isEqualTo(1000);
        assertThat(refs.refOf("s0")).isZero();
        assertThat(refs.refOf(new String("s999"))).isEqualTo(999);
        assertThat(refs.text(500)).isEqualTo("s500");
    }

    @Test
    void refOf_stringsWithEqualHashes_getDistinctRefs() {
        var refs = new StringRefs(8);

        // "Aa" and "BB" have the same String.hashCode().
        int first = refs.refOf("Aa");
        int second = refs.refOf("BB");

        assertThat(first).isNotEqualTo(second);
        assertThat(refs.refOf("BB")).isEqualTo(second);
        assertThat(refs.refOf("Aa")).isEqualTo(first);
    }
}
