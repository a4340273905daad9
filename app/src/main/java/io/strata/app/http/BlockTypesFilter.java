package io.strata.app.http;

import io.strata.domain.api.BlocksResponse;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Applies Open edX's {@code block_types_filter} to a response: only blocks of the listed types are
 * returned, and a kept block's {@code children} list names, in place of each removed child, that
 * child's kept descendants (Open edX removes the other blocks keeping their descendants). The
 * {@code root} stays the start block's id, as in Open edX. Stateless.
 */
final class BlockTypesFilter {
    private BlockTypesFilter() {
    }

    /** Returns the response body with only the given types; the whole body when {@code types} is empty. */
    static Object apply(BlocksResponse response, Set<String> types) {
        if (types.isEmpty()) {
            return response.toJsonValue();
        }
        var byId = new LinkedHashMap<String, Map<String, Object>>();
        response.blocks().forEach(block -> byId.put((String) block.get("id"), block));
        var kept = new ArrayList<Map<String, Object>>();
        for (var block : response.blocks()) {
            if (types.contains((String) block.get("type"))) {
                kept.add(withKeptChildren(block, byId, types));
            }
        }
        return switch (response.returnType()) {
            case LIST -> Collections.unmodifiableList(kept);
            case DICT -> dict(response.root(), kept);
        };
    }

    private static Map<String, Object> withKeptChildren(Map<String, Object> block,
            Map<String, Map<String, Object>> byId, Set<String> types) {
        if (!(block.get("children") instanceof List<?> children)) {
            return block;
        }
        var keptChildren = new ArrayList<String>();
        children.forEach(child -> addKept((String) child, byId, types, keptChildren));
        var copy = new LinkedHashMap<>(block);
        if (keptChildren.isEmpty()) {
            copy.remove("children");
        } else {
            copy.put("children", List.copyOf(keptChildren));
        }
        return copy;
    }

    private static void addKept(String id, Map<String, Map<String, Object>> byId, Set<String> types,
            List<String> into) {
        var block = byId.get(id);
        if (block == null) {
            return;
        }
        if (types.contains((String) block.get("type"))) {
            if (!into.contains(id)) {
                into.add(id);
            }
            return;
        }
        if (block.get("children") instanceof List<?> children) {
            children.forEach(child -> addKept((String) child, byId, types, into));
        }
    }

    private static Map<String, Object> dict(String root, List<Map<String, Object>> blocks) {
        var byId = new LinkedHashMap<String, Object>();
        blocks.forEach(block -> byId.put((String) block.get("id"), block));
        var body = new LinkedHashMap<String, Object>();
        body.put("root", root);
        body.put("blocks", byId);
        return body;
    }
}
