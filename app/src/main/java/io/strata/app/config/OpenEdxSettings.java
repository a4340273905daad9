package io.strata.app.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.strata.app.config.ConfigLoader.Setting;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static java.util.Map.entry;

/*
 * Maps the settings an Open edX operator already has onto native keys, in one place:
 *
 * - BLOCK_STRUCTURES_SETTINGS (the LMS's Django setting): STORAGE_CLASS picks durable.type,
 *   STORAGE_KWARGS (the storage class's constructor arguments, written either as django-storages'
 *   global setting names, AWS_... or GS_..., or as its lowercase option names) fill durable.s3.*,
 *   durable.gcs.* or durable.filesystem.folder, DIRECTORY_PREFIX (after the storage's own location) fills
 *   durable.prefix, and the three task settings fill publish.*;
 * - BLOCK_STRUCTURE_CONFIGURATION (the fields of Open edX's BlockStructureConfiguration model);
 * - CACHES.default (Django's cache that Open edX's block structures use) fills cache.*;
 * - the waffle switches block_structure.* (nested or dotted).
 *
 * Each mapped value remembers the Open edX name it came from, so start-up can say why a tier was
 * chosen, and a value given by two Open edX names that disagree fails naming both. A name under
 * these sections that is not mapped fails naming it; a few that only shape Django's behaviour are
 * accepted without effect (NO_EFFECT lists), as documented in docs/configuration.md.
 */

/** Maps the Open edX settings of one configuration file onto native configuration keys. */
final class OpenEdxSettings {
    static final String STORAGE_SETTINGS = "BLOCK_STRUCTURES_SETTINGS";
    static final String CONFIGURATION = "BLOCK_STRUCTURE_CONFIGURATION";
    static final String CACHES = "CACHES";
    static final String SWITCH_PREFIX = "block_structure.";
    /** Are the top-level names this class reads. */
    static final Set<String> SECTIONS = Set.of(STORAGE_SETTINGS, CONFIGURATION, CACHES);

    private static final String S3_BOTO3 = "storages.backends.s3boto3.S3Boto3Storage";
    private static final String S3_BOTO = "storages.backends.s3boto.S3BotoStorage";
    private static final String GOOGLE_CLOUD = "storages.backends.gcloud.GoogleCloudStorage";
    private static final String FILE_SYSTEM = "django.core.files.storage.FileSystemStorage";
    private static final List<String> STORAGE_CLASSES = List.of(S3_BOTO3, S3_BOTO, GOOGLE_CLOUD, FILE_SYSTEM);

    private static final Set<String> MEMCACHED_BACKENDS = Set.of(
            "django.core.cache.backends.memcached.PyMemcacheCache",
            "django.core.cache.backends.memcached.PyLibMCCache",
            "django.core.cache.backends.memcached.MemcachedCache");
    private static final Set<String> REDIS_BACKENDS = Set.of(
            "django.core.cache.backends.redis.RedisCache", "django_redis.cache.RedisCache");
    private static final Set<String> NO_SHARED_CACHE_BACKENDS = Set.of(
            "django.core.cache.backends.dummy.DummyCache", "django.core.cache.backends.locmem.LocMemCache");

