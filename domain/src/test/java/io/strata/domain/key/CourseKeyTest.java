package io.strata.domain.key;

import io.strata.ports.InputRejectedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CourseKeyTest {
    @Test
    void parse_courseV1_keepsPartsAndFormats() {
        var key = CourseKey.parse("course-v1:edX+DemoX+Demo_Course");

        assertThat(key).isEqualTo(CourseKey.of("edX", "DemoX", "Demo_Course"));
        assertThat(key.isDeprecated()).isFalse();
        assertThat(key).hasToString("course-v1:edX+DemoX+Demo_Course");
    }

    @Test
    void parse_oldForm_keepsItsForm() {
        var key = CourseKey.parse("MITx/6.002x/2012_Fall");

        assertThat(key.org()).isEqualTo("MITx");
        assertThat(key.number()).isEqualTo("6.002x");
        assertThat(key.run()).isEqualTo("2012_Fall");
        assertThat(key.isDeprecated()).isTrue();
        assertThat(key).hasToString("MITx/6.002x/2012_Fall");
    }

    @Test
    void parse_sameKeyInTwoForms_keysDiffer() {
        assertThat(CourseKey.parse("course-v1:A+B+C")).isNotEqualTo(CourseKey.parse("A/B/C"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "course-v1:", "course-v1:A+B", "course-v1:A+B+C+D", "course-v1:A++C", "A/B",
            "A/B/C/D", "A/B C/D", "course-v1:A+B+C/..", "just-text", "course-v1:A+B+C "})
    void parse_badInput_throwsInvalidKeyNamingIt(String text) {
        assertThatThrownBy(() -> CourseKey.parse(text))
                .isInstanceOf(InvalidKeyException.class)
                .isInstanceOf(InputRejectedException.class)
                .hasMessageContaining("[" + text + "]");
    }

    @Test
    void of_badPart_throwsInvalidKey() {
        assertThatThrownBy(() -> CourseKey.of("edX", "Demo X", "run"))
                .isInstanceOf(InvalidKeyException.class)
                .hasMessageContaining("number[Demo X]");
    }
}
