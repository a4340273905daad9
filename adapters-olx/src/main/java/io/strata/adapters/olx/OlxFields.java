package io.strata.adapters.olx;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.strata.ports.CourseImportException;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/*
 * Types field values the way the platform types them. An XML attribute is always text; a few
 * names hold dates, booleans, numbers or JSON, and Studio sometimes writes those as JSON inside
 * the attribute (start="&quot;2015-...&quot;"). A policy.json value is already JSON and is brought
 * to the same Java type for the same name. "null" and "" mean "not set": the field is left out,
 * since a SourceBlock holds no nulls.
 */
final class OlxFields {
    static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private static final Set<String> DATES = Set.of("start", "due", "end");
    private static final Set<String> BOOLEANS = Set.of("visible_to_staff_only", "graded", "hide_after_due",
            "self_paced", "hide_from_toc");
    private static final Set<String> DOUBLES = Set.of("days_early_for_beta");
    private static final Set<String> LONGS = Set.of("max_count");
    private static final Pattern OFFSET_WITHOUT_COLON = Pattern.compile(
            "(.*T\\d\\d:\\d\\d(?::\\d\\d(?:\\.\\d+)?)?)([+-]\\d\\d)(\\d\\d)");
    private static final Set<String> JSON_VALUES = Set.of("group_access", "user_partitions", "group_id_to_child");

    /** Says where a value came from, for error messages. */
    record Origin(String file, int line) {
    }

    private OlxFields() {
    }

    /**
     * Types one XML attribute.
     *
     * @return the typed value, or empty when the attribute says "not set"
     * @throws CourseImportException when a typed attribute's value is invalid
     */
    static Optional<Object> fromAttribute(String name, String value, Origin origin) {
        if (!isTyped(name)) {
            return Optional.of(value);
        }
        var text = unquote(value.strip(), name, origin);
        if (text.isEmpty() || text.equals("null")) {
            return Optional.empty();
        }
        return Optional.of(typed(name, text, origin));
    }

