package io.strata.domain.codec;

import io.strata.domain.key.CourseKey;
import io.strata.domain.key.UsageKey;
import io.strata.domain.structure.BlockStructure;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Builds small structures by hand for codec, store and manager tests. */
public final class SampleStructures {
    public static final CourseKey COURSE = CourseKey.parse("course-v1:edX+DemoX+2024");

    private SampleStructures() {
    }

    /** Returns the structure of a course that holds only its root. */
    public static BlockStructure rootOnly() {
        return BlockStructure.builder(COURSE, "v-root", key(COURSE, "course", "course")).build();
    }

    /** Returns a course → chapter → sequential → vertical → html tree of the given version. */
    public static BlockStructure smallCourse(CourseKey course, String version) {
        var builder = BlockStructure.builder(course, version, key(course, "course", "course"));
        int chapter = builder.addBlock(key(course, "chapter", "week1"));
        int sequential = builder.addBlock(key(course, "sequential", "lesson1"));
        int vertical = builder.addBlock(key(course, "vertical", "unit1"));
        int html = builder.addBlock(key(course, "html", "intro"));
        builder.addChild(0, chapter).addChild(chapter, sequential).addChild(sequential, vertical)
                .addChild(vertical, html);
        builder.setField(0, "display_name", "Demo course " + version);
        builder.setField(html, "display_name", "Introduction");
        builder.setTransformerVersion("visibility", 1);
        builder.setTransformerData("visibility", html, "visible_to_staff_only", false);
        return builder.build();
    }

    /** Returns a structure whose fields and transformer data use every value type, nested and unicode. */
    public static BlockStructure everyValueType() {
        var builder = BlockStructure.builder(COURSE, "0123456789abcdef", key(COURSE, "course", "course"));
        int problem = builder.addBlock(key(COURSE, "problem", "secret:magic"));
        builder.addChild(0, problem);
        builder.setField(0, "display_name", "Démo — 日本語 🎓");
        builder.setField(0, "empty", "");
        builder.setField(0, "start", Instant.parse("2013-02-05T05:00:00Z"));
        builder.setField(0, "before_epoch", Instant.ofEpochSecond(-86_401, 999_999_999));
        builder.setField(0, "max_attempts", Long.MAX_VALUE);
        builder.setField(0, "min", Long.MIN_VALUE);
        builder.setField(0, "negative", -1L);
        builder.setField(0, "weight", 0.75);
        builder.setField(0, "nan", Double.NaN);
        builder.setField(0, "negative_zero", -0.0);
        builder.setField(0, "staff_only", true);
        builder.setField(0, "graded", false);
        builder.setField(problem, "tags", List.of("a", "b", List.of(), List.of(1L, List.of("deep"))));
        builder.setField(problem, "grading", nestedMap());
        builder.setTransformerData("user_partitions", problem, "groups", Map.of("1", List.of(2L, 3L)));
        builder.setTransformerData("user_partitions", 0, "enabled", true);
        builder.setTransformerData("split_test", problem, "children_by_group", Map.of());
        builder.setTransformerVersion("user_partitions", 2);
        builder.setTransformerVersion("split_test", -3);
        builder.setTransformerVersion("start_date", 1);
        return builder.build();
    }

    private static Map<String, Object> nestedMap() {
        var map = new LinkedHashMap<String, Object>();
        map.put("type", "Homework");
        map.put("weight", 0.15);
        map.put("drop", Map.of("count", 2L, "ünïcode", "✓"));
        map.put("due", Instant.parse("2030-01-01T00:00:00.123456789Z"));
        map.put("empty_map", Map.of());
        return map;
    }

    /**
     * Returns a DAG: two chapters share a sequential, a vertical is shared by two sequentials, and
     * block {@code shared} gets its parents in descending index order.
     */
    public static BlockStructure dag() {
        var builder = BlockStructure.builder(COURSE, "dag", key(COURSE, "course", "course"));
        int chapterA = builder.addBlock(key(COURSE, "chapter", "a"));
        int chapterB = builder.addBlock(key(COURSE, "chapter", "b"));
        int sequentialA = builder.addBlock(key(COURSE, "sequential", "a"));
        int sequentialB = builder.addBlock(key(COURSE, "sequential", "b"));
        int shared = builder.addBlock(key(COURSE, "vertical", "shared"));
        int only = builder.addBlock(key(COURSE, "vertical", "only"));
        builder.addChild(0, chapterA).addChild(0, chapterB);
        builder.addChild(chapterB, sequentialB).addChild(chapterA, sequentialA).addChild(chapterB, sequentialA);
        builder.addChild(sequentialB, shared).addChild(sequentialA, only).addChild(sequentialA, shared);
        return builder.build();
    }

    /** Returns a structure of an old-form course, whose usage keys name run "unknown". */
    public static BlockStructure oldFormCourse() {
        var course = CourseKey.parse("edX/Demo/2012");
        var builder = BlockStructure.builder(course, "old", UsageKey.parse("i4x://edX/Demo/course/2012"));
        int chapter = builder.addBlock(UsageKey.parse("i4x://edX/Demo/chapter/intro"));
        builder.addChild(0, chapter);
        return builder.build();
    }

    /** Returns a tree of {@code blocks} blocks, eight children a parent, with fields on each. */
    public static BlockStructure large(int blocks) {
        var builder = BlockStructure.builder(COURSE, "large", key(COURSE, "course", "course"));
        for (int i = 1; i < blocks; i++) {
            int block = builder.addBlock(key(COURSE, "html", "b" + i));
            builder.addChild((i - 1) / 8, block);
            builder.setField(block, "display_name", "Block " + (i % 50));
            builder.setField(block, "index", (long) i);
        }
        return builder.build();
    }

    /**
     * Returns a course of the given version whose blocks carry random display names, so that its
     * payload, which the codec compresses, is about {@code approximateBytes} long.
     */
    public static BlockStructure incompressible(CourseKey course, String version, int approximateBytes) {
        var random = new Random(approximateBytes);
        var builder = BlockStructure.builder(course, version, key(course, "course", "course"));
        int blocks = Math.max(1, approximateBytes / 1024);
        for (int i = 1; i <= blocks; i++) {
            int block = builder.addBlock(key(course, "html", "b" + i));
            builder.addChild(0, block);
            var name = new StringBuilder(1000);
            random.ints(1000, 'a', 'z' + 1).forEach(c -> name.append((char) c));
            builder.setField(block, "display_name", name.toString());
        }
        return builder.build();
    }

    public static UsageKey key(CourseKey course, String type, String id) {
        return new UsageKey(course, type, id);
    }
}
