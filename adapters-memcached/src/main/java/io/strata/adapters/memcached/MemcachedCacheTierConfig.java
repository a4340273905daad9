package io.strata.adapters.memcached;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Configures the memcached cache tier.
 *
 * @param servers the servers, spread by consistent (ketama) hashing (key {@code cache.memcached.servers});
 *     at least one
 * @param protocol the wire protocol (key {@code cache.memcached.protocol})
 * @param operationTimeout how long one operation (a get, a multi-get, a set) may take before it
 *     counts as a miss (key {@code cache.memcached.operation-timeout}); positive
 * @param connectTimeout how long start-up waits for the first connection to every server before it
 *     goes on without them (key {@code cache.memcached.connect-timeout}); positive
 * @param maxItemBytes the largest value sent to a server; keep it at least 1 KiB under the
 *     servers' item size ({@code -I}), which also counts the key and the item header (key
 *     {@code cache.memcached.max-item-bytes}); from {@link #MIN_ITEM_BYTES} to {@link #MAX_ITEM_BYTES}
 * @param expireAfterWrite how long an entry lives, or empty to keep it until the server evicts it
 *     (key {@code cache.expire-after-write}); at least one second when present
 */
public record MemcachedCacheTierConfig(List<InetSocketAddress> servers, Protocol protocol, Duration operationTimeout,
        Duration connectTimeout, long maxItemBytes, Optional<Duration> expireAfterWrite) {
    /** Is the default largest value: memcached's default item size of 1 MiB less 8 KiB for key and header. */
    public static final long DEFAULT_MAX_ITEM_BYTES = 1024 * 1024 - 8 * 1024;
    /** Is the smallest item limit accepted. */
    public static final long MIN_ITEM_BYTES = 1024;
    /** Is the largest item limit accepted: memcached's own largest item size, 1 GiB, less the headroom. */
    public static final long MAX_ITEM_BYTES = 1024L * 1024 * 1024 - 8 * 1024;

    public MemcachedCacheTierConfig {
        servers = List.copyOf(requireNonNull(servers, "servers is null"));
        requireNonNull(protocol, "protocol is null");
        requireNonNull(operationTimeout, "operationTimeout is null");
        requireNonNull(connectTimeout, "connectTimeout is null");
        requireNonNull(expireAfterWrite, "expireAfterWrite is null");
        if (servers.isEmpty()) {
            throw new IllegalArgumentException(
                    "Invalid cache.memcached.servers[]: name at least one host:port, such as 127.0.0.1:11211");
        }
        checkPositive("cache.memcached.operation-timeout", operationTimeout);
        checkPositive("cache.memcached.connect-timeout", connectTimeout);
        if (maxItemBytes < MIN_ITEM_BYTES || maxItemBytes > MAX_ITEM_BYTES) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "Invalid cache.memcached.max-item-bytes[%d]: use %d to %d bytes, at least 1 KiB under the"
                            + " servers' -I item size",
                    maxItemBytes, MIN_ITEM_BYTES, MAX_ITEM_BYTES));
        }
        expireAfterWrite.ifPresent(ttl -> {
            if (ttl.compareTo(Duration.ofSeconds(1)) < 0) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "Invalid cache.expire-after-write[%s]: memcached counts whole seconds, so use at least 1s,"
                                + " or never",
                        ttl));
            }
        });
    }

    /** Returns the configuration of one server with the defaults: binary protocol, 1 s timeouts, 24 h expiry. */
    public static MemcachedCacheTierConfig of(InetSocketAddress server) {
        return new MemcachedCacheTierConfig(List.of(server), Protocol.BINARY, Duration.ofSeconds(1),
                Duration.ofSeconds(1), DEFAULT_MAX_ITEM_BYTES, Optional.of(Duration.ofHours(24)));
    }

    /** Is the memcached wire protocol. */
    public enum Protocol {
        /** The binary protocol: compact headers, any key byte. */
        BINARY,
        /** The text (ASCII) protocol, for servers or proxies that lack the binary one. */
        TEXT
    }

    private static void checkPositive(String key, Duration duration) {
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "Invalid %s[%s]: must be positive",
                    key, duration));
        }
    }
}