    /**
     * Types one policy.json value.
     *
     * @return the typed value, or empty when the value is null
     * @throws CourseImportException when a typed value is invalid
     */
    static Optional<Object> fromPolicy(String name, JsonNode value, Origin origin) {
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!isTyped(name)) {
            return Optional.ofNullable(plain(value));
        }
        if (value.isTextual()) {
            return fromAttribute(name, value.textValue(), origin);
        }
        return Optional.of(typedJson(name, value, origin));
    }

    private static boolean isTyped(String name) {
        return DATES.contains(name) || BOOLEANS.contains(name) || DOUBLES.contains(name) || LONGS.contains(name)
                || JSON_VALUES.contains(name);
    }

    private static Object typed(String name, String text, Origin origin) {
        if (DATES.contains(name)) {
            return parseDate(name, text, origin);
        }
        if (BOOLEANS.contains(name)) {
            return parseBoolean(name, text, origin);
        }
        if (DOUBLES.contains(name) || LONGS.contains(name)) {
            return parseNumber(name, text, origin);
        }
        return typedJson(name, parseJson(name, text, origin), origin);
    }

    private static Object typedJson(String name, JsonNode value, Origin origin) {
        if (DATES.contains(name) || BOOLEANS.contains(name)) {
            if (value.isBoolean() && BOOLEANS.contains(name)) {
                return value.booleanValue();
            }
            if (value.isIntegralNumber() && value.canConvertToLong() && DATES.contains(name)) {
                // The platform's Date field reads a JSON number as milliseconds since the epoch.
                return Instant.ofEpochMilli(value.longValue());
            }
            throw invalid(name, value.toString(), origin, "is not a valid value for this field");
        }
        if (DOUBLES.contains(name) || LONGS.contains(name)) {
            if (!value.isNumber()) {
                throw invalid(name, value.toString(), origin, "is not a number");
            }
            return parseNumber(name, value.asText(), origin);
        }
        var plain = plain(value);
        return plain == null ? Collections.emptyMap() : plain;
    }

    private static String unquote(String value, String name, Origin origin) {
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            var node = parseJson(name, value, origin);
            return node.textValue().strip();
        }
        return value;
    }

    private static JsonNode parseJson(String name, String text, Origin origin) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw invalid(name, text, origin, "is not valid JSON (" + e.getOriginalMessage() + ")");
        }
    }

    /**
     * Reads the date forms exports hold: ISO-8601 with 'T' or a space, with or without seconds,
     * fraction and zone; a zone written Z, +00:00, +0000 or UTC; or a bare date. A date without a
     * zone is UTC, as the platform reads it.
     */
    private static Instant parseDate(String name, String text, Origin origin) {
        try {
            return toInstant(normalizedDate(text));
        } catch (DateTimeParseException e) {
            throw invalid(name, text, origin, "is not an ISO-8601 date; write it like 2015-10-01T00:30:00Z");
        }
    }

    private static String normalizedDate(String text) {
        var iso = text.length() > 10 && text.charAt(10) == ' ' ? text.substring(0, 10) + 'T' + text.substring(11)
                : text;
        if (iso.endsWith(" UTC") || iso.endsWith("UTC")) {
            iso = iso.substring(0, iso.length() - 3).stripTrailing() + "Z";
        }
        var offset = OFFSET_WITHOUT_COLON.matcher(iso);
        if (offset.matches()) {
            iso = offset.group(1) + offset.group(2) + ":" + offset.group(3);
        }
        return iso;
    }

    private static Instant toInstant(String iso) {
        if (iso.length() == 10) {
            return LocalDate.parse(iso).atStartOfDay(ZoneOffset.UTC).toInstant();
        }
        TemporalAccessor parsed = DateTimeFormatter.ISO_DATE_TIME.parseBest(iso, OffsetDateTime::from,
                LocalDateTime::from);
        if (parsed instanceof OffsetDateTime withOffset) {
            return withOffset.toInstant();
        }
        return ((LocalDateTime) parsed).toInstant(ZoneOffset.UTC);
    }

    private static Boolean parseBoolean(String name, String text, Origin origin) {
        if (text.equalsIgnoreCase("true")) {
            return Boolean.TRUE;
        }
        if (text.equalsIgnoreCase("false")) {
            return Boolean.FALSE;
        }
        throw invalid(name, text, origin, "is not true or false");
    }

    private static Object parseNumber(String name, String text, Origin origin) {
        try {
            if (LONGS.contains(name)) {
                return Long.parseLong(text);
            }
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw invalid(name, text, origin, LONGS.contains(name) ? "is not a whole number" : "is not a number");
        }
    }

    /** Returns the JSON value as String, Boolean, Long, Double, List or Map; null for JSON null. */
    static Object plain(JsonNode node) {
        if (node.isObject()) {
            var map = new LinkedHashMap<String, Object>();
            for (var entry : node.properties()) {
                var value = plain(entry.getValue());
                if (value != null) {
                    map.put(entry.getKey(), value);
                }
            }
            return Collections.unmodifiableMap(map);
        }
        if (node.isArray()) {
            var list = new ArrayList<Object>();
            node.forEach(item -> {
                var value = plain(item);
                if (value != null) {
                    list.add(value);
                }
            });
            return Collections.unmodifiableList(list);
        }
        return scalar(node);
    }

    private static Object scalar(JsonNode node) {
        if (node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isIntegralNumber()) {
            return node.canConvertToLong() ? (Object) node.longValue() : (Object) node.doubleValue();
        }
        if (node.isNumber()) {
            return node.doubleValue();
        }
        return node.asText();
    }

    private static CourseImportException invalid(String name, String value, Origin origin, String problem) {
        return new CourseImportException(origin.file(), origin.line(), name,
                String.format(Locale.ROOT, "value[%s] %s", value, problem), null);
    }
}
