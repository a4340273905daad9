package io.strata.adapters.memcached;

import io.strata.ports.BackendUnavailableException;
import io.strata.ports.CacheKeys;
import io.strata.ports.CacheTier;

import net.spy.memcached.CASValue;
import net.spy.memcached.ConnectionFactoryBuilder;
import net.spy.memcached.ConnectionObserver;
import net.spy.memcached.DefaultHashAlgorithm;
import net.spy.memcached.FailureMode;
import net.spy.memcached.MemcachedClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.SocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static java.util.Objects.requireNonNull;

/**
 * Is the shared {@link CacheTier} on memcached, through spymemcached.
 *
 * <p>Keys are spread over the servers by consistent (ketama) hashing; a server that is down
 * fails its operations at once (they are cancelled, not redistributed), so its keys read as misses
 * until it reconnects, which the client retries every {@link #MAX_RECONNECT_DELAY} at most.
 *
 * <p>{@link #maxValueBytes()} is {@code max-item-bytes}, lowered at start-up to the servers'
 * {@code item_size_max} less 1 KiB when a server reports a smaller item size: memcached refuses a
 * larger item, and spymemcached then drops and reopens the connection, stalling the operations
 * queued on it for about two seconds. {@link #store} rejects a larger value before sending it.
 * Values are sent as they are: the client's own compression (gzip over 16 KB) is off, since the
 * payloads are compressed already.
 *
 * <p>Expiry: memcached reads an expiry over 30 days as an absolute Unix time, so a longer
 * {@code expire-after-write} is sent as one.
 */
public final class MemcachedCacheTier implements CacheTier, AutoCloseable {
    /** Is the longest pause between two reconnection attempts to a server that went away. */
    static final Duration MAX_RECONNECT_DELAY = Duration.ofSeconds(2);

    private static final Logger log = LoggerFactory.getLogger(MemcachedCacheTier.class);
    private static final long RELATIVE_EXPIRY_LIMIT_SECONDS = Duration.ofDays(30).toSeconds();
    private static final int ITEM_HEADER_HEADROOM = 1024;

    private final MemcachedCacheTierConfig config;
    private final Clock clock;
    private final MemcachedClient client;
    private final RawBytesTranscoder transcoder;
    private final long maxValueBytes;

    /** Creates a tier and waits up to {@code connect-timeout} for its servers. */
    public MemcachedCacheTier(MemcachedCacheTierConfig config) {
        this(config, Clock.systemUTC());
    }

    /** Creates a tier that reads the time for absolute expiries from the clock. */
    MemcachedCacheTier(MemcachedCacheTierConfig config, Clock clock) {
        this.config = requireNonNull(config, "config is null");
        this.clock = requireNonNull(clock, "clock is null");
        routeClientLoggingToSlf4j();

        var connected = new CountDownLatch(config.servers().size());
        this.client = connect(config, connected);
        awaitConnections(connected);
        this.maxValueBytes = Math.min(config.maxItemBytes(), serverItemLimit());
        this.transcoder = new RawBytesTranscoder((int) Math.min(Integer.MAX_VALUE, maxValueBytes));
        log.debug("Cache tier[memcached] servers[{}] protocol[{}] maxValueBytes[{}] expireAfterWrite[{}]",
                config.servers(), config.protocol(), maxValueBytes, config.expireAfterWrite().orElse(null));
    }

    @Override
    public String name() {
        return "memcached";
    }

    @Override
    public long maxValueBytes() {
        return maxValueBytes;
    }

    @Override
    public Optional<byte[]> load(String key) {
        CacheKeys.check(key);
        return Optional.ofNullable(await(client.asyncGet(key, transcoder), "load", key));
    }

