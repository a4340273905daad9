package io.strata.domain.api;

import io.strata.domain.key.CourseKey;
import io.strata.domain.key.UsageKey;
import io.strata.domain.transform.TimeWindow;
import io.strata.domain.transform.TransformView;
import io.strata.domain.transform.standard.BlockCountsTransformer;
import io.strata.domain.transform.standard.BlockNavigationTransformer;
import io.strata.domain.transform.standard.StartDateTransformer;
import io.strata.domain.transform.standard.StudentViewTransformer;
import io.strata.domain.transform.standard.UserPartitionTransformer;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * Is a Blocks API response in the shape Open edX gives, as plain ordered maps and lists that a JSON
 * writer serializes as they are.
 *
 * <p>Blocks are listed in pre-order of the transformed view (the root first, then each child's
 * subtree in order; a block with several parents once, where first reached). Each block object
 * holds {@code id}, {@code block_id}, {@code lms_web_url}, {@code legacy_web_url},
 * {@code student_view_url}, {@code type} and {@code display_name}, then, in this order and only
 * when asked for: {@code children} (kept children, only for a block that has some, as Open edX
 * does), {@code graded} and {@code visible_to_staff_only} (false when unset), {@code format},
 * {@code due} and {@code start} (left out when unset; dates as {@code 2026-01-01T00:00:00Z}),
 * {@code descendants} (when the request sets a navigation depth, on the blocks that own a list),
 * {@code block_counts} (when the request names types), {@code student_view_data} (for the types the
 * request lists), {@code student_view_multi_device} (when asked for), {@code has_scheduled_content}
 * (when asked for, on the root), {@code authorization_denial_reason} and
 * {@code authorization_denial_message} (on a block kept only to say why it is denied: Blocks API
 * v2), then any other requested collected field the block has, by name.
 *
 * <p>Display name: a missing or empty {@code display_name} becomes the name Studio gives a new
 * block of that type ({@code Section}, {@code Subsection}, {@code Unit}, {@code Text},
 * {@code Problem}, {@code Video}, {@code Discussion}), or the block type itself for any other type.
 * Open edX falls back to per-type defaults too, but not for every type the same way; this keeps one
 * rule. Immutable.
 */
public final class BlocksResponse {
    private static final DateTimeFormatter DATE_FORMAT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final Map<String, String> DEFAULT_NAMES = Map.of("chapter", "Section", "sequential", "Subsection",
            "vertical", "Unit", "html", "Text", "problem", "Problem", "video", "Video", "discussion", "Discussion");
    private static final Set<String> HANDLED_FIELDS = Set.of("id", "block_id", "lms_web_url", "legacy_web_url",
            "student_view_url", "type", "display_name", "children", "graded", "format", "due", "start",
            "visible_to_staff_only", "descendants", "block_counts", StudentViewTransformer.STUDENT_VIEW_DATA,
            StudentViewTransformer.MULTI_DEVICE, StartDateTransformer.HAS_SCHEDULED_CONTENT,
            UserPartitionTransformer.DENIAL_REASON, UserPartitionTransformer.DENIAL_MESSAGE);

    private final String root;
    private final ReturnType returnType;
    private final List<Map<String, Object>> blocks;
    private final TimeWindow validity;

    private BlocksResponse(String root, ReturnType returnType, List<Map<String, Object>> blocks,
            TimeWindow validity) {
        this.root = root;
        this.returnType = returnType;
        this.blocks = blocks;
        this.validity = validity;
    }

    /** Returns the response for a transformed view; an emptied view gives a response with no block. */
    public static BlocksResponse of(TransformView view, BlocksRequest request) {
        requireNonNull(view, "view is null");
        requireNonNull(request, "request is null");
        var blocks = new ArrayList<Map<String, Object>>();
        for (int block : view.preOrder()) {
            blocks.add(blockObject(view, request, block));
        }
        return new BlocksResponse(view.key(view.root()).toString(), request.returnType(),
                Collections.unmodifiableList(blocks), view.validity());
    }

    /**
     * Returns the span of request times over which the same user and request would get this same
     * response from the same structure (the view's {@link TransformView#validity()}).
     */
    public TimeWindow validity() {
        return validity;
    }

    /** Returns the usage id of the start block. */
    public String root() {
        return root;
    }

    /** Returns the shape {@link #toJsonValue()} gives. */
    public ReturnType returnType() {
        return returnType;
    }

    /** Returns the block objects in pre-order; unmodifiable. */
    public List<Map<String, Object>> blocks() {
        return blocks;
    }

    /**
     * Returns the response body: for {@link ReturnType#DICT} a map with {@code root} and
     * {@code blocks} (block objects by usage id, in pre-order); for {@link ReturnType#LIST} the
     * list of block objects.
     */
    public Object toJsonValue() {
        return switch (returnType) {
            case LIST -> blocks;
            case DICT -> dict();
        };
    }

