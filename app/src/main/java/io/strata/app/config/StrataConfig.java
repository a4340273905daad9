package io.strata.app.config;

import io.strata.adapters.gcs.GcsDurableStoreConfig;
import io.strata.adapters.memcached.MemcachedCacheTierConfig;
import io.strata.adapters.redis.RedisCacheTierConfig;
import io.strata.adapters.s3.S3DurableStoreConfig;
import io.strata.app.config.ConfigLoader.Setting;
import io.strata.ports.Secret;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * Is the effective, validated configuration of one Strata process, with typed values. Build it with
 * {@link ConfigLoader}; the defaults live in {@link ConfigKey}.
 *
 * @param courseSource the configured course folder, or empty for the bundled sample course
 * @param courseArchiveMaxBytes the most uncompressed bytes a {@code .tar.gz} course source may hold
 * @param courseArchiveMaxEntries the most entries a {@code .tar.gz} course source may hold
 * @param learnersFile the configured learners file, or empty for the bundled sample learners
 * @param learnersSelectionsFile the file where saved item-bank selections are kept, or empty for
 *     the default beside the learners file
 * @param inProcessType which in-process tier to use
 * @param inProcessMaxBytes the bytes the in-process tier may hold
 * @param inProcessExpireAfterWrite how long an in-process entry lives; empty for no expiry
 * @param inProcessPointerTtl how long the in-process tier keeps a course's pointer; empty for no expiry
 * @param cacheType which shared cache tier to use
 * @param memcached the memcached tier's settings, validated whatever the cache type
 * @param redis the Redis tier's settings, validated whatever the cache type
 * @param durableType which durable tier to use
 * @param durablePrefix the prefix of every durable path, possibly empty
 * @param durableVersionsToKeep how many published versions of a course the durable tier keeps; 0 or less: all
 * @param durableFolder the folder of the filesystem durable tier
 * @param s3 the S3 durable tier's settings, present exactly when the durable type is {@code s3}
 * @param gcs the GCS durable tier's settings, present exactly when the durable type is {@code gcs}
 * @param durableBacksCache whether a request that misses the caches reads the durable tier and writes
 *     there what it collects; when false only {@code generate-course-blocks --with-storage} writes it
 * @param collectOnMiss whether a request for a course that no tier holds collects it; when false
 *     it is answered as not found
 * @param collectLeaseTtl how long a lease on collecting a course lives in the shared cache unless released
 * @param collectLeaseMaxBackoff the longest wait between two looks at the tiers while another process collects
 * @param publish what a publish event does
 * @param lmsBaseUrl the LMS base URL, without a trailing slash
 * @param service the HTTP service's settings ({@code service.*} and {@code publish.*})
 * @param origins where each key's value came from
 */
