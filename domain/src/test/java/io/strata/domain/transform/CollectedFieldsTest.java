package io.strata.domain.transform;

import io.strata.domain.key.CourseKey;
import io.strata.domain.key.UsageKey;
import io.strata.ports.InputRejectedException;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CollectedFieldsTest {
    private static final UsageKey BLOCK = new UsageKey(CourseKey.of("Org", "Num", "Run"), "problem", "p1");

    @Test
    void normalize_nullLiteralOrEmptyForTypedField_isUnset() {
        assertThat(CollectedFields.normalize(BLOCK, "weight", "null")).isNull();
        assertThat(CollectedFields.normalize(BLOCK, "weight", "")).isNull();
        assertThat(CollectedFields.normalize(BLOCK, "start", " null ")).isNull();
        assertThat(CollectedFields.normalize(BLOCK, "graded", "")).isNull();
    }

    @Test
    void normalize_nullLiteralForUntypedField_isKeptAsText() {
        assertThat(CollectedFields.normalize(BLOCK, "display_name", "null")).isEqualTo("null");
    }

    @Test
    void normalize_typedValues_areConverted() {
        assertThat(CollectedFields.normalize(BLOCK, "weight", "2.5")).isEqualTo(2.5);
        assertThat(CollectedFields.normalize(BLOCK, "graded", "true")).isEqualTo(true);
        assertThat(CollectedFields.normalize(BLOCK, "due", "2026-03-01T23:59:00Z"))
                .isEqualTo(Instant.parse("2026-03-01T23:59:00Z"));
    }

    @Test
    void normalize_unreadableNumber_isRejectedNamingBlockAndField() {
        assertThatThrownBy(() -> CollectedFields.normalize(BLOCK, "weight", "heavy"))
                .isInstanceOf(InputRejectedException.class)
                .hasMessageContaining("weight").hasMessageContaining("heavy").hasMessageContaining("p1");
    }
}