    private static final Map<String, ConfigKey> S3_KWARGS = Map.ofEntries(
            entry("AWS_ACCESS_KEY_ID", ConfigKey.DURABLE_S3_ACCESS_KEY_ID),
            entry("AWS_S3_ACCESS_KEY_ID", ConfigKey.DURABLE_S3_ACCESS_KEY_ID),
            entry("access_key", ConfigKey.DURABLE_S3_ACCESS_KEY_ID),
            entry("AWS_SECRET_ACCESS_KEY", ConfigKey.DURABLE_S3_SECRET_ACCESS_KEY),
            entry("AWS_S3_SECRET_ACCESS_KEY", ConfigKey.DURABLE_S3_SECRET_ACCESS_KEY),
            entry("secret_key", ConfigKey.DURABLE_S3_SECRET_ACCESS_KEY),
            entry("AWS_STORAGE_BUCKET_NAME", ConfigKey.DURABLE_S3_BUCKET),
            entry("bucket_name", ConfigKey.DURABLE_S3_BUCKET),
            entry("bucket", ConfigKey.DURABLE_S3_BUCKET),
            entry("AWS_S3_ENDPOINT_URL", ConfigKey.DURABLE_S3_ENDPOINT),
            entry("endpoint_url", ConfigKey.DURABLE_S3_ENDPOINT),
            entry("AWS_S3_REGION_NAME", ConfigKey.DURABLE_S3_REGION),
            entry("region_name", ConfigKey.DURABLE_S3_REGION));
    private static final Set<String> S3_ADDRESSING = Set.of("AWS_S3_ADDRESSING_STYLE", "addressing_style");
    private static final Set<String> S3_LOCATION = Set.of("AWS_LOCATION", "location");
    /** Shape only URLs, ACLs or signing details that Strata does not use. */
    private static final Set<String> S3_NO_EFFECT = Set.of("AWS_DEFAULT_ACL", "default_acl",
            "AWS_QUERYSTRING_AUTH", "querystring_auth", "AWS_S3_SIGNATURE_VERSION", "signature_version",
            "AWS_S3_FILE_OVERWRITE", "file_overwrite", "AWS_S3_CUSTOM_DOMAIN", "custom_domain",
            "AWS_S3_OBJECT_PARAMETERS", "object_parameters");
    private static final Set<String> SECRETS = Set.of("AWS_SECRET_ACCESS_KEY", "AWS_S3_SECRET_ACCESS_KEY",
            "secret_key", "PASSWORD", "LOCATION");

    private static final Map<String, ConfigKey> GCS_KWARGS = Map.ofEntries(
            entry("GS_BUCKET_NAME", ConfigKey.DURABLE_GCS_BUCKET),
            entry("bucket_name", ConfigKey.DURABLE_GCS_BUCKET),
            entry("GS_PROJECT_ID", ConfigKey.DURABLE_GCS_PROJECT),
            entry("project_id", ConfigKey.DURABLE_GCS_PROJECT));
    /** Name a service-account key file here; in Django they hold a credentials object. */
    private static final Set<String> GCS_CREDENTIALS = Set.of("GS_CREDENTIALS", "credentials");
    private static final Set<String> GCS_LOCATION = Set.of("GS_LOCATION", "location");
    /** Shape only URLs, ACLs, uploads or Django's file objects, which Strata does not use. */
    private static final Set<String> GCS_NO_EFFECT = Set.of("GS_DEFAULT_ACL", "default_acl",
            "GS_QUERYSTRING_AUTH", "querystring_auth", "GS_FILE_OVERWRITE", "file_overwrite",
            "GS_CUSTOM_ENDPOINT", "custom_endpoint", "GS_EXPIRATION", "expiration", "GS_IS_GZIPPED", "gzip",
            "GZIP_CONTENT_TYPES", "gzip_content_types", "GS_BLOB_CHUNK_SIZE", "blob_chunk_size",
            "GS_OBJECT_PARAMETERS", "object_parameters", "GS_MAX_MEMORY_SIZE", "max_memory_size",
            "GS_IAM_SIGN_BLOB", "iam_sign_blob", "GS_SA_EMAIL", "sa_email", "GS_FILE_CHARSET", "file_charset");

    /** Shape only Django's own client or key format; Strata's keys have their own namespace. */
    private static final Set<String> CACHE_NO_EFFECT = Set.of("KEY_PREFIX", "VERSION", "KEY_FUNCTION");
    private static final Set<String> CACHE_OPTIONS_NO_EFFECT = Set.of("no_delay", "ignore_exc", "max_pool_size",
            "use_pooling", "binary", "behaviors", "CLIENT_CLASS");

    private final String where;
    private final Map<ConfigKey, Setting> mapped = new EnumMap<>(ConfigKey.class);
    private final Map<ConfigKey, String> mappedFrom = new EnumMap<>(ConfigKey.class);

    private OpenEdxSettings(String where) {
        this.where = where;
    }

