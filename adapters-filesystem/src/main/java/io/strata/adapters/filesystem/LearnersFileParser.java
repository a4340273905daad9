package io.strata.adapters.filesystem;

import io.strata.ports.CourseRole;
import io.strata.ports.InputRejectedException;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DatabindException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.MapperBuilder;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Reads a learners file (format: docs/learners-file.md) into learners by username. Every fault
 * is an {@link InputRejectedException} naming the file and, where the parser knows it, the line.
 */
final class LearnersFileParser {
    /** Is a file format, chosen by the file name's extension. */
    enum Format {
        YAML(YAMLMapper.builder()),
        JSON(JsonMapper.builder());

        private final ObjectMapper mapper;

        Format(MapperBuilder<?, ?> builder) {
            this.mapper = builder
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .addHandler(new UnknownKeyHandler())
                    .build();
        }

        /** Returns the format the file name asks for, or empty for any other name. */
        static Optional<Format> of(Path file) {
            var name = String.valueOf(file.getFileName()).toLowerCase(Locale.ROOT);
            if (name.endsWith(".yaml") || name.endsWith(".yml")) {
                return Optional.of(YAML);
            }
            return name.endsWith(".json") ? Optional.of(JSON) : Optional.empty();
        }
    }

    /** Is one learner as the file states it, with the course overrides by course key. */
    record Learner(Set<CourseRole> roles, Optional<String> enrollment, Optional<Boolean> enrollmentActive,
            Optional<String> cohort, Map<Long, Long> groups, Map<String, CourseOverride> courses) {
    }

    /** Is what one course adds to, or changes in, a learner's entry, with its item-bank selections. */
    record CourseOverride(Set<CourseRole> roles, Optional<String> enrollment, Optional<Boolean> enrollmentActive,
            Optional<String> cohort, Map<Long, Long> groups, Map<String, List<String>> selections) {
    }

    enum FileRole {
        @JsonProperty("staff") STAFF(CourseRole.STAFF),
        @JsonProperty("instructor") INSTRUCTOR(CourseRole.INSTRUCTOR),
        @JsonProperty("beta_tester") BETA_TESTER(CourseRole.BETA_TESTER);

        private final CourseRole role;

        FileRole(CourseRole role) {
            this.role = role;
        }
    }

    // Mutable on purpose: Jackson reads fields in order from the real parser, so an unknown key is
    // reported with its own line; a record buffers unknown keys and loses their lines.
    static final class LearnerEntry {
        @JsonProperty("username")
        String username;
        @JsonProperty("roles")
        List<FileRole> roles;
        @JsonProperty("enrollment")
        String enrollment;
        @JsonProperty("enrollment_active")
        Boolean enrollmentActive;
        @JsonProperty("cohort")
        String cohort;
        @JsonProperty("groups")
        Map<Long, Long> groups;
        @JsonProperty("courses")
        Map<String, CourseEntry> courses;
    }

    static final class CourseEntry {
        @JsonProperty("roles")
        List<FileRole> roles;
        @JsonProperty("enrollment")
        String enrollment;
        @JsonProperty("enrollment_active")
        Boolean enrollmentActive;
        @JsonProperty("cohort")
        String cohort;
        @JsonProperty("groups")
        Map<Long, Long> groups;
        @JsonProperty("selections")
        Map<String, List<String>> selections;
    }

    private static final String LEARNERS_KEY = "learners";
    private static final String ALLOWED_ROLES = "staff, instructor, beta_tester";

    private final Path file;
    private final Format format;

    LearnersFileParser(Path file) {
        this.file = file;
        this.format = Format.of(file).orElseThrow();
    }