public record StrataConfig(Optional<Path> courseSource, long courseArchiveMaxBytes, int courseArchiveMaxEntries,
        Optional<Path> learnersFile, Optional<Path> learnersSelectionsFile, InProcessType inProcessType,
        long inProcessMaxBytes, Optional<Duration> inProcessExpireAfterWrite, Optional<Duration> inProcessPointerTtl,
        CacheType cacheType, MemcachedCacheTierConfig memcached, RedisCacheTierConfig redis, DurableType durableType,
        String durablePrefix, int durableVersionsToKeep, Path durableFolder, Optional<S3DurableStoreConfig> s3,
        Optional<GcsDurableStoreConfig> gcs, boolean durableBacksCache,
        boolean collectOnMiss, Duration collectLeaseTtl, Duration collectLeaseMaxBackoff, Publish publish,
        URI lmsBaseUrl, ServiceConfig service, Map<ConfigKey, String> origins) {
    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h|d)");
    /** Is the first wait of a process that finds a course's lease held; the least collect.lease-max-backoff. */
    public static final Duration MIN_LEASE_BACKOFF = Duration.ofMillis(50);
    private static final Pattern BYTE_SIZE = Pattern.compile("(\\d+)\\s*([KMG]i?B|B)?", Pattern.CASE_INSENSITIVE);

    public StrataConfig {
        requireNonNull(courseSource, "courseSource is null");
        requireNonNull(learnersFile, "learnersFile is null");
        requireNonNull(learnersSelectionsFile, "learnersSelectionsFile is null");
        requireNonNull(inProcessType, "inProcessType is null");
        requireNonNull(inProcessExpireAfterWrite, "inProcessExpireAfterWrite is null");
        requireNonNull(inProcessPointerTtl, "inProcessPointerTtl is null");
        requireNonNull(cacheType, "cacheType is null");
        requireNonNull(memcached, "memcached is null");
        requireNonNull(redis, "redis is null");
        requireNonNull(durableType, "durableType is null");
        requireNonNull(durablePrefix, "durablePrefix is null");
        requireNonNull(durableFolder, "durableFolder is null");
        requireNonNull(s3, "s3 is null");
        if (s3.isPresent() != (durableType == DurableType.S3)) {
            throw new IllegalArgumentException("S3 settings must be given exactly when the durable type is s3");
        }
        requireNonNull(collectLeaseTtl, "collectLeaseTtl is null");
        requireNonNull(collectLeaseMaxBackoff, "collectLeaseMaxBackoff is null");
        requireNonNull(publish, "publish is null");
        if (collectLeaseMaxBackoff.compareTo(MIN_LEASE_BACKOFF) < 0) {
            throw new ConfigException(String.format(Locale.ROOT, "%s[%s] must be at least %dms",
                    ConfigKey.COLLECT_LEASE_MAX_BACKOFF.key(), collectLeaseMaxBackoff,
                    MIN_LEASE_BACKOFF.toMillis()));
        }
        requireNonNull(gcs, "gcs is null");
        if (gcs.isPresent() != (durableType == DurableType.GCS)) {
            throw new IllegalArgumentException("GCS settings must be given exactly when the durable type is gcs");
        }
        requireNonNull(lmsBaseUrl, "lmsBaseUrl is null");
        requireNonNull(service, "service is null");
        origins = Map.copyOf(origins);
        if (courseArchiveMaxBytes <= 0) {
            throw new ConfigException(String.format(Locale.ROOT,
                    "%s must be positive: %d", ConfigKey.COURSE_ARCHIVE_MAX_BYTES.key(), courseArchiveMaxBytes));
        }
        if (courseArchiveMaxEntries <= 0) {
            throw new ConfigException(String.format(Locale.ROOT,
                    "%s must be positive: %d", ConfigKey.COURSE_ARCHIVE_MAX_ENTRIES.key(), courseArchiveMaxEntries));
        }
        if (inProcessMaxBytes <= 0) {
            throw new ConfigException(String.format(Locale.ROOT,
                    "%s must be positive: %d", ConfigKey.IN_PROCESS_MAX_BYTES.key(), inProcessMaxBytes));
        }
    }

    /** Is the choice of in-process tier ({@code in-process.type}). */
    public enum InProcessType { CAFFEINE, NONE }

    /** Is the choice of shared cache tier ({@code cache.type}). */
    public enum CacheType { NONE, MEMCACHED, REDIS }

    /** Is the choice of durable tier ({@code durable.type}). */
    public enum DurableType { FILESYSTEM, S3, GCS }

    /**
     * Is what a publish event (a course changed) does: the keys {@code publish.*}.
     *
     * @param delay how long after the event the course is rebuilt, zero or more; publishes of one
     *     course within the delay cause one rebuild
     * @param maxRetries how many times a failed rebuild is tried again, zero or more
     * @param retryDelay how long to wait before each retry, zero or more
     * @param invalidateCache whether the event evicts the course from the cache tiers at once, so
     *     readers stop getting the previous version before the rebuild lands
     */
    public record Publish(Duration delay, int maxRetries, Duration retryDelay, boolean invalidateCache) {
        public Publish {
            requireNonNull(delay, "delay is null");
            requireNonNull(retryDelay, "retryDelay is null");
            if (maxRetries < 0) {
                throw new ConfigException(String.format(Locale.ROOT,
                        "%s[%d] must be zero or more", ConfigKey.PUBLISH_MAX_RETRIES.key(), maxRetries));
            }
        }
    }

    /** Returns where the value of a key came from, such as {@code default} or {@code file strata.yaml}. */
    public String originOf(ConfigKey key) {
        return origins.getOrDefault(key, "default");
    }

    static StrataConfig from(Map<ConfigKey, Setting> settings) {
        var origins = new EnumMap<ConfigKey, String>(ConfigKey.class);
        settings.forEach((key, setting) -> origins.put(key, setting.origin()));
        var durableType = choice(settings, ConfigKey.DURABLE_TYPE, DurableType.class);
        return new StrataConfig(
                optionalPath(settings, ConfigKey.COURSE_SOURCE),
                byteSize(settings, ConfigKey.COURSE_ARCHIVE_MAX_BYTES),
                count(settings, ConfigKey.COURSE_ARCHIVE_MAX_ENTRIES),
                optionalPath(settings, ConfigKey.LEARNERS_FILE),
                optionalPath(settings, ConfigKey.LEARNERS_SELECTIONS_FILE),
                choice(settings, ConfigKey.IN_PROCESS_TYPE, InProcessType.class),
                byteSize(settings, ConfigKey.IN_PROCESS_MAX_BYTES),
                optionalDuration(settings, ConfigKey.IN_PROCESS_EXPIRE_AFTER_WRITE),
                optionalDuration(settings, ConfigKey.IN_PROCESS_POINTER_TTL),
                choice(settings, ConfigKey.CACHE_TYPE, CacheType.class),
                memcached(settings),
                redis(settings),
                durableType,
                settings.get(ConfigKey.DURABLE_PREFIX).value().trim(),
                signedCount(settings, ConfigKey.DURABLE_VERSIONS_TO_KEEP),
                optionalPath(settings, ConfigKey.DURABLE_FILESYSTEM_FOLDER).orElseThrow(
                        () -> new ConfigException(ConfigKey.DURABLE_FILESYSTEM_FOLDER.key() + " must not be empty")),
                durableType == DurableType.S3 ? Optional.of(s3(settings)) : Optional.empty(),
                durableType == DurableType.GCS ? Optional.of(gcs(settings)) : Optional.empty(),
                bool(settings, ConfigKey.DURABLE_BACKS_CACHE),
                bool(settings, ConfigKey.COLLECT_ON_MISS),
                duration(settings, ConfigKey.COLLECT_LEASE_TTL),
                duration(settings, ConfigKey.COLLECT_LEASE_MAX_BACKOFF),
                new Publish(delay(settings, ConfigKey.PUBLISH_DELAY), count(settings, ConfigKey.PUBLISH_MAX_RETRIES),
                        delay(settings, ConfigKey.PUBLISH_RETRY_DELAY),
                        bool(settings, ConfigKey.PUBLISH_INVALIDATE_CACHE)),
                baseUrl(settings, ConfigKey.LMS_BASE_URL),
                ServiceConfig.from(settings),
                origins);
    }

    /**
     * Returns the shared cache's expiry: empty for {@code never} and its synonym {@code until-evicted}
     * (no TTL: the entry stays until the server evicts it for room).
     */
    private static Optional<Duration> cacheExpiry(Map<ConfigKey, Setting> settings) {
        if ("until-evicted".equals(value(settings, ConfigKey.CACHE_EXPIRE_AFTER_WRITE))) {
            return Optional.empty();
        }
        return optionalDuration(settings, ConfigKey.CACHE_EXPIRE_AFTER_WRITE);
    }

    private static MemcachedCacheTierConfig memcached(Map<ConfigKey, Setting> settings) {
        var expiry = cacheExpiry(settings);
        try {
            return new MemcachedCacheTierConfig(servers(settings, ConfigKey.CACHE_MEMCACHED_SERVERS),
                    choice(settings, ConfigKey.CACHE_MEMCACHED_PROTOCOL, MemcachedCacheTierConfig.Protocol.class),
                    duration(settings, ConfigKey.CACHE_MEMCACHED_OPERATION_TIMEOUT),
                    duration(settings, ConfigKey.CACHE_MEMCACHED_CONNECT_TIMEOUT),
                    byteSize(settings, ConfigKey.CACHE_MEMCACHED_MAX_ITEM_BYTES), expiry);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage(), e);
        }
    }

    private static RedisCacheTierConfig redis(Map<ConfigKey, Setting> settings) {
        var expiry = cacheExpiry(settings);
        try {
            return new RedisCacheTierConfig(
                    choice(settings, ConfigKey.CACHE_REDIS_MODE, RedisCacheTierConfig.Mode.class),
                    servers(settings, ConfigKey.CACHE_REDIS_SERVERS),
                    optionalText(settings, ConfigKey.CACHE_REDIS_SENTINEL_MASTER),
                    optionalText(settings, ConfigKey.CACHE_REDIS_USERNAME),
                    optionalText(settings, ConfigKey.CACHE_REDIS_PASSWORD).map(Secret::of),
                    bool(settings, ConfigKey.CACHE_REDIS_TLS),
                    duration(settings, ConfigKey.CACHE_REDIS_OPERATION_TIMEOUT),
                    duration(settings, ConfigKey.CACHE_REDIS_CONNECT_TIMEOUT),
                    count(settings, ConfigKey.CACHE_REDIS_MAX_CONNECTIONS),
                    byteSize(settings, ConfigKey.CACHE_REDIS_MAX_ITEM_BYTES), expiry);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage(), e);
        }
    }

    /** Returns the S3 durable tier's settings; read only when {@code durable.type} is {@code s3}. */
    private static S3DurableStoreConfig s3(Map<ConfigKey, Setting> settings) {
        var bucket = value(settings, ConfigKey.DURABLE_S3_BUCKET);
        if (bucket.isEmpty()) {
            throw new ConfigException(String.format(Locale.ROOT,
                    "%s[] must be set when %s is s3; name the bucket that holds the durable tier",
                    ConfigKey.DURABLE_S3_BUCKET.key(), ConfigKey.DURABLE_TYPE.key()));
        }
        var endpoint = optionalText(settings, ConfigKey.DURABLE_S3_ENDPOINT).map(text -> {
            try {
                return new URI(text);
            } catch (URISyntaxException e) {
                throw new ConfigException(String.format(Locale.ROOT, "%s[%s] is not a valid URL: %s",
                        ConfigKey.DURABLE_S3_ENDPOINT.key(), text, e.getReason()), e);
            }
        });
        try {
            return new S3DurableStoreConfig(bucket, value(settings, ConfigKey.DURABLE_S3_REGION), endpoint,
                    bool(settings, ConfigKey.DURABLE_S3_PATH_STYLE_ACCESS),
                    optionalText(settings, ConfigKey.DURABLE_S3_ACCESS_KEY_ID),
                    optionalText(settings, ConfigKey.DURABLE_S3_SECRET_ACCESS_KEY).map(Secret::of),
                    duration(settings, ConfigKey.DURABLE_S3_CONNECT_TIMEOUT),
                    duration(settings, ConfigKey.DURABLE_S3_READ_TIMEOUT),
                    count(settings, ConfigKey.DURABLE_S3_MAX_ATTEMPTS),
                    duration(settings, ConfigKey.DURABLE_S3_CALL_TIMEOUT));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage(), e);
        }
    }

    /** Returns the GCS durable tier's settings; read only when {@code durable.type} is {@code gcs}. */
    private static GcsDurableStoreConfig gcs(Map<ConfigKey, Setting> settings) {
        var bucket = value(settings, ConfigKey.DURABLE_GCS_BUCKET);
        if (bucket.isEmpty()) {
            throw new ConfigException(String.format(Locale.ROOT,
                    "%s[] must be set when %s is gcs; name the bucket that holds the durable tier",
                    ConfigKey.DURABLE_GCS_BUCKET.key(), ConfigKey.DURABLE_TYPE.key()));
        }
        var endpoint = optionalText(settings, ConfigKey.DURABLE_GCS_ENDPOINT).map(text -> {
            try {
                return new URI(text);
            } catch (URISyntaxException e) {
                throw new ConfigException(String.format(Locale.ROOT, "%s[%s] is not a valid URL: %s",
                        ConfigKey.DURABLE_GCS_ENDPOINT.key(), text, e.getReason()), e);
            }
        });
        try {
            return new GcsDurableStoreConfig(bucket, optionalText(settings, ConfigKey.DURABLE_GCS_PROJECT), endpoint,
                    choice(settings, ConfigKey.DURABLE_GCS_CREDENTIALS, GcsDurableStoreConfig.Credentials.class),
                    optionalPath(settings, ConfigKey.DURABLE_GCS_CREDENTIALS_FILE),
                    duration(settings, ConfigKey.DURABLE_GCS_CONNECT_TIMEOUT),
                    duration(settings, ConfigKey.DURABLE_GCS_READ_TIMEOUT),
                    count(settings, ConfigKey.DURABLE_GCS_MAX_ATTEMPTS),
                    duration(settings, ConfigKey.DURABLE_GCS_CALL_TIMEOUT));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage(), e);
        }
    }

    static Optional<String> optionalText(Map<ConfigKey, Setting> settings, ConfigKey key) {
        var text = value(settings, key);
        return text.isEmpty() ? Optional.empty() : Optional.of(text);
    }

    static boolean bool(Map<ConfigKey, Setting> settings, ConfigKey key) {
        var text = value(settings, key);
        if (!"true".equals(text) && !"false".equals(text)) {
            throw new ConfigException(String.format(Locale.ROOT,
                    "Unknown value %s[%s] (from %s); allowed values: true, false",
                    key.key(), text, settings.get(key).origin()));
        }
        return Boolean.parseBoolean(text);
    }

    static Duration duration(Map<ConfigKey, Setting> settings, ConfigKey key) {
        return optionalDuration(settings, key).orElseThrow(() -> new ConfigException(String.format(Locale.ROOT,
                "%s[%s] must be a duration such as 500ms or 2s; never is not allowed here",
                key.key(), value(settings, key))));
    }

    /** Returns a duration that may be zero, such as {@code 0s} or {@code 30s}; {@code never} is refused. */
    private static Duration delay(Map<ConfigKey, Setting> settings, ConfigKey key) {
        var text = value(settings, key);
        if (text.matches("0+(ms|s|m|h|d)?")) {
            return Duration.ZERO;
        }
        return optionalDuration(settings, key).orElseThrow(() -> new ConfigException(String.format(Locale.ROOT,
                "%s[%s] must be a duration such as 0s or 30s; never is not allowed here", key.key(), text)));
    }

    /** Returns the {@code host:port} list of the key; IPv6 hosts go in brackets ({@code [::1]:6379}). */
    static List<InetSocketAddress> servers(Map<ConfigKey, Setting> settings, ConfigKey key) {
        var text = value(settings, key);
        var servers = new ArrayList<InetSocketAddress>();
        for (var item : text.split(",")) {
            var server = item.trim();
            int colon = server.lastIndexOf(':');
            var host = colon > 0 ? server.substring(0, colon).replace("[", "").replace("]", "") : "";
            var port = colon > 0 ? server.substring(colon + 1) : "";
            if (host.isEmpty() || !port.matches("\\d{1,5}") || Integer.parseInt(port) < 1
                    || Integer.parseInt(port) > 65535) {
                throw new ConfigException(String.format(Locale.ROOT,
                        "%s[%s] holds server[%s], which is not host:port; write host:port pairs separated by"
                                + " commas, such as 10.0.0.1:11211,10.0.0.2:11211",
                        key.key(), text, server));
            }
            servers.add(new InetSocketAddress(host, Integer.parseInt(port)));
        }
        return servers;
    }

    static String value(Map<ConfigKey, Setting> settings, ConfigKey key) {
        return settings.get(key).value().trim();
    }

    private static Optional<Path> optionalPath(Map<ConfigKey, Setting> settings, ConfigKey key) {
        var text = value(settings, key);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Path.of(text));
        } catch (InvalidPathException e) {
            throw new ConfigException(String.format(Locale.ROOT, "%s[%s] is not a valid path: %s",
                    key.key(), text, e.getReason()), e);
        }
    }

    private static <E extends Enum<E>> E choice(Map<ConfigKey, Setting> settings, ConfigKey key, Class<E> type) {
        var text = value(settings, key);
        for (var constant : type.getEnumConstants()) {
            if (constant.name().toLowerCase(Locale.ROOT).replace('_', '-').equals(text)) {
                return constant;
            }
        }
        var allowed = String.join(", ", Arrays.stream(type.getEnumConstants())
                .map(c -> c.name().toLowerCase(Locale.ROOT).replace('_', '-')).toList());
        throw new ConfigException(String.format(Locale.ROOT, "Unknown value %s[%s] (from %s); allowed values: %s",
                key.key(), text, settings.get(key).origin(), allowed));
    }

    static long byteSize(Map<ConfigKey, Setting> settings, ConfigKey key) {
        var text = value(settings, key);
        var matcher = BYTE_SIZE.matcher(text);
        if (!matcher.matches()) {
            throw new ConfigException(String.format(Locale.ROOT,
                    "%s[%s] is not a byte size: write a number with an optional unit, such as 64MiB or 1048576",
                    key.key(), text));
        }
        long number = parseNumber(key, text, matcher.group(1));
        var unit = matcher.group(2) == null ? "B" : matcher.group(2).toUpperCase(Locale.ROOT);
        long factor = switch (unit) {
            case "KB" -> 1000L;
            case "KIB" -> 1L << 10;
            case "MB" -> 1000L * 1000;
            case "MIB" -> 1L << 20;
            case "GB" -> 1000L * 1000 * 1000;
            case "GIB" -> 1L << 30;
            default -> 1L;
        };
        try {
            return Math.multiplyExact(number, factor);
        } catch (ArithmeticException e) {
            throw new ConfigException(String.format(Locale.ROOT, "%s[%s] is too large", key.key(), text), e);
        }
    }

    private static int signedCount(Map<ConfigKey, Setting> settings, ConfigKey key) {
        var text = value(settings, key);
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new ConfigException(String.format(Locale.ROOT,
                    "%s[%s] is not a whole number: write digits, such as 5, or 0 to keep every version",
                    key.key(), text), e);
        }
    }

    static int count(Map<ConfigKey, Setting> settings, ConfigKey key) {
        var text = value(settings, key);
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new ConfigException(String.format(Locale.ROOT,
                    "%s[%s] is not a whole number: write digits only, such as 100000", key.key(), text), e);
        }
    }

    static Optional<Duration> optionalDuration(Map<ConfigKey, Setting> settings, ConfigKey key) {
        var text = value(settings, key);
        if (text.isEmpty() || "never".equals(text)) {
            return Optional.empty();
        }
        var matcher = DURATION.matcher(text);
        Duration duration;
        if (matcher.matches()) {
            duration = durationOf(key, text, parseNumber(key, text, matcher.group(1)), matcher.group(2));
        } else {
            try {
                duration = Duration.parse(text);
            } catch (DateTimeParseException e) {
                throw new ConfigException(String.format(Locale.ROOT,
                        "%s[%s] is not a duration: write never, or a number with ms, s, m, h or d, such as 24h",
                        key.key(), text), e);
            }
        }
        if (duration.isNegative() || duration.isZero()) {
            throw new ConfigException(String.format(Locale.ROOT, "%s[%s] must be positive; write never for no expiry",
                    key.key(), text));
        }
        return Optional.of(duration);
    }

    private static Duration durationOf(ConfigKey key, String text, long amount, String unit) {
        try {
            return switch (unit) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            };
        } catch (ArithmeticException e) {
            throw new ConfigException(String.format(Locale.ROOT, "%s[%s] is too large", key.key(), text), e);
        }
    }

    private static long parseNumber(ConfigKey key, String text, String digits) {
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            throw new ConfigException(String.format(Locale.ROOT, "%s[%s] is too large", key.key(), text), e);
        }
    }

    private static URI baseUrl(Map<ConfigKey, Setting> settings, ConfigKey key) {
        var text = value(settings, key);
        try {
            var uri = new URI(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new ConfigException(String.format(Locale.ROOT,
                        "%s[%s] must be an http or https URL, such as https://lms.example.com", key.key(), text));
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new ConfigException(String.format(Locale.ROOT, "%s[%s] is not a valid URL: %s",
                    key.key(), text, e.getReason()), e);
        }
    }
}