    @Override
    public Map<String, byte[]> loadAll(List<String> keys) {
        requireNonNull(keys, "keys is null");
        keys.forEach(CacheKeys::check);
        if (keys.isEmpty()) {
            return Map.of();
        }

        var found = await(client.asyncGetBulk(keys, transcoder), "loadAll", keys.get(0));
        var ordered = new LinkedHashMap<String, byte[]>();
        for (var key : keys) {
            var value = found.get(key);
            if (value != null) {
                ordered.put(key, value);
            }
        }
        return ordered;
    }

    @Override
    public void store(String key, byte[] value) {
        storeAll(Map.of(requireNonNull(key, "key is null"), requireNonNull(value, "value is null")));
    }

    @Override
    public void storeAll(Map<String, byte[]> entries) {
        requireNonNull(entries, "entries is null");
        entries.forEach((key, value) -> checkValue(CacheKeys.check(key), requireNonNull(value, "value is null")));
        int expiry = expiry();

        var pending = new LinkedHashMap<String, Future<Boolean>>();
        entries.forEach((key, value) -> pending.put(key, client.set(key, expiry, value, transcoder)));
        for (var write : pending.entrySet()) {
            if (!Boolean.TRUE.equals(await(write.getValue(), "store", write.getKey()))) {
                // The port lets a cache drop an entry at once; a server out of memory does so.
                log.debug("Cache tier[memcached] did not store key[{}]", write.getKey());
            }
        }
    }

    @Override
    public void evict(String key) {
        CacheKeys.check(key);
        await(client.delete(key), "evict", key);
    }

    /** Returns true with the binary protocol only: the text protocol has no delete that compares a CAS id. */
    @Override
    public boolean supportsConditionalWrites() {
        return config.protocol() == MemcachedCacheTierConfig.Protocol.BINARY;
    }

    /** Sends {@code add}, with the ttl rounded up to whole seconds plus one: the server counts time in seconds. */
    @Override
    public boolean storeIfAbsent(String key, byte[] value, Duration ttl) {
        checkConditionalWrites();
        checkValue(CacheKeys.check(key), requireNonNull(value, "value is null"));
        requireNonNull(ttl, "ttl is null");
        if ((ttl.isNegative() || ttl.isZero())) {
            throw new IllegalArgumentException("ttl[" + ttl + "] must be positive");
        }

        long seconds = (ttl.toMillis() + 999) / 1000 + 1;
        return Boolean.TRUE.equals(await(client.add(key, expiry(seconds), value, transcoder), "add", key));
    }

    /** Reads the value with its CAS id, then deletes only that version of it. */
    @Override
    public boolean evictIfMatches(String key, byte[] expected) {
        checkConditionalWrites();
        CacheKeys.check(key);
        requireNonNull(expected, "expected is null");

        CASValue<byte[]> current = await(client.asyncGets(key, transcoder), "gets", key);
        if (current == null || !Arrays.equals(current.getValue(), expected)) {
            return false;
        }
        return Boolean.TRUE.equals(await(client.delete(key, current.getCas()), "delete", key));
    }

    private void checkConditionalWrites() {
        if (!supportsConditionalWrites()) {
            throw new UnsupportedOperationException("Cache tier[memcached] protocol[text] has no conditional"
                    + " writes; use cache.memcached.protocol binary");
        }
    }

    /** Closes the connections, waiting up to the operation timeout for writes in flight. */
    @Override
    public void close() {
        client.shutdown(config.operationTimeout().toMillis(), TimeUnit.MILLISECONDS);
    }

