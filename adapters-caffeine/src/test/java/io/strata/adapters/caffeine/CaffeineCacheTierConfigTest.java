package io.strata.adapters.caffeine;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CaffeineCacheTierConfigTest {
    @Test
    void defaults_always_hold256MibWithoutExpiry() {
        var config = CaffeineCacheTierConfig.defaults();

        assertThat(config.maxBytes()).isEqualTo(256L * 1024 * 1024);
        assertThat(config.expireAfterWrite()).isEmpty();
    }

    @Test
    void constructor_oneByteAndOneNanosecond_isAccepted() {
        var config = new CaffeineCacheTierConfig(1, Optional.of(Duration.ofNanos(1)));

        assertThat(config.maxBytes()).isEqualTo(1);
    }

    @Test
    void constructor_zeroMaxBytes_throwsNamingKey() {
        assertThatThrownBy(() -> new CaffeineCacheTierConfig(0, Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("in-process.max-bytes[0]");
    }

    @Test
    void constructor_negativeMaxBytes_throwsNamingKey() {
        assertThatThrownBy(() -> new CaffeineCacheTierConfig(-5, Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("in-process.max-bytes[-5]");
    }

    @Test
    void constructor_zeroExpiry_throwsNamingKey() {
        assertThatThrownBy(() -> new CaffeineCacheTierConfig(1024, Optional.of(Duration.ZERO)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("in-process.expire-after-write[PT0S]");
    }

    @Test
    void constructor_negativeExpiry_throwsNamingKey() {
        assertThatThrownBy(() -> new CaffeineCacheTierConfig(1024, Optional.of(Duration.ofSeconds(-1))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("in-process.expire-after-write[PT-1S]");
    }

    @Test
    void constructor_nullExpiry_throwsNullPointer() {
        assertThatThrownBy(() -> new CaffeineCacheTierConfig(1024, null)).isInstanceOf(NullPointerException.class);
    }
}