    /**
     * Returns the native settings that the Open edX sections and switches of one file give.
     *
     * @param sections the top-level sections found, by name (a subset of {@link #SECTIONS})
     * @param switches the {@code block_structure.*} switches found, by full name, as text
     * @param where where they were read, such as {@code file strata.yaml}
     * @throws ConfigException when a name is unknown, a value is refused, or two names disagree
     */
    static Map<ConfigKey, Setting> map(Map<String, JsonNode> sections, Map<String, String> switches, String where) {
        var settings = new OpenEdxSettings(where);
        if (sections.containsKey(CACHES)) {
            settings.mapCaches(sections.get(CACHES));
        }
        if (sections.containsKey(STORAGE_SETTINGS)) {
            settings.mapStorageSettings(sections.get(STORAGE_SETTINGS));
        }
        if (sections.containsKey(CONFIGURATION)) {
            settings.mapConfiguration(sections.get(CONFIGURATION));
        }
        switches.forEach(settings::mapSwitch);
        return settings.mapped;
    }

    private void mapStorageSettings(JsonNode section) {
        var fields = fields(section, STORAGE_SETTINGS);
        checkKnown(fields, STORAGE_SETTINGS, Set.of("STORAGE_CLASS", "STORAGE_KWARGS", "DIRECTORY_PREFIX",
                "COURSE_PUBLISH_TASK_DELAY", "TASK_MAX_RETRIES", "TASK_DEFAULT_RETRY_DELAY"));
        if (fields.containsKey("STORAGE_CLASS") || fields.containsKey("STORAGE_KWARGS")) {
            mapStorage(fields);
        } else if (fields.containsKey("DIRECTORY_PREFIX")) {
            var name = STORAGE_SETTINGS + ".DIRECTORY_PREFIX";
            put(ConfigKey.DURABLE_PREFIX, text(fields.get("DIRECTORY_PREFIX"), name), name);
        }
        seconds(fields, "COURSE_PUBLISH_TASK_DELAY", ConfigKey.PUBLISH_DELAY);
        seconds(fields, "TASK_DEFAULT_RETRY_DELAY", ConfigKey.PUBLISH_RETRY_DELAY);
        if (fields.containsKey("TASK_MAX_RETRIES")) {
            var name = STORAGE_SETTINGS + ".TASK_MAX_RETRIES";
            put(ConfigKey.PUBLISH_MAX_RETRIES, String.valueOf(wholeNumber(fields.get("TASK_MAX_RETRIES"), name, 0)),
                    name);
        }
    }

    private void mapStorage(Map<String, JsonNode> fields) {
        var className = STORAGE_SETTINGS + ".STORAGE_CLASS";
        if (!fields.containsKey("STORAGE_CLASS")) {
            throw new ConfigException(String.format(Locale.ROOT,
                    "%s.STORAGE_KWARGS in %s needs %s; set it to one of: %s", STORAGE_SETTINGS, where, className,
                    String.join(", ", STORAGE_CLASSES)));
        }
        var storageClass = text(fields.get("STORAGE_CLASS"), className);
        var kwargsName = STORAGE_SETTINGS + ".STORAGE_KWARGS";
        var kwargs = fields.containsKey("STORAGE_KWARGS")
                ? fields(fields.get("STORAGE_KWARGS"), kwargsName) : new LinkedHashMap<String, JsonNode>();
        var directoryPrefix = fields.containsKey("DIRECTORY_PREFIX")
                ? text(fields.get("DIRECTORY_PREFIX"), STORAGE_SETTINGS + ".DIRECTORY_PREFIX") : "";
        switch (storageClass) {
            case S3_BOTO3, S3_BOTO -> {
                put(ConfigKey.DURABLE_TYPE, "s3", className + "[" + storageClass + "]");
                mapS3Kwargs(kwargs, kwargsName, directoryPrefix);
            }
            case FILE_SYSTEM -> {
                put(ConfigKey.DURABLE_TYPE, "filesystem", className + "[" + storageClass + "]");
                mapFileSystemKwargs(kwargs, kwargsName, directoryPrefix);
            }
            case GOOGLE_CLOUD -> {
                put(ConfigKey.DURABLE_TYPE, "gcs", className + "[" + storageClass + "]");
                mapGcsKwargs(kwargs, kwargsName, directoryPrefix);
            }
            default -> throw new ConfigException(String.format(Locale.ROOT,
                    "Unknown value %s[%s] in %s; allowed values: %s", className, storageClass, where,
                    String.join(", ", STORAGE_CLASSES)));
        }
    }

