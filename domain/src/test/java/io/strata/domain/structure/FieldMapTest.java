package io.strata.domain.structure;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FieldMapTest {
    @Test
    void wrap_namesAndValues_equalsLinkedHashMapOfSameEntriesInOrder() {
        var expected = new LinkedHashMap<String, Object>();
        expected.put("start", 3L);
        expected.put("display_name", "Intro");

        var map = FieldMap.shape("start", "display_name").wrap(3L, "Intro");

        assertThat(map).isEqualTo(expected).hasSameHashCodeAs(expected);
        assertThat(List.copyOf(map.keySet())).containsExactly("start", "display_name");
        assertThat(map.get(new String("display_name"))).isEqualTo("Intro");
        assertThat(map.get("missing")).isNull();
        assertThat(map.containsKey(42)).isFalse();
    }

    @Test
    void nameAndValue_position_returnEntryInIterationOrder() {
        var map = FieldMap.shape("start", "display_name").wrap(3L, "Intro");

        assertThat(map.name(0)).isEqualTo("start");
        assertThat(map.value(0)).isEqualTo(3L);
        assertThat(map.name(1)).isEqualTo("display_name");
        assertThat(map.value(1)).isEqualTo("Intro");
        assertThatThrownBy(() -> map.value(2)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void put_anyMap_throwsUnsupported() {
        var map = FieldMap.shape("a").wrap(1L);

        assertThatThrownBy(() -> map.put("b", 2L)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> map.remove("a")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void shape_repeatedName_throwsNamingIt() {
        assertThatThrownBy(() -> FieldMap.shape("a", "b", "a"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Field name[a] repeats");
    }

    @Test
    void wrap_wrongValueCount_throws() {
        var shape = FieldMap.shape("a", "b");

        assertThatThrownBy(() -> shape.wrap(1L)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> shape.wrap(1L, null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void copyOf_emptyMap_returnsSharedEmpty() {
        assertThat(FieldMap.copyOf(Map.of())).isSameAs(FieldMap.empty()).isEmpty();
    }
}
