package io.strata.adapters.redis;

import io.strata.ports.BackendUnavailableException;
import io.strata.ports.CacheKeys;
import io.strata.ports.CacheTier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.RedisSentinelClient;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.params.SetParams;
import redis.clients.jedis.util.JedisClusterCRC16;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/**
 * Is the shared {@link CacheTier} on Redis, through Jedis: one server, a primary found through
 * Redis Sentinel, or a Redis Cluster.
 *
 * <p>{@link #maxValueBytes()} is {@code max-item-bytes} (4 MiB by default): Redis accepts values up
 * to 512 MiB, but one huge value holds its single-threaded event loop while it is copied, so larger
 * payloads are chunked by the caller. {@link #loadAll} is one {@code MGET}; in a cluster the keys
 * are grouped by hash slot, one {@code MGET} per slot (the keys of one payload share a hash tag, so
 * they take one). {@link #storeAll} pipelines its {@code SET}s.
 *
 * <p>A command that fails to connect, times out or gets an error reply reads as
 * {@link BackendUnavailableException}; pooled connections broken by a server restart are replaced
 * on their next use, so the tier answers again without a restart.
 *
 * <p>Each server (each node of a cluster) has a pool of at most {@code max-connections}. Jedis's
 * default pool holds 8 and lets a caller wait for a free connection without limit, so with a server
 * that stopped answering, callers beyond the eighth would wait far longer than the operation
 * timeout. Here a caller waits at most the operation timeout for a connection, and a cluster
 * command gives up its retries (redirections, refreshes of the slot map) after the operation
 * timeout too; either reads as unavailable, like any other timeout.
 */
