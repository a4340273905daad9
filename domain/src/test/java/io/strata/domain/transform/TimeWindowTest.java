package io.strata.domain.transform;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TimeWindowTest {
    private static final Instant ONE = Instant.parse("2026-03-01T00:00:00Z");
    private static final Instant TWO = Instant.parse("2026-03-02T00:00:00Z");
    private static final Instant THREE = Instant.parse("2026-03-03T00:00:00Z");

    @Test
    void contains_fromIncludedUntilExcluded() {
        var window = new TimeWindow(ONE, TWO);

        assertThat(window.contains(ONE.minusNanos(1))).isFalse();
        assertThat(window.contains(ONE)).isTrue();
        assertThat(window.contains(TWO.minusNanos(1))).isTrue();
        assertThat(window.contains(TWO)).isFalse();
    }

    @Test
    void contains_always_holdsEveryMoment() {
        assertThat(TimeWindow.ALWAYS.contains(Instant.MIN)).isTrue();
        assertThat(TimeWindow.ALWAYS.contains(ONE)).isTrue();
    }

    @Test
    void intersect_overlappingWindows_keepsTheCommonPart() {
        assertThat(new TimeWindow(ONE, THREE).intersect(new TimeWindow(TWO, Instant.MAX)))
                .isEqualTo(new TimeWindow(TWO, THREE));
    }

    @Test
    void intersect_disjointWindows_isEmpty() {
        var window = new TimeWindow(ONE, TWO).intersect(new TimeWindow(THREE, Instant.MAX));

        assertThat(window.contains(ONE)).isFalse();
        assertThat(window.contains(TWO)).isFalse();
        assertThat(window.contains(THREE)).isFalse();
    }

    @Test
    void new_fromAfterUntil_isRefused() {
        assertThatThrownBy(() -> new TimeWindow(TWO, ONE)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("from[2026-03-02T00:00:00Z] must not be after until[2026-03-01T00:00:00Z]");
    }
}
