package io.strata.adapters.memcached;

import io.strata.adapters.memcached.MemcachedCacheTierConfig.Protocol;

import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MemcachedCacheTierConfigTest {
    private static final InetSocketAddress SERVER = InetSocketAddress.createUnresolved("cache-1", 11211);
    private static final Duration SECOND = Duration.ofSeconds(1);

    @Test
    void of_oneServer_usesDefaults() {
        var config = MemcachedCacheTierConfig.of(SERVER);

        assertThat(config.protocol()).isEqualTo(Protocol.BINARY);
        assertThat(config.maxItemBytes()).isEqualTo(1024 * 1024 - 8 * 1024);
        assertThat(config.expireAfterWrite()).contains(Duration.ofHours(24));
    }

    @Test
    void constructor_noServers_throwsNamingKey() {
        assertThatThrownBy(() -> new MemcachedCacheTierConfig(List.of(), Protocol.TEXT, SECOND, SECOND, 4096,
                Optional.empty())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cache.memcached.servers[]");
    }

    @Test
    void constructor_itemBytesAtLimits_areAcceptedAndBeyondRejected() {
        assertThat(withItemBytes(MemcachedCacheTierConfig.MIN_ITEM_BYTES).maxItemBytes()).isEqualTo(1024);
        assertThat(withItemBytes(MemcachedCacheTierConfig.MAX_ITEM_BYTES).maxItemBytes())
                .isEqualTo(MemcachedCacheTierConfig.MAX_ITEM_BYTES);
        assertThatThrownBy(() -> withItemBytes(1023)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cache.memcached.max-item-bytes[1023]");
        assertThatThrownBy(() -> withItemBytes(MemcachedCacheTierConfig.MAX_ITEM_BYTES + 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cache.memcached.max-item-bytes");
    }

    @Test
    void constructor_zeroTimeouts_throwNamingKeys() {
        assertThatThrownBy(() -> new MemcachedCacheTierConfig(List.of(SERVER), Protocol.BINARY, Duration.ZERO, SECOND,
                4096, Optional.empty())).hasMessageContaining("cache.memcached.operation-timeout");
        assertThatThrownBy(() -> new MemcachedCacheTierConfig(List.of(SERVER), Protocol.BINARY, SECOND, Duration.ZERO,
                4096, Optional.empty())).hasMessageContaining("cache.memcached.connect-timeout");
    }

    @Test
    void constructor_expiryBelowOneSecond_throwsAndOneSecondIsAccepted() {
        assertThatThrownBy(() -> new MemcachedCacheTierConfig(List.of(SERVER), Protocol.BINARY, SECOND, SECOND, 4096,
                Optional.of(Duration.ofMillis(999)))).hasMessageContaining("cache.expire-after-write[PT0.999S]");
        assertThat(new MemcachedCacheTierConfig(List.of(SERVER), Protocol.BINARY, SECOND, SECOND, 4096,
                Optional.of(SECOND)).expireAfterWrite()).contains(SECOND);
    }

    private static MemcachedCacheTierConfig withItemBytes(long maxItemBytes) {
        return new MemcachedCacheTierConfig(List.of(SERVER), Protocol.BINARY, SECOND, SECOND, maxItemBytes,
                Optional.empty());
    }
}
