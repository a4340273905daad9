package io.strata.app.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import static java.util.Objects.requireNonNull;

/**
 * Assembles the effective configuration from, in rising precedence: the defaults of
 * {@link ConfigKey}, one YAML (or JSON) file, environment variables {@code STRATA_*}, and
 * {@code key=value} overrides from the command line. Every value remembers where it came from, so
 * start-up can say why a tier was chosen.
 *
 * <p>A file may also hold the settings an Open edX operator already has ({@code
 * BLOCK_STRUCTURES_SETTINGS}, {@code BLOCK_STRUCTURE_CONFIGURATION}, {@code CACHES}, the {@code
 * block_structure.*} switches); {@link OpenEdxSettings} maps them onto native keys, and a key given
 * in one file both natively and by an Open edX name with different values fails naming both.
 * Environment variables and overrides still win over both.
 *
 * <p>A key that is not a native key fails, naming the key and the file; so does a malformed file,
 * or a key written twice (nested and dotted).
 */
public final class ConfigLoader {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    /** Are the {@code STRATA_} variables that are not configuration keys: read by the scripts and logging. */
    private static final Set<String> OTHER_VARIABLES = Set.of("STRATA_LOG_LEVEL", "STRATA_JAVA_OPTS");
    /** Are the keys whose values a message never shows. */
    private static final Set<ConfigKey> SECRET_KEYS = Set.of(ConfigKey.DURABLE_S3_SECRET_ACCESS_KEY,
            ConfigKey.CACHE_REDIS_PASSWORD);

    private ConfigLoader() {
    }

    /**
     * Returns the effective configuration.
     *
     * @param file the configuration file, or empty for none
     * @param environment the process environment (only {@code STRATA_*} variables of known keys are read)
     * @param overrides {@code key=value} pairs, applied last in order
     * @throws ConfigException when the file is missing or malformed, or a key or value is invalid
     */
    public static StrataConfig load(Optional<Path> file, Map<String, String> environment, List<String> overrides) {
        requireNonNull(environment, "environment is null");
        var settings = new EnumMap<ConfigKey, Setting>(ConfigKey.class);
        for (var key : ConfigKey.values()) {
            settings.put(key, new Setting(key.defaultValue(), "default"));
        }
        file.ifPresent(path -> applyFile(settings, path, readFile(path)));
        checkEnvironment(environment);
        for (var key : ConfigKey.values()) {
            var value = environment.get(key.environmentVariable());
            if (value != null) {
                settings.put(key, new Setting(value, "environment " + key.environmentVariable()));
            }
        }
        for (var override : overrides) {
            applyOverride(settings, override);
        }
        try {
            return StrataConfig.from(settings);
        } catch (ConfigException e) {
            throw withOpenEdxOrigins(e, settings);
        }
    }

    /**
     * Puts the file's native values, then the values its Open edX names give; a key given both ways
     * with different values fails naming both.
     */
    private static void applyFile(Map<ConfigKey, Setting> settings, Path path, FileSettings file) {
        file.nativeValues().forEach((key, value) -> settings.put(key, new Setting(value, "file " + path)));
        file.openEdxValues().forEach((key, mapped) -> {
            var nativeValue = file.nativeValues().get(key);
            if (nativeValue == null) {
                settings.put(key, mapped);
            } else if (!isSameValue(key, nativeValue, mapped.value())) {
                boolean secret = SECRET_KEYS.contains(key);
                throw new ConfigException(String.format(Locale.ROOT,
                        "Configuration key %s[%s] in file[%s] disagrees with the Open edX setting that also sets it"
                                + " (%s, meaning %s[%s]); keep one of them", key.key(),
                        secret ? "(secret)" : nativeValue, path, mapped.origin(), key.key(),
                        secret ? "(secret)" : mapped.value()));
            }
        });
    }

    /** Returns whether two texts of a key mean the same value: equal, or equal durations, numbers or prefixes. */
    private static boolean isSameValue(ConfigKey key, String first, String second) {
        if (first.trim().equals(second.trim())) {
            return true;
        }
        if (key == ConfigKey.DURABLE_PREFIX) {
            return normalizedPrefix(first).equals(normalizedPrefix(second));
        }
        var settings = new EnumMap<ConfigKey, Setting>(ConfigKey.class);
        try {
            settings.put(key, new Setting(first, "file"));
            var firstDuration = StrataConfig.optionalDuration(settings, key);
            settings.put(key, new Setting(second, "file"));
            return firstDuration.equals(StrataConfig.optionalDuration(settings, key));
        } catch (ConfigException e) {
            // Not durations: the texts differ, so the values do.
            return false;
        }
    }

    private static String normalizedPrefix(String prefix) {
        return prefix.trim().replaceAll("/+", "/").replaceAll("^/|/$", "");
    }

    /** Adds to a refusal which Open edX setting gave each key it names, since the file does not show the key. */
    private static ConfigException withOpenEdxOrigins(ConfigException e, Map<ConfigKey, Setting> settings) {
        var notes = new StringBuilder();
        settings.forEach((key, setting) -> {
            if (setting.origin().contains(" as ") && e.getMessage().contains(key.key())) {
                notes.append(String.format(Locale.ROOT, "; %s was set by %s", key.key(), setting.origin()));
            }
        });
        return notes.length() == 0 ? e : new ConfigException(e.getMessage() + notes, e);
    }

    /** Returns the defaults alone, as if nothing was configured. */
    public static StrataConfig defaults() {
        return load(Optional.empty(), Map.of(), List.of());
    }