    private void mapS3Kwargs(Map<String, JsonNode> kwargs, String kwargsName, String directoryPrefix) {
        var known = new TreeSet<>(S3_KWARGS.keySet());
        known.addAll(S3_ADDRESSING);
        known.addAll(S3_LOCATION);
        known.addAll(S3_NO_EFFECT);
        checkKnown(kwargs, kwargsName, known);
        var location = new ArrayList<String>();
        String addressing = null;
        for (var kwarg : kwargs.entrySet()) {
            var name = kwargsName + "." + kwarg.getKey();
            if (S3_KWARGS.containsKey(kwarg.getKey())) {
                put(S3_KWARGS.get(kwarg.getKey()), text(kwarg.getValue(), name), name);
            } else if (S3_LOCATION.contains(kwarg.getKey())) {
                location.add(name);
                location.add(text(kwarg.getValue(), name));
            } else if (S3_ADDRESSING.contains(kwarg.getKey())) {
                addressing = name;
            }
        }
        mapS3PathStyle(kwargs, kwargsName, addressing);
        mapPrefix(location, directoryPrefix);
    }

    private void mapGcsKwargs(Map<String, JsonNode> kwargs, String kwargsName, String directoryPrefix) {
        checkKnown(kwargs, kwargsName, union(union(GCS_KWARGS.keySet(), GCS_CREDENTIALS),
                union(GCS_LOCATION, GCS_NO_EFFECT)));
        var location = new ArrayList<String>();
        for (var kwarg : kwargs.entrySet()) {
            var name = kwargsName + "." + kwarg.getKey();
            if (GCS_KWARGS.containsKey(kwarg.getKey())) {
                put(GCS_KWARGS.get(kwarg.getKey()), text(kwarg.getValue(), name), name);
            } else if (GCS_CREDENTIALS.contains(kwarg.getKey())) {
                put(ConfigKey.DURABLE_GCS_CREDENTIALS, "service-account-file", name);
                put(ConfigKey.DURABLE_GCS_CREDENTIALS_FILE, text(kwarg.getValue(), name), name);
            } else if (GCS_LOCATION.contains(kwarg.getKey())) {
                location.add(name);
                location.add(text(kwarg.getValue(), name));
            }
        }
        mapPrefix(location, directoryPrefix);
    }

    /**
     * Maps the addressing style; without one, an endpoint of one's own means path-style access, which
     * every S3-compatible store accepts (a loopback or IP endpoint cannot take the bucket in its host name).
     */
    private void mapS3PathStyle(Map<String, JsonNode> kwargs, String kwargsName, String addressingName) {
        if (addressingName != null) {
            var style = text(kwargs.get(addressingName.substring(kwargsName.length() + 1)), addressingName);
            var hasEndpoint = mapped.containsKey(ConfigKey.DURABLE_S3_ENDPOINT);
            var pathStyle = switch (style) {
                case "path" -> true;
                case "virtual" -> false;
                case "auto" -> hasEndpoint;
                default -> throw new ConfigException(String.format(Locale.ROOT,
                        "Unknown value %s[%s] in %s; allowed values: path, virtual, auto", addressingName, style,
                        where));
            };
            put(ConfigKey.DURABLE_S3_PATH_STYLE_ACCESS, String.valueOf(pathStyle), addressingName);
        } else if (mapped.containsKey(ConfigKey.DURABLE_S3_ENDPOINT)) {
            put(ConfigKey.DURABLE_S3_PATH_STYLE_ACCESS, "true", mappedFrom.get(ConfigKey.DURABLE_S3_ENDPOINT));
        }
    }

