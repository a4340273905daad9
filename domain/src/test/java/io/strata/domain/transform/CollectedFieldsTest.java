package io.strata.domain.transform;

import io.strata.ports.InputRejectedException;
import org.junit.jupiter.api.Test;

import static io.strata.domain.transform.SourceCourses.usage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CollectedFieldsTest {
    @Test
    void normalize_numberFieldWrittenAsNull_isNotSet() {
        // openedx-test-course exports an edx_sga block with weight="null".
        assertThat(CollectedFields.normalize(usage("edx_sga", "sga"), "weight", "null")).isNull();
        assertThat(CollectedFields.normalize(usage("chapter", "c"), "start", " ")).isNull();
    }

    @Test
    void normalize_numberFieldWithText_throwsNamingField() {
        assertThatThrownBy(() -> CollectedFields.normalize(usage("problem", "p"), "weight", "heavy"))
                .isInstanceOf(InputRejectedException.class)
                .hasMessageContaining("field[weight]");
    }

    @Test
    void normalize_untypedFieldWrittenAsNull_staysText() {
        assertThat(CollectedFields.normalize(usage("html", "h"), "display_name", "null")).isEqualTo("null");
    }
}
