package io.strata.domain.structure;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FieldValuesTest {
    @Test
    void longs_values_equalsListOfBoxedLongsWithSameHash() {
        var longs = FieldValues.longs(new long[] {3, 700, -1});

        assertThat(longs).isEqualTo(List.of(3L, 700L, -1L)).hasSameHashCodeAs(List.of(3L, 700L, -1L));
        assertThat(List.of(3L, 700L, -1L)).isEqualTo(longs);
        assertThat(longs.get(1)).isEqualTo(700L);
    }

    @Test
    void longs_add_throwsUnsupported() {
        var longs = FieldValues.longs(new long[] {1});

        assertThatThrownBy(() -> longs.add(2L)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> longs.set(0, 2L)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void freeze_longList_keepsEqualValues() {
        var frozen = FieldValues.freeze(FieldValues.longs(new long[] {5, 6}));

        assertThat(frozen).isEqualTo(List.of(5L, 6L));
    }
}