    private Map<String, Object> dict() {
        var byId = new LinkedHashMap<String, Object>();
        blocks.forEach(block -> byId.put((String) block.get("id"), block));
        var body = new LinkedHashMap<String, Object>();
        body.put("root", root);
        body.put("blocks", Collections.unmodifiableMap(byId));
        return Collections.unmodifiableMap(body);
    }

    private static Map<String, Object> blockObject(TransformView view, BlocksRequest request, int block) {
        var key = view.key(block);
        var object = new LinkedHashMap<String, Object>();
        addIdentity(object, key, view.structure().courseKey(), request.lmsBaseUrl());
        object.put("display_name", displayName(view.field(block, "display_name"), key.type()));
        addRequestedFields(object, view, request, block);
        addTransformerData(object, view, request, block);
        for (var field : request.requestedFields()) {
            var value = view.field(block, field);
            if (!HANDLED_FIELDS.contains(field) && value != null) {
                object.put(field, toJson(value));
            }
        }
        return Collections.unmodifiableMap(object);
    }

    private static void addIdentity(Map<String, Object> object, UsageKey key, CourseKey course, String lms) {
        var jumpTo = lms + "/courses/" + course + "/jump_to/" + key;
        object.put("id", key.toString());
        object.put("block_id", key.id());
        object.put("lms_web_url", jumpTo);
        object.put("legacy_web_url", jumpTo + "?experience=legacy");
        object.put("student_view_url", lms + "/xblock/" + key);
        object.put("type", key.type());
    }

    private static void addRequestedFields(Map<String, Object> object, TransformView view, BlocksRequest request,
            int block) {
        if (request.isRequested("children")) {
            var children = view.children(block);
            if (children.length > 0) {
                var ids = new ArrayList<String>(children.length);
                for (int child : children) {
                    ids.add(view.key(child).toString());
                }
                object.put("children", Collections.unmodifiableList(ids));
            }
        }
        if (request.isRequested("graded")) {
            object.put("graded", Boolean.TRUE.equals(view.field(block, "graded")));
        }
        for (var field : List.of("format", "due", "start")) {
            var value = view.field(block, field);
            if (request.isRequested(field) && value != null) {
                object.put(field, toJson(value));
            }
        }
        if (request.isRequested("visible_to_staff_only")) {
            object.put("visible_to_staff_only", Boolean.TRUE.equals(view.field(block, "visible_to_staff_only")));
        }
    }

    private static void addTransformerData(Map<String, Object> object, TransformView view, BlocksRequest request,
            int block) {
        var descendants = view.data(block, BlockNavigationTransformer.DESCENDANTS);
        if (request.navDepth().isPresent() && descendants != null) {
            object.put("descendants", descendants);
        }
        var counts = view.data(block, BlockCountsTransformer.BLOCK_COUNTS);
        if (!request.blockCountTypes().isEmpty() && counts != null) {
            object.put("block_counts", counts);
        }
        var studentViewData = view.data(block, StudentViewTransformer.STUDENT_VIEW_DATA);
        if (studentViewData != null) {
            object.put(StudentViewTransformer.STUDENT_VIEW_DATA, studentViewData);
        }
        if (request.isRequested(StudentViewTransformer.MULTI_DEVICE)) {
            object.put(StudentViewTransformer.MULTI_DEVICE, Boolean.TRUE.equals(view.structure()
                    .transformerData(StudentViewTransformer.NAME, block, StudentViewTransformer.MULTI_DEVICE)));
        }
        if (request.isRequested(StartDateTransformer.HAS_SCHEDULED_CONTENT) && block == view.root()) {
            object.put(StartDateTransformer.HAS_SCHEDULED_CONTENT,
                    Boolean.TRUE.equals(view.data(block, StartDateTransformer.HAS_SCHEDULED_CONTENT)));
        }
        for (var denial : List.of(UserPartitionTransformer.DENIAL_REASON, UserPartitionTransformer.DENIAL_MESSAGE)) {
            var value = view.field(block, denial);
            if (value != null) {
                object.put(denial, value);
            }
        }
    }

    private static String displayName(Object value, String type) {
        if (value instanceof String name && !name.isEmpty()) {
            return name;
        }
        return DEFAULT_NAMES.getOrDefault(type, type);
    }

    /** Returns the value with every date written as an ISO-8601 UTC string. */
    private static Object toJson(Object value) {
        if (value instanceof Instant instant) {
            return DATE_FORMAT.format(instant);
        }
        if (value instanceof List<?> list) {
            return list.stream().map(BlocksResponse::toJson).toList();
        }
        if (value instanceof Map<?, ?> map) {
            var copy = new LinkedHashMap<Object, Object>();
            map.forEach((name, item) -> copy.put(name, toJson(item)));
            return Collections.unmodifiableMap(copy);
        }
        return value;
    }
}
