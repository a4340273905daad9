package io.strata.ports;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DurableEntryTest {
    @Test
    void create_bytesAndRevision_keepsThem() {
        var bytes = new byte[] {1, 2};

        var entry = new DurableEntry(bytes, "7");

        assertThat(entry.bytes()).isSameAs(bytes);
        assertThat(entry.revision()).isEqualTo("7");
    }

    @Test
    void create_emptyRevision_throwsIllegalArgument() {
        assertThatThrownBy(() -> new DurableEntry(new byte[0], "")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("revision");
    }

    @Test
    void create_nullBytes_throwsNullPointer() {
        assertThatThrownBy(() -> new DurableEntry(null, "1")).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("bytes");
    }

    @Test
    void create_nullRevision_throwsNullPointer() {
        assertThatThrownBy(() -> new DurableEntry(new byte[0], null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("revision");
    }
}