    /** Maps the storage's location and DIRECTORY_PREFIX, which Open edX writes below that location. */
    private void mapPrefix(List<String> location, String directoryPrefix) {
        var parts = new ArrayList<String>();
        var names = new ArrayList<String>();
        for (int i = 0; i < location.size(); i += 2) {
            if (!parts.isEmpty() && !parts.get(0).equals(location.get(i + 1))) {
                throw conflict(names.get(0), parts.get(0), location.get(i), location.get(i + 1));
            }
            if (parts.isEmpty()) {
                parts.add(location.get(i + 1));
                names.add(location.get(i));
            }
        }
        if (!directoryPrefix.isEmpty()) {
            parts.add(directoryPrefix);
            names.add(STORAGE_SETTINGS + ".DIRECTORY_PREFIX");
        }
        if (!parts.isEmpty()) {
            put(ConfigKey.DURABLE_PREFIX, String.join("/", parts), String.join(" + ", names));
        }
    }

    private void mapFileSystemKwargs(Map<String, JsonNode> kwargs, String kwargsName, String directoryPrefix) {
        checkKnown(kwargs, kwargsName, Set.of("location", "base_url"));
        if (kwargs.containsKey("location")) {
            var name = kwargsName + ".location";
            put(ConfigKey.DURABLE_FILESYSTEM_FOLDER, text(kwargs.get("location"), name), name);
        }
        if (!directoryPrefix.isEmpty()) {
            put(ConfigKey.DURABLE_PREFIX, directoryPrefix, STORAGE_SETTINGS + ".DIRECTORY_PREFIX");
        }
    }

    private void mapConfiguration(JsonNode section) {
        var fields = fields(section, CONFIGURATION);
        checkKnown(fields, CONFIGURATION, Set.of("version", "enabled", "num_versions_to_keep",
                "cache_timeout_in_seconds"));
        if (fields.containsKey("version")) {
            var name = CONFIGURATION + ".version";
            var version = wholeNumber(fields.get("version"), name, 1);
            if (version != 1) {
                throw new ConfigException(String.format(Locale.ROOT,
                        "%s[%d] in %s is not supported; this build reads version 1 of this section", name, version,
                        where));
            }
        }
        if (fields.containsKey("enabled")) {
            bool(fields.get("enabled"), CONFIGURATION + ".enabled");
        }
        if (fields.containsKey("num_versions_to_keep")) {
            var name = CONFIGURATION + ".num_versions_to_keep";
            var node = fields.get("num_versions_to_keep");
            put(ConfigKey.DURABLE_VERSIONS_TO_KEEP, node.isNull() ? "0" : String.valueOf(wholeNumber(node, name, 1)),
                    name);
        }
        if (fields.containsKey("cache_timeout_in_seconds")) {
            // Open edX passes it with every write of a block structure, so it wins over CACHES' TIMEOUT.
            mapped.remove(ConfigKey.CACHE_EXPIRE_AFTER_WRITE);
            var name = CONFIGURATION + ".cache_timeout_in_seconds";
            put(ConfigKey.CACHE_EXPIRE_AFTER_WRITE, expiry(fields.get("cache_timeout_in_seconds"), name), name);
        }
    }

