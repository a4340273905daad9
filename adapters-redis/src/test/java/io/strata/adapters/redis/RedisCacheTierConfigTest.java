package io.strata.adapters.redis;

import io.strata.adapters.redis.RedisCacheTierConfig.Mode;
import io.strata.ports.Secret;

import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RedisCacheTierConfigTest {
    private static final InetSocketAddress ONE = InetSocketAddress.createUnresolved("redis-1", 6379);
    private static final InetSocketAddress TWO = InetSocketAddress.createUnresolved("redis-2", 6379);
    private static final Duration SECOND = Duration.ofSeconds(1);

    @Test
    void standalone_defaults_are4MibAnd24Hours() {
        var config = RedisCacheTierConfig.standalone(ONE);

        assertThat(config.maxItemBytes()).isEqualTo(4L * 1024 * 1024);
        assertThat(config.maxConnections()).isEqualTo(64);
        assertThat(config.expireAfterWrite()).contains(Duration.ofHours(24));
        assertThat(config.mode()).isEqualTo(Mode.STANDALONE);
    }

    @Test
    void constructor_sentinelWithMaster_isAccepted() {
        var config = config(Mode.SENTINEL, List.of(ONE, TWO), Optional.of("primary"), Optional.empty());

        assertThat(config.sentinelMaster()).contains("primary");
    }

    @Test
    void constructor_sentinelWithoutMaster_throwsNamingKey() {
        assertThatThrownBy(() -> config(Mode.SENTINEL, List.of(ONE), Optional.empty(), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cache.redis.sentinel-master");
    }

    @Test
    void constructor_masterWithoutSentinelMode_throwsNamingKey() {
        assertThatThrownBy(() -> config(Mode.CLUSTER, List.of(ONE), Optional.of("primary"), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cache.redis.sentinel-master[primary]");
    }

    @Test
    void constructor_standaloneWithTwoServers_throwsNamingKey() {
        assertThatThrownBy(() -> config(Mode.STANDALONE, List.of(ONE, TWO), Optional.empty(), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cache.redis.servers");
    }

    @Test
    void constructor_noServers_throwsNamingKey() {
        assertThatThrownBy(() -> config(Mode.CLUSTER, List.of(), Optional.empty(), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cache.redis.servers[]");
    }

    @Test
    void constructor_usernameWithoutPassword_throwsNamingKey() {
        assertThatThrownBy(() -> config(Mode.STANDALONE, List.of(ONE), Optional.empty(), Optional.of("app")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cache.redis.username[app]");
    }

    @Test
    void toString_withPassword_redactsIt() {
        var config = new RedisCacheTierConfig(Mode.STANDALONE, List.of(ONE), Optional.empty(), Optional.of("app"),
                Optional.of(Secret.of("hunter2")), true, SECOND, SECOND, 8, 4096, Optional.empty());

        assertThat(config.toString()).doesNotContain("hunter2").contains("******");
    }

    @Test
    void constructor_itemBytesAtLimits_areAcceptedAndBeyondRejected() {
        assertThat(withItemBytes(RedisCacheTierConfig.MIN_ITEM_BYTES).maxItemBytes()).isEqualTo(1024);
        assertThat(withItemBytes(RedisCacheTierConfig.MAX_ITEM_BYTES).maxItemBytes()).isEqualTo(512L << 20);
        assertThatThrownBy(() -> withItemBytes(RedisCacheTierConfig.MIN_ITEM_BYTES - 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cache.redis.max-item-bytes[1023]");
        assertThatThrownBy(() -> withItemBytes(RedisCacheTierConfig.MAX_ITEM_BYTES + 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cache.redis.max-item-bytes");
    }

    @Test
    void constructor_zeroTimeouts_throwNamingKeys() {
        assertThatThrownBy(() -> new RedisCacheTierConfig(Mode.STANDALONE, List.of(ONE), Optional.empty(),
                Optional.empty(), Optional.empty(), false, Duration.ZERO, SECOND, 8, 4096, Optional.empty()))
                .hasMessageContaining("cache.redis.operation-timeout");
        assertThatThrownBy(() -> new RedisCacheTierConfig(Mode.STANDALONE, List.of(ONE), Optional.empty(),
                Optional.empty(), Optional.empty(), false, SECOND, Duration.ZERO, 8, 4096, Optional.empty()))
                .hasMessageContaining("cache.redis.connect-timeout");
    }

    @Test
    void constructor_connectionsAtLimits_areAcceptedAndBeyondRejected() {
        assertThat(withConnections(1).maxConnections()).isEqualTo(1);
        assertThat(withConnections(RedisCacheTierConfig.MAX_CONNECTIONS).maxConnections()).isEqualTo(10_000);
        assertThatThrownBy(() -> withConnections(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cache.redis.max-connections[0]");
        assertThatThrownBy(() -> withConnections(RedisCacheTierConfig.MAX_CONNECTIONS + 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cache.redis.max-connections[10001]");
    }

    @Test
    void constructor_expiryBelowOneMillisecond_throwsNamingKey() {
        assertThatThrownBy(() -> new RedisCacheTierConfig(Mode.STANDALONE, List.of(ONE), Optional.empty(),
                Optional.empty(), Optional.empty(), false, SECOND, SECOND, 8, 4096,
                Optional.of(Duration.ofNanos(5))))
                .hasMessageContaining("cache.expire-after-write");
    }

    private static RedisCacheTierConfig withConnections(int maxConnections) {
        return new RedisCacheTierConfig(Mode.STANDALONE, List.of(ONE), Optional.empty(), Optional.empty(),
                Optional.empty(), false, SECOND, SECOND, maxConnections, 4096, Optional.empty());
    }

    private static RedisCacheTierConfig withItemBytes(long maxItemBytes) {
        return new RedisCacheTierConfig(Mode.STANDALONE, List.of(ONE), Optional.empty(), Optional.empty(),
                Optional.empty(), false, SECOND, SECOND, 8, maxItemBytes, Optional.empty());
    }

    private static RedisCacheTierConfig config(Mode mode, List<InetSocketAddress> servers, Optional<String> master,
            Optional<String> username) {
        return new RedisCacheTierConfig(mode, servers, master, username, Optional.empty(), false, SECOND, SECOND,
                8, 4096, Optional.empty());
    }
}
