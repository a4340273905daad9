package io.strata.adapters.redis;

import io.strata.ports.Secret;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Configures the Redis cache tier.
 *
 * @param mode how the servers are organised (key {@code cache.redis.mode})
 * @param servers the server for {@link Mode#STANDALONE} (exactly one), the sentinels for
 *     {@link Mode#SENTINEL}, or some cluster nodes for {@link Mode#CLUSTER} (key {@code cache.redis.servers})
 * @param sentinelMaster the name of the primary the sentinels watch; required for
 *     {@link Mode#SENTINEL} and only then (key {@code cache.redis.sentinel-master})
 * @param username the ACL user, or empty for the default user (key {@code cache.redis.username});
 *     requires a password
 * @param password the password, or empty when the server needs none (key {@code cache.redis.password})
 * @param tls whether connections use TLS, with the JVM's trust store (key {@code cache.redis.tls})
 * @param operationTimeout how long one command may wait for its reply before it counts as a miss
 *     (key {@code cache.redis.operation-timeout}); positive
 * @param connectTimeout how long opening a connection may take (key {@code cache.redis.connect-timeout}); positive
 * @param maxConnections the most connections open to one server (one node in a cluster); a command that
 *     finds them all busy waits at most {@code operationTimeout} for one, then counts as a miss (key
 *     {@code cache.redis.max-connections}); from 1 to {@link #MAX_CONNECTIONS}
 * @param maxItemBytes the largest value sent in one command, so that no single huge value blocks the
 *     server's event loop; larger payloads are chunked (key {@code cache.redis.max-item-bytes});
 *     from {@link #MIN_ITEM_BYTES} to {@link #MAX_ITEM_BYTES}
 * @param expireAfterWrite how long an entry lives, or empty to keep it until the server evicts it
 *     (key {@code cache.expire-after-write}); at least one millisecond when present
 */
public record RedisCacheTierConfig(Mode mode, List<InetSocketAddress> servers, Optional<String> sentinelMaster,
        Optional<String> username, Optional<Secret> password, boolean tls, Duration operationTimeout,
        Duration connectTimeout, int maxConnections, long maxItemBytes, Optional<Duration> expireAfterWrite) {
    /** Is the default connection limit per server, above Jedis's own default of 8. */
    public static final int DEFAULT_MAX_CONNECTIONS = 64;
    /** Is the largest connection limit accepted. */
    public static final int MAX_CONNECTIONS = 10_000;
    /** Is the default largest value: 4 MiB. */
    public static final long DEFAULT_MAX_ITEM_BYTES = 4L * 1024 * 1024;
    /** Is the smallest item limit accepted. */
    public static final long MIN_ITEM_BYTES = 1024;
    /** Is the largest item limit accepted: Redis's largest string, 512 MiB. */
    public static final long MAX_ITEM_BYTES = 512L * 1024 * 1024;

    public RedisCacheTierConfig {
        requireNonNull(mode, "mode is null");
        servers = List.copyOf(requireNonNull(servers, "servers is null"));
        requireNonNull(sentinelMaster, "sentinelMaster is null");
        requireNonNull(username, "username is null");
        requireNonNull(password, "password is null");
        requireNonNull(operationTimeout, "operationTimeout is null");
        requireNonNull(connectTimeout, "connectTimeout is null");
        requireNonNull(expireAfterWrite, "expireAfterWrite is null");
        checkServers(mode, servers);
        checkSentinelMaster(mode, sentinelMaster);
        if (username.isPresent() && password.isEmpty()) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "Invalid cache.redis.username[%s]: a user needs cache.redis.password too", username.get()));
        }
        checkPositive("cache.redis.operation-timeout", operationTimeout);
        checkPositive("cache.redis.connect-timeout", connectTimeout);
        if (maxConnections < 1 || maxConnections > MAX_CONNECTIONS) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "Invalid cache.redis.max-connections[%d]: use 1 to %d", maxConnections, MAX_CONNECTIONS));
        }
        if (maxItemBytes < MIN_ITEM_BYTES || maxItemBytes > MAX_ITEM_BYTES) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "Invalid cache.redis.max-item-bytes[%d]: use %d to %d bytes", maxItemBytes, MIN_ITEM_BYTES,
                    MAX_ITEM_BYTES));
        }
        expireAfterWrite.ifPresent(ttl -> {
            if (ttl.compareTo(Duration.ofMillis(1)) < 0) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "Invalid cache.expire-after-write[%s]: Redis counts milliseconds, so use at least 1ms,"
                                + " or never",
                        ttl));
            }
        });
    }

    /**
     * Returns the configuration of one standalone server with the defaults: no auth, no TLS, 1 s
     * timeouts, {@value #DEFAULT_MAX_CONNECTIONS} connections, 24 h expiry.
     */
    public static RedisCacheTierConfig standalone(InetSocketAddress server) {
        return new RedisCacheTierConfig(Mode.STANDALONE, List.of(server), Optional.empty(), Optional.empty(),
                Optional.empty(), false, Duration.ofSeconds(1), Duration.ofSeconds(1), DEFAULT_MAX_CONNECTIONS,
                DEFAULT_MAX_ITEM_BYTES, Optional.of(Duration.ofHours(24)));
    }

    /** Is how the Redis servers are organised. */
    public enum Mode {
        /** One server. */
        STANDALONE,
        /** A primary found through Redis Sentinel; the servers are the sentinels. */
        SENTINEL,
        /** A Redis Cluster; the servers are some of its nodes, the others are discovered. */
        CLUSTER
    }

    private static void checkServers(Mode mode, List<InetSocketAddress> servers) {
        if (servers.isEmpty()) {
            throw new IllegalArgumentException(
                    "Invalid cache.redis.servers[]: name at least one host:port, such as 127.0.0.1:6379");
        }
        if (mode == Mode.STANDALONE && servers.size() > 1) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "Invalid cache.redis.servers%s: standalone mode takes one server; set cache.redis.mode to"
                            + " sentinel or cluster for several",
                    servers));
        }
    }

    private static void checkSentinelMaster(Mode mode, Optional<String> sentinelMaster) {
        if (mode == Mode.SENTINEL && sentinelMaster.isEmpty()) {
            throw new IllegalArgumentException(
                    "Missing cache.redis.sentinel-master: sentinel mode needs the name of the primary");
        }
        if (mode != Mode.SENTINEL && sentinelMaster.isPresent()) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "Invalid cache.redis.sentinel-master[%s]: it applies only when cache.redis.mode is sentinel",
                    sentinelMaster.get()));
        }
    }

    private static void checkPositive(String key, Duration duration) {
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "Invalid %s[%s]: must be positive",
                    key, duration));
        }
    }
}
