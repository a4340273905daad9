package io.strata.adapters.redis;

import io.strata.adapters.redis.RedisCacheTierConfig.Mode;
import io.strata.ports.BackendUnavailableException;
import io.strata.ports.CacheTier;
import io.strata.ports.Secret;
import io.strata.testkit.CacheTierContractTest;
import io.strata.testkit.LocalServer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Runs the cache tier contract as a Redis ACL user on a real server that requires a password, and
 * checks logins as the default user and with a wrong or missing password.
 */
class RedisAuthIT extends CacheTierContractTest {
    private static final String DEFAULT_PASSWORD = "defaultSecret1";
    private static final String USER = "strata";
    private static final String USER_PASSWORD = "userSecret2";

    @RegisterExtension
    static final LocalServer SERVER = LocalServer.redisWithPassword(DEFAULT_PASSWORD,
            "--user", USER, "on", ">" + USER_PASSWORD, "~*", "+@all");

    private static final Duration TIMEOUT = Duration.ofMillis(500);

    private final List<RedisCacheTier> opened = new ArrayList<>();

    @Override
    protected CacheTier createTier() {
        SERVER.flush();
        return open(Optional.of(USER), Optional.of(USER_PASSWORD));
    }

    @AfterEach
    void closeTiers() {
        opened.forEach(RedisCacheTier::close);
    }

    @Test
    void store_asAclUser_isDoneAsThatUser() {
        tier().store("auth:user", bytes(10, 1));

        assertThat(SERVER.command("EXISTS auth:user", line -> true)).containsExactly(":1");
        assertThat(SERVER.command("CLIENT LIST", String::isEmpty)).anyMatch(client -> client.contains(" user=" + USER));
    }

    @Test
    void load_defaultUserWithPassword_answers() {
        var tier = open(Optional.empty(), Optional.of(DEFAULT_PASSWORD));

        tier.store("auth:default", bytes(10, 2));

        assertThat(tier.load("auth:default")).hasValueSatisfying(value -> assertThat(value).hasSize(10));
    }

    @Test
    void load_wrongPassword_throwsUnavailableWithoutRevealingIt() {
        var tier = open(Optional.of(USER), Optional.of("wrongSecret3"));

        assertThatThrownBy(() -> tier.load("auth:key")).isInstanceOf(BackendUnavailableException.class)
                .message().doesNotContain("wrongSecret3");
    }

    @Test
    void load_noPassword_throwsUnavailable() {
        var tier = open(Optional.empty(), Optional.empty());

        assertThatThrownBy(() -> tier.load("auth:key")).isInstanceOf(BackendUnavailableException.class)
                .hasMessageContaining("NOAUTH");
    }

    private RedisCacheTier open(Optional<String> username, Optional<String> password) {
        var tier = new RedisCacheTier(new RedisCacheTierConfig(Mode.STANDALONE, List.of(SERVER.address()),
                Optional.empty(), username, password.map(Secret::of), false, TIMEOUT, TIMEOUT,
                RedisCacheTierConfig.DEFAULT_MAX_CONNECTIONS, 2L * 1024 * 1024, Optional.empty()));
        opened.add(tier);
        return tier;
    }
}
