package io.strata.app.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Lists every native configuration key, with its default and what it means: the one place where
 * defaults live. Keys are lowercase, dot-separated, with kebab-case words; each may also be set by
 * the environment variable {@link #environmentVariable()}.
 */
public enum ConfigKey {
    COURSE_SOURCE("course.source", "",
            "Course folder: one OLX export, a folder of exports, or a .tar.gz; empty = bundled sample course"),
    COURSE_ARCHIVE_MAX_BYTES("course.archive.max-bytes", "512MiB",
            "Most uncompressed bytes a .tar.gz course source may hold; a larger one is refused before extraction"),
    COURSE_ARCHIVE_MAX_ENTRIES("course.archive.max-entries", "100000",
            "Most entries a .tar.gz course source may hold; one with more is refused before extraction"),
    LEARNERS_FILE("learners.file", "",
            "Learners file (YAML or JSON, see docs/learners-file.md); empty = bundled sample learners"),
    LEARNERS_SELECTIONS_FILE("learners.selections-file", "",
            "File where saved item-bank selections are kept; empty = NAME.selections.json beside the learners file"),
    IN_PROCESS_TYPE("in-process.type", "caffeine", "In-process tier: caffeine or none"),
    IN_PROCESS_MAX_BYTES("in-process.max-bytes", "256MiB", "Bytes the in-process tier may hold in all"),
    IN_PROCESS_EXPIRE_AFTER_WRITE("in-process.expire-after-write", "never",
            "How long an entry stays in the in-process tier: never, or a duration such as 30s, 15m, 24h, 7d"),
    IN_PROCESS_POINTER_TTL("in-process.pointer-ttl", "5s",
            "How long the in-process tier keeps a course's current-version pointer, so a publish another process"
                    + " handled reaches this one within it: a duration, or never"),
    CACHE_TYPE("cache.type", "none", "Shared cache tier: none, memcached or redis"),
    CACHE_EXPIRE_AFTER_WRITE("cache.expire-after-write", "24h",
            "How long an entry stays in the shared cache: never (until evicted), or a duration such as 24h"),
    CACHE_MEMCACHED_SERVERS("cache.memcached.servers", "127.0.0.1:11211",
            "memcached servers, host:port separated by commas, spread by consistent hashing"),
    CACHE_MEMCACHED_PROTOCOL("cache.memcached.protocol", "binary", "memcached wire protocol: binary or text"),
    CACHE_MEMCACHED_OPERATION_TIMEOUT("cache.memcached.operation-timeout", "1s",
            "How long one memcached operation may take before it counts as a miss"),
    CACHE_MEMCACHED_CONNECT_TIMEOUT("cache.memcached.connect-timeout", "1s",
            "How long start-up waits for the memcached servers before going on without them"),
    CACHE_MEMCACHED_MAX_ITEM_BYTES("cache.memcached.max-item-bytes", "1016KiB",
            "Largest value sent to memcached; larger payloads are chunked. Keep it 1KiB or more under -I"),
    CACHE_REDIS_MODE("cache.redis.mode", "standalone", "Redis topology: standalone, sentinel or cluster"),
    CACHE_REDIS_SERVERS("cache.redis.servers", "127.0.0.1:6379",
            "Redis server (standalone), sentinels (sentinel) or cluster nodes (cluster): host:port, comma-separated"),
    CACHE_REDIS_SENTINEL_MASTER("cache.redis.sentinel-master", "",
            "Name of the primary the sentinels watch; required in sentinel mode"),
    CACHE_REDIS_USERNAME("cache.redis.username", "", "Redis ACL user; empty = the default user"),
    CACHE_REDIS_PASSWORD("cache.redis.password", "", "Redis password; empty = none. Never logged"),
    CACHE_REDIS_TLS("cache.redis.tls", "false", "Whether Redis connections use TLS: true or false"),
    CACHE_REDIS_OPERATION_TIMEOUT("cache.redis.operation-timeout", "1s",
            "How long one Redis command may wait for its reply before it counts as a miss"),
    CACHE_REDIS_CONNECT_TIMEOUT("cache.redis.connect-timeout", "1s", "How long opening a Redis connection may take"),
    CACHE_REDIS_MAX_CONNECTIONS("cache.redis.max-connections", "64",
            "Most connections open to one Redis server or cluster node"),
    CACHE_REDIS_MAX_ITEM_BYTES("cache.redis.max-item-bytes", "4MiB",
            "Largest value sent to Redis in one command; larger payloads are chunked"),
    DURABLE_TYPE("durable.type", "filesystem", "Durable tier: filesystem, s3 or gcs"),
    DURABLE_PREFIX("durable.prefix", "", "Path prefix of every object in the durable tier"),
    DURABLE_VERSIONS_TO_KEEP("durable.versions-to-keep", "5",
            "Published versions of each course the durable tier keeps, the current one included; 0 or less keeps all"),
    DURABLE_FILESYSTEM_FOLDER("durable.filesystem.folder", "strata-data",
            "Folder of the filesystem durable tier, relative to the working directory unless absolute"),
    DURABLE_S3_BUCKET("durable.s3.bucket", "", "Bucket of the S3 durable tier; required when durable.type is s3"),
    DURABLE_S3_REGION("durable.s3.region", "us-east-1", "Region of the S3 bucket, such as eu-west-1"),
    DURABLE_S3_ENDPOINT("durable.s3.endpoint", "",
            "S3 endpoint URL for S3-compatible stores (MinIO, Ceph, S3Proxy); empty = AWS's endpoint for the region"),
    DURABLE_S3_PATH_STYLE_ACCESS("durable.s3.path-style-access", "false",
            "Whether the bucket goes in the URL path instead of the host name: true or false (most S3-compatible"
                    + " stores need true)"),
    DURABLE_S3_ACCESS_KEY_ID("durable.s3.access-key-id", "",
            "Static S3 access key id; empty = the AWS SDK's default credential chain (environment, profile, role)"),
    DURABLE_S3_SECRET_ACCESS_KEY("durable.s3.secret-access-key", "",
            "Static S3 secret key, set together with the access key id. Never logged"),
    DURABLE_S3_CONNECT_TIMEOUT("durable.s3.connect-timeout", "2s", "How long opening a connection to S3 may take"),
    DURABLE_S3_READ_TIMEOUT("durable.s3.read-timeout", "10s",
            "How long an S3 request may wait for data before the store counts as unavailable"),
    DURABLE_S3_MAX_ATTEMPTS("durable.s3.max-attempts", "3",
            "How many times an S3 request is tried in all before it fails; 1 = no retry"),
    DURABLE_S3_CALL_TIMEOUT("durable.s3.call-timeout", "30s",
            "The most one S3 request may take, retries and body included, before the store counts as unavailable"),
    DURABLE_GCS_BUCKET("durable.gcs.bucket", "", "Bucket of the GCS durable tier; required when durable.type is gcs"),
    DURABLE_GCS_PROJECT("durable.gcs.project", "",
            "Google Cloud project of the requests; empty = the credentials' or the environment's project"),
    DURABLE_GCS_ENDPOINT("durable.gcs.endpoint", "",
            "GCS JSON API endpoint URL, such as an emulator's http://127.0.0.1:9199; empty = Google's"),
    DURABLE_GCS_CREDENTIALS("durable.gcs.credentials", "default",
            "Where GCS credentials come from: default (application default credentials), service-account-file"
                    + " or none (an emulator)"),
    DURABLE_GCS_CREDENTIALS_FILE("durable.gcs.credentials-file", "",
            "Service-account key file (JSON); required exactly when durable.gcs.credentials is service-account-file"),
    DURABLE_GCS_CONNECT_TIMEOUT("durable.gcs.connect-timeout", "2s", "How long opening a connection to GCS may take"),
    DURABLE_GCS_READ_TIMEOUT("durable.gcs.read-timeout", "10s",
            "How long a GCS request may wait for data before the store counts as unavailable"),
    DURABLE_GCS_MAX_ATTEMPTS("durable.gcs.max-attempts", "3",
            "How many times a GCS request is tried in all before it fails; 1 = no retry"),
    DURABLE_GCS_CALL_TIMEOUT("durable.gcs.call-timeout", "30s",
            "How long after a GCS request began a retry may start; the request ends within it plus one"
                    + " connect and read timeout"),
    DURABLE_BACKS_CACHE("durable.backs-cache", "true",
            "Whether a request that misses the caches reads the durable tier, and a collect it causes writes it"
                    + " (Open edX's block_structure.storage_backing_for_cache)"),
    COLLECT_ON_MISS("collect.on-miss", "true",
            "Whether a request for a course no tier holds collects it from the course source; false answers not"
                    + " found (the inverse of Open edX's block_structure.raise_error_when_not_found)"),
    COLLECT_LEASE_TTL("collect.lease-ttl", "60s",
            "How long a process's lease on collecting a course lives in the shared cache unless released;"
                    + " longer than the longest collect"),
    COLLECT_LEASE_MAX_BACKOFF("collect.lease-max-backoff", "1s",
            "Longest wait between two looks at the tiers while another process collects a course"),
    PUBLISH_DELAY("publish.delay", "30s",
            "How long after a publish event the course is rebuilt (Open edX's COURSE_PUBLISH_TASK_DELAY)"),
    PUBLISH_MAX_RETRIES("publish.max-retries", "5",
            "How many times a failed rebuild after a publish is retried (Open edX's TASK_MAX_RETRIES)"),
    PUBLISH_RETRY_DELAY("publish.retry-delay", "30s",
            "How long to wait before retrying a failed rebuild (Open edX's TASK_DEFAULT_RETRY_DELAY)"),
    PUBLISH_INVALIDATE_CACHE("publish.invalidate-cache", "false",
            "Whether a publish evicts the course from the cache tiers at once instead of serving the previous"
                    + " version until the rebuild (Open edX's block_structure.invalidate_cache_on_publish)"),
    LMS_BASE_URL("lms.base-url", "http://localhost:18000", "LMS base URL used in the Blocks API's URLs"),
    SERVICE_HOST("service.host", "0.0.0.0", "Address the HTTP service (strata serve) listens on; 0.0.0.0 = every one"),
    SERVICE_PORT("service.port", "8080", "Port the HTTP service listens on; 0 = a free port, logged at start-up"),
    SERVICE_AUTH_JWT_SECRET_KEY("service.auth.jwt.secret-key", "",
            "Shared key that signs the bearer JWTs the service accepts (HS256); empty = JWTs refused. Never logged"),
    SERVICE_AUTH_JWT_PUBLIC_KEYS("service.auth.jwt.public-keys", "",
            "JWK set (JSON) of the RSA keys that verify RS256/RS384/RS512 bearer JWTs; empty = none"),
    SERVICE_AUTH_JWT_PUBLIC_KEYS_FILE("service.auth.jwt.public-keys-file", "",
            "File holding the JWK set of service.auth.jwt.public-keys, instead of the value itself; empty = none"),
    SERVICE_AUTH_JWT_ISSUER("service.auth.jwt.issuer", "", "Issuer (iss) a JWT must name; empty = not checked"),
    SERVICE_AUTH_JWT_AUDIENCE("service.auth.jwt.audience", "", "Audience (aud) a JWT must name; empty = not checked"),
    SERVICE_AUTH_TRUSTED_SECRET("service.auth.trusted-secret", "",
            "Shared secret of trusted callers, who may act as any user; empty = none. Never logged"),
    SERVICE_AUTH_ALLOW_ANONYMOUS("service.auth.allow-anonymous", "false",
            "Whether requests without credentials get the anonymous view: true or false"),
    SERVICE_STRUCTURES_MAX_BLOCKS("service.structures.max-blocks", "5000000",
            "Blocks of decoded structures the service keeps in memory, all courses together; 0 = none kept"),
    SERVICE_RESPONSES_MAX_BYTES("service.responses.max-bytes", "256MiB",
            "Bytes of rendered Blocks API responses the service keeps in memory for identical requests; 0 = none");

    private static final Map<String, ConfigKey> BY_NAME = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(ConfigKey::key, Function.identity()));

    private final String key;
    private final String defaultValue;
    private final String description;

    ConfigKey(String key, String defaultValue, String description) {
        this.key = key;
        this.defaultValue = defaultValue;
        this.description = description;
    }

    /** Returns the key as written in configuration files, such as {@code durable.type}. */
    public String key() {
        return key;
    }

    /** Returns the value used when nothing sets the key. */
    public String defaultValue() {
        return defaultValue;
    }

    /** Returns a one-line description for documentation and help. */
    public String description() {
        return description;
    }

    /** Returns the environment variable that overrides the key, such as {@code STRATA_DURABLE_TYPE}. */
    public String environmentVariable() {
        return "STRATA_" + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /** Returns the key with this name, or empty when there is none. */
    public static Optional<ConfigKey> byName(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }
}