    private void mapCaches(JsonNode section) {
        var aliases = fields(section, CACHES);
        if (!aliases.containsKey("default")) {
            throw new ConfigException(String.format(Locale.ROOT,
                    "%s in %s has no default entry; Open edX's block structures use CACHES.default, so give it",
                    CACHES, where));
        }
        var prefix = CACHES + ".default";
        var fields = fields(aliases.get("default"), prefix);
        checkKnown(fields, prefix, Set.of("BACKEND", "LOCATION", "TIMEOUT", "OPTIONS", "KEY_PREFIX", "VERSION",
                "KEY_FUNCTION"));
        if (!fields.containsKey("BACKEND")) {
            throw new ConfigException(String.format(Locale.ROOT, "%s.BACKEND in %s must be set", prefix, where));
        }
        var backendName = prefix + ".BACKEND";
        var backend = text(fields.get("BACKEND"), backendName);
        var options = fields.containsKey("OPTIONS")
                ? fields(fields.get("OPTIONS"), prefix + ".OPTIONS") : new LinkedHashMap<String, JsonNode>();
        if (MEMCACHED_BACKENDS.contains(backend)) {
            put(ConfigKey.CACHE_TYPE, "memcached", backendName + "[" + backend + "]");
            mapMemcached(fields, options, prefix);
        } else if (REDIS_BACKENDS.contains(backend)) {
            put(ConfigKey.CACHE_TYPE, "redis", backendName + "[" + backend + "]");
            mapRedis(fields, options, prefix);
        } else if (NO_SHARED_CACHE_BACKENDS.contains(backend)) {
            put(ConfigKey.CACHE_TYPE, "none", backendName + "[" + backend + "]");
        } else {
            var allowed = new TreeSet<>(MEMCACHED_BACKENDS);
            allowed.addAll(REDIS_BACKENDS);
            allowed.addAll(NO_SHARED_CACHE_BACKENDS);
            throw new ConfigException(String.format(Locale.ROOT, "Unknown value %s[%s] in %s; allowed values: %s",
                    backendName, backend, where, String.join(", ", allowed)));
        }
        if (fields.containsKey("TIMEOUT")) {
            var name = prefix + ".TIMEOUT";
            put(ConfigKey.CACHE_EXPIRE_AFTER_WRITE, expiry(fields.get("TIMEOUT"), name), name);
        }
    }

    private void mapMemcached(Map<String, JsonNode> fields, Map<String, JsonNode> options, String prefix) {
        var optionsName = prefix + ".OPTIONS";
        checkKnown(options, optionsName, union(CACHE_OPTIONS_NO_EFFECT, Set.of("connect_timeout", "timeout")));
        if (fields.containsKey("LOCATION")) {
            var name = prefix + ".LOCATION";
            var servers = new ArrayList<String>();
            for (var location : locations(fields.get("LOCATION"), name)) {
                if (location.startsWith("unix:") || location.startsWith("/")) {
                    throw new ConfigException(String.format(Locale.ROOT,
                            "%s[%s] in %s is a unix socket; Strata connects to memcached over TCP, give host:port",
                            name, location, where));
                }
                servers.add(location.matches(".*:\\d+") ? location : location + ":11211");
            }
            put(ConfigKey.CACHE_MEMCACHED_SERVERS, String.join(",", servers), name + "[" + String.join(",", servers)
                    + "]");
        }
        secondsOption(options, optionsName, "connect_timeout", ConfigKey.CACHE_MEMCACHED_CONNECT_TIMEOUT);
        secondsOption(options, optionsName, "timeout", ConfigKey.CACHE_MEMCACHED_OPERATION_TIMEOUT);
    }

    private void mapRedis(Map<String, JsonNode> fields, Map<String, JsonNode> options, String prefix) {
        var optionsName = prefix + ".OPTIONS";
        checkKnown(options, optionsName, union(CACHE_OPTIONS_NO_EFFECT,
                Set.of("PASSWORD", "SOCKET_CONNECT_TIMEOUT", "SOCKET_TIMEOUT")));
        if (fields.containsKey("LOCATION")) {
            var name = prefix + ".LOCATION";
            var locations = locations(fields.get("LOCATION"), name);
            if (locations.size() != 1) {
                throw new ConfigException(String.format(Locale.ROOT,
                        "%s in %s lists %d servers; Strata reads one Redis server from it (Django's first is the"
                                + " primary), so give one, or set cache.redis.mode and cache.redis.servers instead",
                        name, where, locations.size()));
            }
            mapRedisUrl(locations.get(0), name);
        }
        if (options.containsKey("PASSWORD")) {
            var name = optionsName + ".PASSWORD";
            put(ConfigKey.CACHE_REDIS_PASSWORD, text(options.get("PASSWORD"), name), name);
        }
        secondsOption(options, optionsName, "SOCKET_CONNECT_TIMEOUT", ConfigKey.CACHE_REDIS_CONNECT_TIMEOUT);
        secondsOption(options, optionsName, "SOCKET_TIMEOUT", ConfigKey.CACHE_REDIS_OPERATION_TIMEOUT);
    }

