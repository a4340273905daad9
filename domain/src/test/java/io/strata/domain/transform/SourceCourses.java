package io.strata.domain.transform;

import io.strata.domain.key.CourseKey;
import io.strata.domain.key.UsageKey;
import io.strata.ports.SourceBlock;
import io.strata.ports.SourceBlockId;
import io.strata.ports.SourceCourse;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds small hand-made courses for tests: blocks in declaration order (the first is the root),
 * each child appended to its parents in declaration order. Block ids are unique across types.
 */
public final class SourceCourses {
    public static final String COURSE = "course-v1:StrataX+T101+2026";
    public static final CourseKey COURSE_KEY = CourseKey.parse(COURSE);

    private final String courseKey;
    private final Map<String, SourceBlockId> ids = new LinkedHashMap<>();
    private final Map<String, Map<String, Object>> fields = new LinkedHashMap<>();
    private final Map<String, List<SourceBlockId>> children = new LinkedHashMap<>();

    private SourceCourses(String courseKey) {
        this.courseKey = courseKey;
    }

    /** Returns a builder for the test course. */
    public static SourceCourses builder() {
        return new SourceCourses(COURSE);
    }

    /** Returns a builder for a course with another key. */
    public static SourceCourses builder(String courseKey) {
        return new SourceCourses(courseKey);
    }

    /** Returns the usage key of a block of the test course. */
    public static UsageKey usage(String type, String id) {
        return new UsageKey(COURSE_KEY, type, id);
    }

    /** Adds a block with fields under the named parents. */
    public SourceCourses block(String type, String id, Map<String, Object> blockFields, String... parents) {
        var blockId = new SourceBlockId(type, id);
        ids.put(id, blockId);
        fields.put(id, blockFields);
        children.put(id, new ArrayList<>());
        for (var parent : parents) {
            children.get(parent).add(blockId);
        }
        return this;
    }

    /** Adds a block without fields under the named parents. */
    public SourceCourses block(String type, String id, String... parents) {
        return block(type, id, Map.of(), parents);
    }

    /** Adds a child relation between existing blocks, for cycles and the like. */
    public SourceCourses relation(String parent, String child) {
        children.get(parent).add(ids.get(child));
        return this;
    }

    /** Returns the course. */
    public SourceCourse build() {
        var blocks = new ArrayList<SourceBlock>();
        ids.forEach((id, blockId) -> blocks.add(new SourceBlock(blockId, fields.get(id), children.get(id))));
        return new SourceCourse(courseKey, "v1", blocks.get(0).id(), blocks);
    }
}
