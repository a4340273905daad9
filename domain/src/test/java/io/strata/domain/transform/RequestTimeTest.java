package io.strata.domain.transform;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RequestTimeTest {
    private static final Instant NOW = Instant.parse("2026-03-01T00:00:00Z");
    private static final Instant EARLIER = NOW.minusSeconds(3600);
    private static final Instant LATER = NOW.plusSeconds(3600);

    @Test
    void window_noComparison_isAlways() {
        assertThat(new RequestTime(NOW).window()).isEqualTo(TimeWindow.ALWAYS);
    }

    @Test
    void isAfter_earlierMoment_isTrueFromTheNanosecondAfterIt() {
        var time = new RequestTime(NOW);

        boolean isAfter = time.isAfter(EARLIER);

        assertThat(isAfter).isTrue();
        assertThat(time.window()).isEqualTo(new TimeWindow(EARLIER.plusNanos(1), Instant.MAX));
    }

    @Test
    void isAfter_laterOrSameMoment_isFalseUntilTheNanosecondAfterIt() {
        var time = new RequestTime(NOW);

        boolean isAfterLater = time.isAfter(LATER);
        boolean isAfterNow = time.isAfter(NOW);

        assertThat(isAfterLater).isFalse();
        assertThat(isAfterNow).isFalse();
        assertThat(time.window()).isEqualTo(new TimeWindow(Instant.MIN, NOW.plusNanos(1)));
    }

    @Test
    void isBefore_laterMoment_isTrueUntilIt() {
        var time = new RequestTime(NOW);

        boolean isBefore = time.isBefore(LATER);

        assertThat(isBefore).isTrue();
        assertThat(time.window()).isEqualTo(new TimeWindow(Instant.MIN, LATER));
    }

    @Test
    void isBefore_sameMoment_isFalseFromIt() {
        var time = new RequestTime(NOW);

        boolean isBefore = time.isBefore(NOW);

        assertThat(isBefore).isFalse();
        assertThat(time.window()).isEqualTo(new TimeWindow(NOW, Instant.MAX));
    }

    @Test
    void window_severalComparisons_keepsTheClosestBoundaryOnEachSide() {
        var time = new RequestTime(NOW);

        time.isAfter(EARLIER.minusSeconds(60));
        time.isBefore(EARLIER);
        time.isAfter(LATER);
        time.isBefore(LATER.minusSeconds(60));
        time.isAfter(LATER.plusSeconds(60));

        assertThat(time.window()).isEqualTo(new TimeWindow(EARLIER, LATER.minusSeconds(60)));
        assertThat(time.window().contains(NOW)).isTrue();
    }

    @Test
    void window_anyComparison_givesTheSameOutcomeInsideAndAnotherJustOutside() {
        var moments = new Instant[] {EARLIER, NOW, LATER};
        for (var moment : moments) {
            var time = new RequestTime(NOW);
            boolean after = time.isAfter(moment);
            boolean before = time.isBefore(moment);
            var window = time.window();

            var inside = new ArrayList<>(List.of(NOW));
            var outside = new ArrayList<Instant>();
            if (!window.from().equals(Instant.MIN)) {
                inside.add(window.from());
                outside.add(window.from().minusNanos(1));
            }
            if (!window.until().equals(Instant.MAX)) {
                inside.add(window.until().minusNanos(1));
                outside.add(window.until());
            }

            for (var probe : inside) {
                var other = new RequestTime(probe);
                assertThat(other.isAfter(moment)).as("isAfter %s at %s", moment, probe).isEqualTo(after);
                assertThat(other.isBefore(moment)).as("isBefore %s at %s", moment, probe).isEqualTo(before);
            }
            for (var probe : outside) {
                var other = new RequestTime(probe);
                assertThat(other.isAfter(moment) != after || other.isBefore(moment) != before)
                        .as("an outcome changes at %s for %s", probe, moment).isTrue();
            }
        }
    }
}