    private static void checkEnvironment(Map<String, String> environment) {
        var known = new HashSet<>(OTHER_VARIABLES);
        for (var key : ConfigKey.values()) {
            known.add(key.environmentVariable());
        }
        for (var variable : new TreeSet<>(environment.keySet())) {
            if (variable.startsWith("STRATA_") && !known.contains(variable)) {
                throw new ConfigException(String.format(Locale.ROOT,
                        "Unknown environment variable[%s]: no configuration key maps to it; see docs/configuration.md",
                        variable));
            }
        }
    }

    private static void applyOverride(Map<ConfigKey, Setting> settings, String override) {
        int equals = override.indexOf('=');
        if (equals <= 0) {
            throw new ConfigException(String.format(Locale.ROOT,
                    "Invalid override[%s]: write key=value, for example durable.type=filesystem", override));
        }
        var name = override.substring(0, equals).trim();
        var key = ConfigKey.byName(name).orElseThrow(() -> unknownKey(name, "the command line"));
        settings.put(key, new Setting(override.substring(equals + 1).trim(), "command line"));
    }

    private static FileSettings readFile(Path path) {
        JsonNode root;
        try {
            root = readSingleDocument(path);
        } catch (NoSuchFileException e) {
            throw new ConfigException(String.format(Locale.ROOT, "Configuration file[%s] does not exist", path), e);
        } catch (JsonProcessingException e) {
            var location = e.getLocation();
            throw new ConfigException(String.format(Locale.ROOT,
                    "Configuration file[%s] line[%d] is not valid YAML: %s",
                    path, location == null ? 0 : location.getLineNr(), e.getOriginalMessage()), e);
        } catch (IOException e) {
            throw new ConfigException(String.format(Locale.ROOT, "Cannot read configuration file[%s]: %s", path, e), e);
        }
        var flat = new LinkedHashMap<String, String>();
        var sections = new LinkedHashMap<String, JsonNode>();
        if (root != null && !root.isNull() && !root.isMissingNode()) {
            if (!root.isObject()) {
                throw new ConfigException(String.format(Locale.ROOT,
                        "Configuration file[%s] must hold a map of keys, found %s", path, root.getNodeType()));
            }
            root.fields().forEachRemaining(field -> {
                if (OpenEdxSettings.SECTIONS.contains(field.getKey())) {
                    sections.put(field.getKey(), field.getValue());
                } else {
                    flatten(field.getKey(), field.getValue(), flat);
                }
            });
        }
        var switches = new LinkedHashMap<String, String>();
        var result = new LinkedHashMap<ConfigKey, String>();
        flat.forEach((name, value) -> {
            if (name.startsWith(OpenEdxSettings.SWITCH_PREFIX)) {
                switches.put(name, value);
            } else {
                result.put(ConfigKey.byName(name).orElseThrow(() -> unknownKey(name, "file " + path)), value);
            }
        });
        return new FileSettings(result, OpenEdxSettings.map(sections, switches, "file " + path));
    }

    private static JsonNode readSingleDocument(Path path) throws IOException {
        try (var parser = YAML.getFactory().createParser(Files.readString(path))) {
            var documents = YAML.readValues(parser, JsonNode.class);
            var first = documents.hasNextValue() ? documents.nextValue() : null;
            if (documents.hasNextValue()) {
                throw new ConfigException(String.format(Locale.ROOT,
                        "Configuration file[%s] holds more than one YAML document; keep every key in one", path));
            }
            return first;
        }
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> flat) {
        if (node.isObject()) {
            node.fields().forEachRemaining(entry -> flatten(
                    prefix.isEmpty() ? entry.getKey() : prefix + "." + entry.getKey(), entry.getValue(), flat));
        } else if (node.isNull()) {
            putOnce(flat, prefix, "");
        } else if (node.isValueNode()) {
            putOnce(flat, prefix, node.asText());
        } else {
            throw new ConfigException(String.format(Locale.ROOT,
                    "Configuration key[%s] must be a single value, found a list", prefix));
        }
    }

    /** Refuses a key written twice, nested and dotted ({@code durable: {prefix: a}} and {@code durable.prefix: b}). */
    private static void putOnce(Map<String, String> flat, String name, String value) {
        if (flat.putIfAbsent(name, value) != null) {
            throw new ConfigException(String.format(Locale.ROOT,
                    "Configuration key[%s] is given twice in one file, nested and dotted; keep one of them", name));
        }
    }

    private static ConfigException unknownKey(String name, String where) {
        var known = String.join(", ", Arrays.stream(ConfigKey.values()).map(ConfigKey::key).toList());
        return new ConfigException(String.format(Locale.ROOT,
                "Unknown configuration key[%s] in %s; known keys: %s; and in a file the Open edX names %s, %s, %s"
                        + " and %s* (see docs/configuration.md)", name, where, known, OpenEdxSettings.STORAGE_SETTINGS,
                OpenEdxSettings.CONFIGURATION, OpenEdxSettings.CACHES, OpenEdxSettings.SWITCH_PREFIX));
    }

    /** Is what one file gives: values of native keys, and the settings its Open edX names map to. */
    private record FileSettings(Map<ConfigKey, String> nativeValues, Map<ConfigKey, Setting> openEdxValues) {
    }

    /** Is one configured value and where it came from ("default", "file …", "environment …", "command line"). */
    public record Setting(String value, String origin) {
    }
}
