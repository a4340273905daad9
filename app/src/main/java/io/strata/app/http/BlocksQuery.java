package io.strata.app.http;

import io.strata.domain.api.BlocksApiVersion;
import io.strata.domain.api.BlocksRequest;
import io.strata.domain.api.ReturnType;
import io.strata.domain.key.CourseKey;
import io.strata.domain.key.InvalidKeyException;
import io.strata.domain.key.UsageKey;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * Is one Blocks API request as its query parameters give it, parsed and checked (Open edX's
 * {@code BlockListGetForm}), before anyone decides whether the caller may see it.
 *
 * @param course the course asked for
 * @param startBlock the block asked for by the {@code /blocks/{usage_id}} route; empty for the course root
 * @param username {@code username}: empty when absent, an empty string for the anonymous view, else a user
 * @param isAllBlocks {@code all_blocks}: every block, without per-learner filtering
 * @param depth {@code depth}: levels below the start block; empty for {@code all}
 * @param navDepth {@code nav_depth}; empty when absent
 * @param requestedFields {@code requested_fields}
 * @param studentViewDataTypes {@code student_view_data}
 * @param blockCountTypes {@code block_counts}
 * @param returnType {@code return_type}
 * @param blockTypesFilter {@code block_types_filter}: the types to return; empty for every type
 * @param asOf {@code as_of}: the moment to show the view at instead of now; empty for now
 */
record BlocksQuery(CourseKey course, Optional<UsageKey> startBlock, Optional<String> username, boolean isAllBlocks,
        Optional<Integer> depth, Optional<Integer> navDepth, Set<String> requestedFields,
        Set<String> studentViewDataTypes, Set<String> blockCountTypes, ReturnType returnType,
        Set<String> blockTypesFilter, Optional<Instant> asOf) {
    /** Is Open edX's {@code depth} default: the start block alone. */
    static final int DEFAULT_DEPTH = 0;

    BlocksQuery {
        requireNonNull(course, "course is null");
        requireNonNull(startBlock, "startBlock is null");
        requireNonNull(username, "username is null");
        requireNonNull(depth, "depth is null");
        requireNonNull(navDepth, "navDepth is null");
        requestedFields = Set.copyOf(requestedFields);
        studentViewDataTypes = Set.copyOf(studentViewDataTypes);
        blockCountTypes = Set.copyOf(blockCountTypes);
        requireNonNull(returnType, "returnType is null");
        blockTypesFilter = Set.copyOf(blockTypesFilter);
        requireNonNull(asOf, "asOf is null");
    }

    /**
     * Returns the query of a {@code GET /api/courses/{version}/blocks/} request: the course comes from
     * {@code course_id}, or, when {@code usageId} is present (the {@code /blocks/{usage_id}} route),
     * from that block's key.
     *
     * @param parameters the query parameters, each with its values in order
     * @throws ApiException (400) naming the first parameter that is missing or not valid
     */
    static BlocksQuery parse(Map<String, List<String>> parameters, Optional<String> usageId) {
        requireNonNull(parameters, "parameters is null");
        var query = new Parameters(parameters);
        var startBlock = usageId.map(BlocksQuery::usageKey);
        var course = startBlock.map(UsageKey::course).orElseGet(() -> courseKey(query.single("course_id")
                .orElseThrow(() -> ApiException.badParameter("course_id",
                        "course_id is required, such as course_id=course-v1:ORG+NUMBER+RUN"))));
        var username = query.single("username").map(String::strip);
        boolean isAllBlocks = query.bool("all_blocks");
        if (username.isEmpty() && !isAllBlocks) {
            throw ApiException.badParameter("username",
                    "username is required unless all_blocks=true; give an empty username for the anonymous view");
        }
        var depth = query.single("depth").map(text -> "all".equals(text.strip()) ? Optional.<Integer>empty()
                : Optional.of(query.count("depth", text))).orElse(Optional.of(DEFAULT_DEPTH));
        var navDepth = query.single("nav_depth").map(text -> query.count("nav_depth", text));
        return new BlocksQuery(course, startBlock, username, isAllBlocks, depth, navDepth,
                query.list("requested_fields"), query.list("student_view_data"), query.list("block_counts"),
                returnType(query.single("return_type").orElse("dict")), query.list("block_types_filter"),
                query.single("as_of").map(BlocksQuery::instant));
    }

    /** Returns the domain's request for this query, served by the given API version. */
    BlocksRequest toRequest(String lmsBaseUrl, BlocksApiVersion version) {
        return new BlocksRequest(startBlock, depth, navDepth, requestedFields, blockCountTypes, returnType,
                lmsBaseUrl, studentViewDataTypes, version);
    }

    private static UsageKey usageKey(String text) {
        try {
            return UsageKey.parse(text);
        } catch (InvalidKeyException e) {
            throw ApiException.badParameter("usage_id", "usage_id[%s] is not a usage key: %s", text, e.getMessage());
        }
    }

    /**
     * Returns the course key of {@code course_id}. A key holds no space, so each space is read as the
     * {@code +} that a client left unencoded in the query string (where {@code +} decodes to a space).
     */
    private static CourseKey courseKey(String text) {
        try {
            return CourseKey.parse(text.strip().replace(' ', '+'));
        } catch (InvalidKeyException e) {
            throw ApiException.badParameter("course_id", "course_id[%s] is not a course key: %s", text,
                    e.getMessage());
        }
    }

    private static ReturnType returnType(String text) {
        return switch (text.strip()) {
            case "dict" -> ReturnType.DICT;
            case "list" -> ReturnType.LIST;
            default -> throw ApiException.badParameter("return_type", "return_type[%s] not accepted; use dict or list",
                    text);
        };
    }

    private static Instant instant(String text) {
        try {
            return Instant.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw ApiException.badParameter("as_of",
                    "as_of[%s] is not an instant; write ISO-8601 UTC, such as 2026-09-01T00:00:00Z", text);
        }
    }

    /** Reads query parameters: one value each, except lists, which may also repeat. */
    private record Parameters(Map<String, List<String>> values) {
        Optional<String> single(String name) {
            var list = values.get(name);
            if (list == null || list.isEmpty()) {
                return Optional.empty();
            }
            if (list.size() > 1) {
                throw ApiException.badParameter(name, "%s is given %d times; give it once", name, list.size());
            }
            return Optional.of(list.get(0));
        }

        boolean bool(String name) {
            return single(name).map(text -> switch (text.strip().toLowerCase(Locale.ROOT)) {
                case "true", "1" -> true;
                case "false", "0", "" -> false;
                default -> throw ApiException.badParameter(name, "%s[%s] not accepted; use true or false", name, text);
            }).orElse(false);
        }

        int count(String name, String text) {
            try {
                int value = Integer.parseInt(text.strip());
                if (value >= 0) {
                    return value;
                }
            } catch (NumberFormatException e) {
                // Reported below with the accepted forms.
            }
            var forms = "depth".equals(name) ? "a number of levels (0 or more) or all" : "a number (0 or more)";
            throw ApiException.badParameter(name, "%s[%s] not accepted; use %s", name, text, forms);
        }

        Set<String> list(String name) {
            var result = new LinkedHashSet<String>();
            for (var value : values.getOrDefault(name, List.of())) {
                for (var item : value.split(",")) {
                    if (!item.isBlank()) {
                        result.add(item.strip());
                    }
                }
            }
            return result;
        }
    }
}