    /** Returns the learners the content states, by username. */
    Map<String, Learner> parse(byte[] content) {
        try (var parser = format.mapper.createParser(content)) {
            var learners = parseDocument(parser);
            if (parser.nextToken() != null) {
                throw rejected(parser.currentTokenLocation(), "the file holds more than one document");
            }
            return learners;
        } catch (UnknownKeyException e) {
            throw rejected(e.getLocation(), e.getOriginalMessage(), e);
        } catch (InvalidFormatException e) {
            throw rejected(tokenLocation(e), describe(e), e);
        } catch (DatabindException e) {
            throw rejected(tokenLocation(e), e.getOriginalMessage(), e);
        } catch (JsonProcessingException e) {
            throw rejected(e.getLocation(), e.getOriginalMessage(), e);
        } catch (IOException e) {
            // The content is already in memory; only the parser itself can fail here.
            throw rejected(null, e.toString(), e);
        }
    }

    private Map<String, Learner> parseDocument(JsonParser parser) throws IOException {
        var learners = new HashMap<String, Learner>();
        if (parser.nextToken() == null) {
            return learners;
        }
        expect(parser, JsonToken.START_OBJECT, "the file must be a map with the key 'learners'");
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            if (!LEARNERS_KEY.equals(parser.currentName())) {
                throw rejected(parser.currentTokenLocation(), String.format(Locale.ROOT,
                        "unknown key[%s]; allowed keys: %s", parser.currentName(), LEARNERS_KEY));
            }
            if (parser.nextToken() != JsonToken.VALUE_NULL) {
                expect(parser, JsonToken.START_ARRAY, "'learners' must be a list");
                parseLearners(parser, learners);
            }
        }
        return learners;
    }

    private void parseLearners(JsonParser parser, Map<String, Learner> learners) throws IOException {
        var firstLines = new HashMap<String, Integer>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            var location = parser.currentTokenLocation();
            expect(parser, JsonToken.START_OBJECT, "each learner must be a map with at least 'username'");
            var entry = format.mapper.readValue(parser, LearnerEntry.class);
            var learner = toLearner(entry, location);
            var previous = firstLines.putIfAbsent(entry.username, location.getLineNr());
            if (previous != null) {
                throw rejected(location, String.format(Locale.ROOT,
                        "username[%s] appears again; its first entry is at line[%d]", entry.username, previous));
            }
            learners.put(entry.username, learner);
        }
    }

    private Learner toLearner(LearnerEntry entry, JsonLocation location) {
        if (entry.username == null || entry.username.isBlank()) {
            throw rejected(location, "a learner has no username or an empty one");
        }
        var what = "username[" + entry.username + "]";
        var courses = new HashMap<String, CourseOverride>();
        if (entry.courses != null) {
            entry.courses.forEach((courseKey, course) -> courses.put(courseKey,
                    toOverride(course, location, what + " course[" + courseKey + "]")));
        }
        return new Learner(roles(entry.roles, location, what), enrollment(entry.enrollment, location, what),
                Optional.ofNullable(entry.enrollmentActive), cohort(entry.cohort, location, what),
                groups(entry.groups, location, what), Map.copyOf(courses));
    }

    private CourseOverride toOverride(CourseEntry course, JsonLocation location, String what) {
        if (course == null) {
            return new CourseOverride(Set.of(), Optional.empty(), Optional.empty(), Optional.empty(), Map.of(),
                    Map.of());
        }
        return new CourseOverride(roles(course.roles, location, what),
                enrollment(course.enrollment, location, what), Optional.ofNullable(course.enrollmentActive),
                cohort(course.cohort, location, what), groups(course.groups, location, what),
                selections(course.selections, location, what));
    }

    private Optional<String> cohort(String cohort, JsonLocation location, String what) {
        if (cohort != null && cohort.isBlank()) {
            throw rejected(location, what + " has an empty cohort; omit it when in no cohort");
        }
        return Optional.ofNullable(cohort);
    }

    private Map<String, List<String>> selections(Map<String, List<String>> selections, JsonLocation location,
            String what) {
        if (selections == null) {
            return Map.of();
        }
        for (var entry : selections.entrySet()) {
            if (entry.getValue() == null || entry.getValue().stream().anyMatch(id -> id == null || id.isBlank())) {
                throw rejected(location, what + " selection of block[" + entry.getKey()
                        + "] must be a list of child usage ids");
            }
        }
        return Map.copyOf(selections);
    }

    private Set<CourseRole> roles(List<FileRole> roles, JsonLocation location, String what) {
        if (roles == null) {
            return Set.of();
        }
        if (roles.contains(null)) {
            throw rejected(location, what + " has an empty role; allowed roles: " + ALLOWED_ROLES);
        }
        var found = EnumSet.noneOf(CourseRole.class);
        roles.forEach(role -> found.add(role.role));
        return Set.copyOf(found);
    }

    private Optional<String> enrollment(String enrollment, JsonLocation location, String what) {
        if (enrollment != null && enrollment.isBlank()) {
            throw rejected(location, what + " has an empty enrollment; omit it when not enrolled");
        }
        return Optional.ofNullable(enrollment);
    }

    private Map<Long, Long> groups(Map<Long, Long> groups, JsonLocation location, String what) {
        if (groups == null) {
            return Map.of();
        }
        if (groups.values().stream().anyMatch(Objects::isNull)) {
            throw rejected(location, what + " has a partition without a group id");
        }
        return Map.copyOf(groups);
    }

    private void expect(JsonParser parser, JsonToken expected, String reason) {
        if (parser.currentToken() != expected) {
            throw rejected(parser.currentTokenLocation(), reason);
        }
    }

    // The YAML parser reads ahead, so an exception's own location may point past the faulty token.
    private static JsonLocation tokenLocation(DatabindException e) {
        return e.getProcessor() instanceof JsonParser parser ? parser.currentTokenLocation() : e.getLocation();
    }

    /** Reports an unknown key where it stands; Jackson's own report points past it in YAML. */
    private static final class UnknownKeyHandler extends DeserializationProblemHandler {
        @Override
        public boolean handleUnknownProperty(DeserializationContext context, JsonParser parser,
                JsonDeserializer<?> deserializer, Object beanOrClass, String propertyName) throws IOException {
            var message = String.format(Locale.ROOT, "unknown key[%s]; allowed keys: %s",
                    propertyName, sorted(deserializer.getKnownPropertyNames()));
            throw new UnknownKeyException(parser, message, parser.currentTokenLocation());
        }
    }

    private static final class UnknownKeyException extends JsonMappingException {
        private static final long serialVersionUID = 1L;

        UnknownKeyException(JsonParser parser, String message, JsonLocation location) {
            super(parser, message, location);
        }
    }

    private static String describe(InvalidFormatException e) {
        if (e.getTargetType() == FileRole.class) {
            return String.format(Locale.ROOT, "unknown role[%s]; allowed roles: %s", e.getValue(), ALLOWED_ROLES);
        }
        if (e.getTargetType() == Long.class || e.getTargetType() == long.class) {
            return String.format(Locale.ROOT, "value[%s] is not a whole number; partitions and groups are numeric ids",
                    e.getValue());
        }
        return e.getOriginalMessage();
    }

    private static String sorted(Collection<Object> keys) {
        return String.join(", ", keys.stream().map(String::valueOf).collect(Collectors.toCollection(TreeSet::new)));
    }

    private InputRejectedException rejected(JsonLocation location, String reason) {
        return rejected(location, reason, null);
    }

    private InputRejectedException rejected(JsonLocation location, String reason, Throwable cause) {
        var line = location == null ? -1 : location.getLineNr();
        var where = line > 0 ? String.format(Locale.ROOT, "learners file[%s] line[%d]", file, line)
                : String.format(Locale.ROOT, "learners file[%s]", file);
        // Parser messages may span lines (SnakeYAML draws a caret); a log line should not.
        var oneLine = String.valueOf(reason).strip().replaceAll("\\s*\\R\\s*", " ");
        return new InputRejectedException(String.format(Locale.ROOT,
                "Cannot read %s: %s; fix the file (its format is in docs/learners-file.md)", where, oneLine), cause);
    }
}