    private void checkValue(String key, byte[] value) {
        if (value.length > maxValueBytes) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "Cannot store key[%s] in cache tier[memcached]: value bytes[%d] exceed maxValueBytes[%d];"
                            + " split the value or raise cache.memcached.max-item-bytes with the servers' -I",
                    key, value.length, maxValueBytes));
        }
    }

    private int expiry() {
        if (config.expireAfterWrite().isEmpty()) {
            return 0;
        }
        return expiry(config.expireAfterWrite().get().toSeconds());
    }

    private int expiry(long seconds) {
        if (seconds <= RELATIVE_EXPIRY_LIMIT_SECONDS) {
            return (int) seconds;
        }
        return (int) Math.min(Integer.MAX_VALUE, clock.instant().getEpochSecond() + seconds);
    }

    private <T> T await(Future<T> future, String operation, String key) {
        try {
            return future.get(config.operationTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable(operation, key, e);
        } catch (ExecutionException | TimeoutException e) {
            throw unavailable(operation, key, e);
        } catch (RuntimeException e) {
            // spymemcached signals a cancelled operation (server down), a full queue or a shut-down
            // client with unchecked exceptions of several types; each means the server did not answer.
            throw unavailable(operation, key, e);
        }
    }

    private BackendUnavailableException unavailable(String operation, String key, Exception cause) {
        return new BackendUnavailableException(String.format(Locale.ROOT,
                "Cache tier[memcached] servers[%s] did not %s key[%s] within operation-timeout[%s]: %s",
                config.servers(), operation, key, config.operationTimeout(), cause), cause);
    }

    private static MemcachedClient connect(MemcachedCacheTierConfig config, CountDownLatch connected) {
        var observer = new ConnectionObserver() {
            @Override
            public void connectionEstablished(SocketAddress server, int reconnectCount) {
                connected.countDown();
            }

            @Override
            public void connectionLost(SocketAddress server) {
                log.debug("Cache tier[memcached] lost server[{}]", server);
            }
        };
        var factory = new ConnectionFactoryBuilder()
                .setProtocol(config.protocol() == MemcachedCacheTierConfig.Protocol.BINARY
                        ? ConnectionFactoryBuilder.Protocol.BINARY : ConnectionFactoryBuilder.Protocol.TEXT)
                .setLocatorType(ConnectionFactoryBuilder.Locator.CONSISTENT)
                .setHashAlg(DefaultHashAlgorithm.KETAMA_HASH)
                .setFailureMode(FailureMode.Cancel)
                .setOpTimeout(config.operationTimeout().toMillis())
                .setOpQueueMaxBlockTime(config.operationTimeout().toMillis())
                .setMaxReconnectDelay(MAX_RECONNECT_DELAY.toSeconds())
                .setInitialObservers(List.of(observer))
                .setDaemon(true)
                .build();
        try {
            return new MemcachedClient(factory, new ArrayList<>(config.servers()));
        } catch (IOException e) {
            throw new BackendUnavailableException(String.format(Locale.ROOT,
                    "Cannot open connections to cache tier[memcached] servers[%s]: %s", config.servers(), e), e);
        }
    }

    private void awaitConnections(CountDownLatch connected) {
        try {
            if (!connected.await(config.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("Cache tier[memcached] servers[{}] not all connected within connect-timeout[{}];"
                        + " their keys read as misses until they answer", config.servers(), config.connectTimeout());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Returns the smallest item size a connected server reports, less headroom; no limit when none answers. */
    private long serverItemLimit() {
        long limit = Long.MAX_VALUE;
        try {
            for (var settings : client.getStats("settings").values()) {
                var itemSizeMax = settings.get("item_size_max");
                if (itemSizeMax != null) {
                    limit = Math.min(limit, Long.parseLong(itemSizeMax.trim()) - ITEM_HEADER_HEADROOM);
                }
            }
        } catch (RuntimeException e) {
            // A server that does not report its settings keeps the configured limit.
            log.debug("Cache tier[memcached] could not read the servers' item size", e);
        }
        if (limit < config.maxItemBytes()) {
            log.warn("Cache tier[memcached] max-item-bytes[{}] exceeds a server's item size; using maxValueBytes[{}]",
                    config.maxItemBytes(), limit);
        }
        return limit;
    }

    private static void routeClientLoggingToSlf4j() {
        if (System.getProperty("net.spy.log.LoggerImpl") == null) {
            // spymemcached logs to standard error by itself unless told to use SLF4J.
            System.setProperty("net.spy.log.LoggerImpl", "net.spy.memcached.compat.log.SLF4JLogger");
        }
    }
}
