package io.strata.adapters.olx;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.strata.ports.CourseImportException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OlxFieldsTest {
    private static final OlxFields.Origin ORIGIN = new OlxFields.Origin("sequential/s.xml", 3);
    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest
    @ValueSource(strings = {"2015-10-01T00:30:00Z", "2015-10-01T00:30:00+00:00", "2015-10-01T00:30:00",
            "2015-10-01T00:30", "\"2015-10-01T00:30:00+00:00\"", "2015-10-01T02:30:00+02:00", "2015-10-01 00:30:00",
            "2015-10-01T00:30:00.000Z", "2015-10-01T00:30:00+0000", "2015-09-30T19:30:00-0500",
            "2015-10-01 00:30:00 UTC", "2015-10-01T00:30:00UTC", " 2015-10-01T00:30:00Z "})
    void fromAttribute_isoDateForms_giveTheSameInstant(String value) {
        assertThat(OlxFields.fromAttribute("start", value, ORIGIN)).contains(Instant.parse("2015-10-01T00:30:00Z"));
    }

    @Test
    void fromAttribute_bareDate_isMidnightUtc() {
        assertThat(OlxFields.fromAttribute("due", "2030-01-02", ORIGIN))
                .contains(Instant.parse("2030-01-02T00:00:00Z"));
    }

    @Test
    void fromPolicy_numberDate_isEpochMilliseconds() throws Exception {
        assertThat(OlxFields.fromPolicy("start", JSON.readTree("1443659400000"), ORIGIN))
                .contains(Instant.parse("2015-10-01T00:30:00Z"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2015-10-01T25:00", "10/01/2015", "2015-10-01T00:30:00+0000x", "tomorrow"})
    void fromAttribute_notADate_namesTheValueAndAttribute(String value) {
        assertThatThrownBy(() -> OlxFields.fromAttribute("start", value, ORIGIN).orElseThrow())
                .isInstanceOf(CourseImportException.class).hasMessageContaining("attribute[start]");
    }

    @Test
    void fromAttribute_nullOrEmptyDate_isLeftOut() {
        assertThat(OlxFields.fromAttribute("due", "null", ORIGIN)).isEmpty();
        assertThat(OlxFields.fromAttribute("due", "", ORIGIN)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"true", "True", "TRUE", "\"true\""})
    void fromAttribute_trueInAnyCase_isTrue(String value) {
        assertThat(OlxFields.fromAttribute("visible_to_staff_only", value, ORIGIN)).contains(true);
    }

    @Test
    void fromAttribute_notABoolean_namesFileLineAndAttribute() {
        assertThatThrownBy(() -> OlxFields.fromAttribute("graded", "yes", ORIGIN))
                .isInstanceOf(CourseImportException.class)
                .hasMessage("Cannot import file[sequential/s.xml] line[3] attribute[graded]: value[yes] is not true "
                        + "or false");
    }

    @Test
    void fromAttribute_numbersAndJson_areTyped() {
        assertThat(OlxFields.fromAttribute("days_early_for_beta", "60", ORIGIN)).contains(60.0);
        assertThat(OlxFields.fromAttribute("max_count", "-1", ORIGIN)).contains(-1L);
        assertThat(OlxFields.fromAttribute("group_access", "{\"18587404\": [1819362822, 2.5]}", ORIGIN))
                .contains(Map.of("18587404", List.of(1819362822L, 2.5)));
    }

    @Test
    void fromAttribute_otherNames_stayText() {
        assertThat(OlxFields.fromAttribute("display_name", "Prüfung “1”", ORIGIN)).contains("Prüfung “1”");
        assertThat(OlxFields.fromAttribute("format", "true", ORIGIN)).contains("true");
    }

    @Test
    void fromAttribute_invalidDate_isRefused() {
        assertThatThrownBy(() -> OlxFields.fromAttribute("end", "2015-13-01T00:00", ORIGIN))
                .isInstanceOf(CourseImportException.class).hasMessageContaining("attribute[end]");
    }

    @Test
    void fromPolicy_jsonValues_areTypedByName() throws Exception {
        var policy = JSON.readTree("{\"start\": \"2015-07-17T12:00\", \"graded\": true, \"self_paced\": \"false\","
                + " \"days_early_for_beta\": 2, \"tabs\": [{\"type\": \"wiki\", \"n\": 3}], \"due\": null}");

        assertThat(OlxFields.fromPolicy("start", policy.get("start"), ORIGIN))
                .contains(Instant.parse("2015-07-17T12:00:00Z"));
        assertThat(OlxFields.fromPolicy("graded", policy.get("graded"), ORIGIN)).contains(true);
        assertThat(OlxFields.fromPolicy("self_paced", policy.get("self_paced"), ORIGIN)).contains(false);
        assertThat(OlxFields.fromPolicy("days_early_for_beta", policy.get("days_early_for_beta"), ORIGIN))
                .contains(2.0);
        assertThat(OlxFields.fromPolicy("tabs", policy.get("tabs"), ORIGIN))
                .contains(List.of(Map.of("type", "wiki", "n", 3L)));
        assertThat(OlxFields.fromPolicy("due", policy.get("due"), ORIGIN)).isEqualTo(Optional.empty());
    }
}