    /** Maps {@code redis://[[user]:password@]host[:port][/db]} (or {@code rediss://} for TLS); the db is not used. */
    private void mapRedisUrl(String location, String name) {
        URI uri;
        try {
            uri = new URI(location);
        } catch (URISyntaxException e) {
            throw new ConfigException(String.format(Locale.ROOT, "%s in %s is not a valid Redis URL: %s", name, where,
                    e.getReason()), e);
        }
        var scheme = uri.getScheme();
        if (!("redis".equals(scheme) || "rediss".equals(scheme)) || uri.getHost() == null) {
            throw new ConfigException(String.format(Locale.ROOT,
                    "%s in %s must be a URL such as redis://10.0.0.5:6379/1 or rediss://… for TLS (unix sockets are"
                            + " not supported)", name, where));
        }
        var host = uri.getHost().contains(":") && !uri.getHost().startsWith("[") ? "[" + uri.getHost() + "]"
                : uri.getHost();
        var server = host + ":" + (uri.getPort() > 0 ? uri.getPort() : 6379);
        put(ConfigKey.CACHE_REDIS_SERVERS, server, name + "[" + server + "]");
        put(ConfigKey.CACHE_REDIS_TLS, String.valueOf("rediss".equals(scheme)), name + "[" + scheme + "://]");
        var userInfo = uri.getUserInfo();
        if (userInfo != null && !userInfo.isEmpty()) {
            int colon = userInfo.indexOf(':');
            var user = colon < 0 ? "" : userInfo.substring(0, colon);
            var password = colon < 0 ? userInfo : userInfo.substring(colon + 1);
            if (!user.isEmpty()) {
                put(ConfigKey.CACHE_REDIS_USERNAME, user, name + "[user " + user + "]");
            }
            if (!password.isEmpty()) {
                put(ConfigKey.CACHE_REDIS_PASSWORD, password, name);
            }
        }
    }

    private void mapSwitch(String name, String value) {
        var key = switch (name) {
            case "block_structure.storage_backing_for_cache" -> ConfigKey.DURABLE_BACKS_CACHE;
            case "block_structure.invalidate_cache_on_publish" -> ConfigKey.PUBLISH_INVALIDATE_CACHE;
            case "block_structure.raise_error_when_not_found" -> ConfigKey.COLLECT_ON_MISS;
            default -> throw new ConfigException(String.format(Locale.ROOT,
                    "Unknown Open edX switch[%s] in %s; known switches: block_structure.storage_backing_for_cache,"
                            + " block_structure.invalidate_cache_on_publish,"
                            + " block_structure.raise_error_when_not_found",
                    name, where));
        };
        if (!"true".equals(value) && !"false".equals(value)) {
            throw new ConfigException(String.format(Locale.ROOT,
                    "Unknown value %s[%s] in %s; allowed values: true, false", name, value, where));
        }
        // Raising an error when no tier holds the course is the opposite of collecting it then.
        var nativeValue = key == ConfigKey.COLLECT_ON_MISS ? String.valueOf(!Boolean.parseBoolean(value)) : value;
        put(key, nativeValue, name + "[" + value + "]");
    }

    private void seconds(Map<String, JsonNode> fields, String field, ConfigKey key) {
        if (fields.containsKey(field)) {
            var name = STORAGE_SETTINGS + "." + field;
            put(key, wholeNumber(fields.get(field), name, 0) + "s", name);
        }
    }

    private void secondsOption(Map<String, JsonNode> options, String optionsName, String option, ConfigKey key) {
        if (!options.containsKey(option)) {
            return;
        }
        var name = optionsName + "." + option;
        var node = options.get(option);
        if (!node.isNumber() || node.asDouble() <= 0) {
            throw new ConfigException(String.format(Locale.ROOT,
                    "%s[%s] in %s must be a positive number of seconds, such as 0.5 or 2", name, node.asText(), where));
        }
        put(key, Math.max(1, Math.round(node.asDouble() * 1000)) + "ms", name);
    }