public final class RedisCacheTier implements CacheTier, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RedisCacheTier.class);
    private static final byte[] EVICT_IF_MATCHES = ("if redis.call('GET', KEYS[1]) == ARGV[1] then"
            + " return redis.call('DEL', KEYS[1]) else return 0 end").getBytes(StandardCharsets.UTF_8);

    private final RedisCacheTierConfig config;
    private final UnifiedJedis client;
    private final SetParams setParams;

    /**
     * Creates a tier. A standalone tier connects on first use; sentinel and cluster tiers ask the
     * sentinels or nodes for the topology at once.
     *
     * @throws BackendUnavailableException when sentinel or cluster discovery fails
     */
    public RedisCacheTier(RedisCacheTierConfig config) {
        this.config = requireNonNull(config, "config is null");
        this.setParams = config.expireAfterWrite().map(ttl -> SetParams.setParams().px(ttl.toMillis()))
                .orElseGet(SetParams::setParams);
        this.client = call("connect", config.servers().toString(), () -> connect(config));
        log.debug("Cache tier[redis] mode[{}] servers[{}] tls[{}] maxConnections[{}] maxValueBytes[{}]"
                + " expireAfterWrite[{}]", config.mode(), config.servers(), config.tls(), config.maxConnections(),
                config.maxItemBytes(), config.expireAfterWrite().orElse(null));
    }

    @Override
    public String name() {
        return "redis";
    }

    @Override
    public long maxValueBytes() {
        return config.maxItemBytes();
    }

    @Override
    public Optional<byte[]> load(String key) {
        var bytes = bytes(CacheKeys.check(key));
        return Optional.ofNullable(call("load", key, () -> client.get(bytes)));
    }

    @Override
    public Map<String, byte[]> loadAll(List<String> keys) {
        requireNonNull(keys, "keys is null");
        keys.forEach(CacheKeys::check);
        if (keys.isEmpty()) {
            return Map.of();
        }

        var values = new LinkedHashMap<String, byte[]>();
        for (var group : groupBySlot(keys)) {
            var found = call("loadAll", group.get(0), () -> client.mget(group.stream().map(RedisCacheTier::bytes)
                    .toArray(byte[][]::new)));
            for (int i = 0; i < group.size(); i++) {
                values.put(group.get(i), found.get(i));
            }
        }
        var ordered = new LinkedHashMap<String, byte[]>();
        for (var key : keys) {
            var value = values.get(key);
            if (value != null) {
                ordered.put(key, value);
            }
        }
        return ordered;
    }

    @Override
    public void store(String key, byte[] value) {
        checkValue(CacheKeys.check(key), requireNonNull(value, "value is null"));
        call("store", key, () -> client.set(bytes(key), value, setParams));
    }

    @Override
    public void storeAll(Map<String, byte[]> entries) {
        requireNonNull(entries, "entries is null");
        entries.forEach((key, value) -> checkValue(CacheKeys.check(key), requireNonNull(value, "value is null")));
        if (entries.isEmpty()) {
            return;
        }

        var first = entries.keySet().iterator().next();
        call("storeAll", first, () -> {
            try (var pipeline = client.pipelined()) {
                var replies = new ArrayList<Response<String>>();
                entries.forEach((key, value) -> replies.add(pipeline.set(bytes(key), value, setParams)));
                pipeline.sync();
                // Reading each reply turns an error reply into an exception.
                replies.forEach(Response::get);
            }
            return null;
        });
    }

    @Override
    public void evict(String key) {
        var bytes = bytes(CacheKeys.check(key));
        call("evict", key, () -> client.del(bytes));
    }

    @Override
    public boolean supportsConditionalWrites() {
        return true;
    }

    /** Sends {@code SET key value NX PX ttl}. */
    @Override
    public boolean storeIfAbsent(String key, byte[] value, Duration ttl) {
        checkValue(CacheKeys.check(key), requireNonNull(value, "value is null"));
        requireNonNull(ttl, "ttl is null");
        if ((ttl.isNegative() || ttl.isZero())) {
            throw new IllegalArgumentException("ttl[" + ttl + "] must be positive");
        }

        var params = SetParams.setParams().nx().px(Math.max(1, ttl.toMillis()));
        return "OK".equals(call("storeIfAbsent", key, () -> client.set(bytes(key), value, params)));
    }

    /** Runs a script that compares and deletes in one step, since Redis runs a script atomically. */
    @Override
    public boolean evictIfMatches(String key, byte[] expected) {
        var bytes = bytes(CacheKeys.check(key));
        requireNonNull(expected, "expected is null");

        var removed = call("evictIfMatches", key, () -> client.eval(EVICT_IF_MATCHES, List.of(bytes),
                List.of(expected)));
        return Long.valueOf(1).equals(removed);
    }

    /** Closes the connections. */
    @Override
    public void close() {
        client.close();
    }

    private void checkValue(String key, byte[] value) {
        if (value.length > config.maxItemBytes()) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "Cannot store key[%s] in cache tier[redis]: value bytes[%d] exceed maxValueBytes[%d];"
                            + " split the value or raise cache.redis.max-item-bytes",
                    key, value.length, config.maxItemBytes()));
        }
    }

    private List<List<String>> groupBySlot(List<String> keys) {
        var unique = new LinkedHashSet<>(keys);
        if (config.mode() != RedisCacheTierConfig.Mode.CLUSTER) {
            return List.of(List.copyOf(unique));
        }
        return List.copyOf(unique.stream().collect(Collectors.groupingBy(JedisClusterCRC16::getSlot, TreeMap::new,
                Collectors.toList())).values());
    }

    private <T> T call(String operation, String key, Supplier<T> command) {
        try {
            return command.get();
        } catch (JedisException e) {
            throw new BackendUnavailableException(String.format(Locale.ROOT,
                    "Cache tier[redis] servers[%s] did not %s key[%s] within operation-timeout[%s]: %s",
                    config.servers(), operation, key, config.operationTimeout(), e.getMessage()), e);
        }
    }

    private static UnifiedJedis connect(RedisCacheTierConfig config) {
        var clientConfig = clientConfig(config);
        var nodes = config.servers().stream().map(server -> new HostAndPort(server.getHostString(), server.getPort()))
                .collect(Collectors.toCollection(LinkedHashSet::new));
        return switch (config.mode()) {
            case STANDALONE -> RedisClient.builder().hostAndPort(nodes.iterator().next()).clientConfig(clientConfig)
                    .poolConfig(poolConfig(config)).build();
            case SENTINEL -> RedisSentinelClient.builder().masterName(config.sentinelMaster().orElseThrow())
                    .sentinels(nodes).clientConfig(clientConfig).sentinelClientConfig(clientConfig)
                    .poolConfig(poolConfig(config)).build();
            case CLUSTER -> RedisClusterClient.builder().nodes(nodes).clientConfig(clientConfig)
                    .poolConfig(poolConfig(config)).maxTotalRetriesDuration(config.operationTimeout()).build();
        };
    }

    private static ConnectionPoolConfig poolConfig(RedisCacheTierConfig config) {
        var pool = new ConnectionPoolConfig();
        pool.setMaxTotal(config.maxConnections());
        // Idle connections are kept up to the limit: closing those above Jedis's default of 8 after
        // each burst would open them again on the next one.
        pool.setMaxIdle(config.maxConnections());
        pool.setBlockWhenExhausted(true);
        pool.setMaxWait(config.operationTimeout());
        return pool;
    }

    private static JedisClientConfig clientConfig(RedisCacheTierConfig config) {
        var builder = DefaultJedisClientConfig.builder()
                .clientName("strata")
                // Only plain string commands are used; negotiating RESP3 makes sentinel connections warn.
                .autoNegotiateProtocol(false)
                .ssl(config.tls())
                .connectionTimeoutMillis((int) Math.min(Integer.MAX_VALUE, config.connectTimeout().toMillis()))
                .socketTimeoutMillis((int) Math.min(Integer.MAX_VALUE, config.operationTimeout().toMillis()));
        config.username().ifPresent(builder::user);
        config.password().ifPresent(password -> builder.password(password.reveal()));
        return builder.build();
    }

    private static byte[] bytes(String key) {
        return key.getBytes(StandardCharsets.US_ASCII);
    }

    /** Returns the keys' distinct hash slots, for tests of the hash tags. */
    static Set<Integer> slots(List<String> keys) {
        return keys.stream().map(JedisClusterCRC16::getSlot).collect(Collectors.toSet());
    }
}
