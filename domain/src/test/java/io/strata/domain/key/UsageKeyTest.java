package io.strata.domain.key;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UsageKeyTest {
    private static final String V1 = "block-v1:edX+DemoX+Demo_Course+type@vertical+block@unit_1";

    @Test
    void parse_blockV1_roundTrips() {
        var key = UsageKey.parse(V1);

        assertThat(key.course()).isEqualTo(CourseKey.of("edX", "DemoX", "Demo_Course"));
        assertThat(key.type()).isEqualTo("vertical");
        assertThat(key.id()).isEqualTo("unit_1");
        assertThat(key).hasToString(V1);
    }

    @Test
    void parse_i4x_roundTripsAndMatchesAnyRun() {
        var key = UsageKey.parse("i4x://MITx/6.002x/problem/Sample_Problem");

        assertThat(key.type()).isEqualTo("problem");
        assertThat(key.id()).isEqualTo("Sample_Problem");
        assertThat(key).hasToString("i4x://MITx/6.002x/problem/Sample_Problem");
        assertThat(key.isIn(CourseKey.parse("MITx/6.002x/2012_Fall"))).isTrue();
        assertThat(key.isIn(CourseKey.parse("MITx/6.003x/2012_Fall"))).isFalse();
    }

    @Test
    void parse_idWithColon_keepsIt() {
        var key = UsageKey.parse("block-v1:A+B+C+type@html+block@secret:magic");

        assertThat(key.id()).isEqualTo("secret:magic");
    }

    @Test
    void isIn_otherRun_isFalse() {
        var key = UsageKey.parse(V1);

        assertThat(key.isIn(CourseKey.of("edX", "DemoX", "Demo_Course"))).isTrue();
        assertThat(key.isIn(CourseKey.of("edX", "DemoX", "Other"))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "block-v1:A+B+C", "block-v1:A+B+C+type@+block@x", "block-v1:A+B+C+type@html+block@",
            "block-v1:A+B+type@html+block@x", "block-v1:A+B+C+type@html+block@a b", "i4x://A/B/html",
            "i4x://A/B/html/../x", "course-v1:A+B+C", "html@x"})
    void parse_badInput_throwsInvalidKeyNamingIt(String text) {
        assertThatThrownBy(() -> UsageKey.parse(text))
                .isInstanceOf(InvalidKeyException.class)
                .hasMessageContaining("[" + text + "]");
    }

    @Test
    void constructor_badType_throwsInvalidKey() {
        assertThatThrownBy(() -> new UsageKey(CourseKey.of("A", "B", "C"), "ht/ml", "x"))
                .isInstanceOf(InvalidKeyException.class)
                .hasMessageContaining("type[ht/ml]");
    }

    @Test
    void constructor_everyAllowedCharacter_isAccepted() {
        var id = "azAZ09_.~:-";

        assertThat(new UsageKey(CourseKey.of("A", "B", "C"), "html", id).id()).isEqualTo(id);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a/b", "a@b", "a+b", "a b", "caf\u00e9", "a[b", "a`b", "a{b", "a\tb", "a!b", "a;b"})
    void constructor_characterNextToAllowedRanges_throwsInvalidKey(String id) {
        assertThatThrownBy(() -> new UsageKey(CourseKey.of("A", "B", "C"), "html", id))
                .isInstanceOf(InvalidKeyException.class)
                .hasMessageContaining("id[");
    }
}