    /** Returns an expiry in native form: {@code never} for null, {@code Ns} for a positive number of seconds. */
    private String expiry(JsonNode node, String name) {
        if (node.isNull()) {
            return "never";
        }
        if (!node.canConvertToLong() || !node.isIntegralNumber() || node.asLong() <= 0) {
            throw new ConfigException(String.format(Locale.ROOT,
                    "%s[%s] in %s must be a positive number of seconds, or null for no expiry (0 would cache"
                            + " nothing; set cache.type none for that)", name, node.asText(), where));
        }
        return node.asLong() + "s";
    }

    private List<String> locations(JsonNode node, String name) {
        var locations = new ArrayList<String>();
        if (node.isArray()) {
            node.forEach(item -> locations.add(text(item, name)));
        } else {
            for (var item : text(node, name).split("[;,]")) {
                if (!item.isBlank()) {
                    locations.add(item.trim());
                }
            }
        }
        if (locations.isEmpty()) {
            throw new ConfigException(String.format(Locale.ROOT, "%s in %s is empty; give a server", name, where));
        }
        return locations;
    }

    private int wholeNumber(JsonNode node, String name, int min) {
        if (!node.isIntegralNumber() || !node.canConvertToInt() || node.asInt() < min) {
            throw new ConfigException(String.format(Locale.ROOT,
                    "%s[%s] in %s must be a whole number of at least %d", name, node.asText(), where, min));
        }
        return node.asInt();
    }

    private void bool(JsonNode node, String name) {
        if (!node.isBoolean()) {
            throw new ConfigException(String.format(Locale.ROOT,
                    "Unknown value %s[%s] in %s; allowed values: true, false", name, node.asText(), where));
        }
    }

    private String text(JsonNode node, String name) {
        if (node == null || !node.isValueNode() || node.isNull()) {
            throw new ConfigException(String.format(Locale.ROOT,
                    "%s in %s must be a single value", name, where));
        }
        return node.asText().trim();
    }

    private Map<String, JsonNode> fields(JsonNode node, String name) {
        if (node == null || !node.isObject()) {
            throw new ConfigException(String.format(Locale.ROOT,
                    "%s in %s must be a map of names to values", name, where));
        }
        var fields = new LinkedHashMap<String, JsonNode>();
        node.fields().forEachRemaining(field -> fields.put(field.getKey(), field.getValue()));
        return fields;
    }

    private void checkKnown(Map<String, JsonNode> fields, String section, Set<String> known) {
        for (var name : fields.keySet()) {
            if (!known.contains(name)) {
                throw new ConfigException(String.format(Locale.ROOT,
                        "Unknown Open edX setting[%s.%s] in %s; known names there: %s (see docs/configuration.md)",
                        section, name, where, String.join(", ", new TreeSet<>(known))));
            }
        }
    }

    /**
     * Records that the Open edX name sets the native key; the origin names the value unless it is a
     * secret. Fails, naming both, when another Open edX name already set the key to another value.
     */
    private void put(ConfigKey key, String value, String name) {
        var earlier = mapped.get(key);
        if (earlier != null && !earlier.value().equals(value)) {
            throw conflict(mappedFrom.get(key), isSecret(mappedFrom.get(key)) ? "(secret)" : earlier.value(), name,
                    isSecret(name) ? "(secret)" : value);
        }
        if (earlier == null) {
            var shown = isSecret(name) || name.endsWith("]") ? name : name + "[" + value + "]";
            mapped.put(key, new Setting(value, where + " as " + shown));
            mappedFrom.put(key, name);
        }
    }

    private static boolean isSecret(String name) {
        var last = name.substring(name.lastIndexOf('.') + 1);
        return SECRETS.contains(last);
    }

    private ConfigException conflict(String firstName, String firstValue, String secondName, String secondValue) {
        return new ConfigException(String.format(Locale.ROOT,
                "%s[%s] and %s[%s] in %s disagree; keep one of them", firstName, firstValue, secondName, secondValue,
                where));
    }

    private static Set<String> union(Set<String> first, Set<String> second) {
        var all = new TreeSet<>(first);
        all.addAll(second);
        return all;
    }
}
