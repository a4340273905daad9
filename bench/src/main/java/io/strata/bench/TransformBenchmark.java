package io.strata.bench;

import io.strata.adapters.olx.OlxCourseSource;
import io.strata.adapters.olx.OlxCourseSourceConfig;
import io.strata.app.sample.SampleCourseGenerator;
import io.strata.domain.structure.BlockStructure;
import io.strata.domain.transform.TransformOptions;
import io.strata.domain.transform.TransformView;
import io.strata.domain.transform.TransformerRegistry;
import io.strata.domain.transform.UserContext;
import io.strata.ports.LearnerRecord;
import io.strata.ports.SourceBlock;
import io.strata.ports.SourceBlockId;
import io.strata.ports.SourceCourse;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/*
 * A course is the shared demo export, an OLX folder (bench/transform.sh passes the sample courses
 * that `strata sample-course` writes), or a block count for a synthetic course built here:
 * chapters of sequentials of verticals of leaves (problem, html, video, discussion), with a cohort
 * partition restricting one vertical in ten, one staff-only vertical in fifty, one sequential in
 * eight starting after the request time and one library_content per chapter. The synthetic
 * courses are what the first figures in docs/benchmarks.md were measured on.
 */
/**
 * Measures the per-learner transform of one request on one thread: the standard pipeline for an
 * audit learner in a cohort, from the shared collected structure to the transformed view.
 * {@code full} is the outline request (depth all, nav_depth 3, block counts of problem and video);
 * {@code shallow} is {@code depth=1} with neither navigation nor counts. Sample mode, so the
 * report gives the median and the 99th percentile.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class TransformBenchmark {
    private static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");
    /**
     * Is the request time for OLX courses: after the last weekly chapter start of the 100,000-block
     * sample course (2041), so that its whole outline is released, as in a course that has run.
     */
    private static final Instant NOW_FOR_EXPORTS = Instant.parse("2045-01-01T00:00:00Z");
    private static final long COHORTS = 7_000_001L;
    /** Is the sample courses' content experiment; the learner is in its first group. */
    private static final long SAMPLE_EXPERIMENT = SampleCourseGenerator.EXPERIMENT_PARTITION_ID;
    private static final long SAMPLE_GROUP = 501L;
    private static final String COURSE_KEY = "course-v1:StrataBench+Synthetic+2026";

    /**
     * Is the course: {@code demo} (the shared demo export), an OLX folder, or a block count for a
     * synthetic course.
     */
    @Param({"demo", "10000", "100000"})
    public String course;

    /** Is the demo course's folder, relative to the working directory (the repository root). */
    @Param("../shared/data/olx/demo-course")
    public String demoFolder;

    private TransformerRegistry registry;
    private BlockStructure structure;
    private UserContext learner;
    private TransformOptions full;
    private TransformOptions shallow;

    @Setup
    public void setUp() {
        registry = TransformerRegistry.standard();
        SourceCourse source;
        boolean isSynthetic = course.chars().allMatch(Character::isDigit);
        if (isSynthetic) {
            source = synthetic(Integer.parseInt(course));
        } else {
            var folder = Path.of("demo".equals(course) ? demoFolder : course);
            var olx = new OlxCourseSource(OlxCourseSourceConfig.of(folder));
            source = olx.read(olx.listCourses().courseKeys().get(0));
        }
        structure = registry.collect(source);
        learner = UserContext.of(new LearnerRecord("bench_learner", Set.of(), Optional.of("audit"), true,
                Optional.of("Cohort A"), Map.of(COHORTS, 1L, SAMPLE_EXPERIMENT, SAMPLE_GROUP), Map.of()),
                isSynthetic ? NOW : NOW_FOR_EXPORTS);
        full = new TransformOptions(Optional.empty(), Optional.empty(), Optional.of(3), Set.of("problem", "video"));
        shallow = new TransformOptions(Optional.empty(), Optional.of(1), Optional.empty(), Set.of());
        var view = registry.transform(structure, learner, full);
        System.err.printf("course[%s] blocks[%d] kept-for-learner[%d]%n", course, structure.size(),
                view.keptCount());
    }

    @Benchmark
    public TransformView full() {
        return registry.transform(structure, learner, full);
    }

    @Benchmark
    public TransformView shallow() {
        return registry.transform(structure, learner, shallow);
    }

    /** Returns a synthetic course of about {@code blocks} blocks, four leaves per vertical. */
    static SourceCourse synthetic(int blocks) {
        int verticals = Math.max(1, blocks / 5);
        int sequentials = Math.max(1, verticals / 10);
        int chapters = Math.max(1, sequentials / 10);
        var course = new Builder();
        var partitions = List.of(Map.of("id", COHORTS, "name", "Cohorts", "scheme", "cohort",
                "groups", List.of(Map.of("id", 1L, "name", "A"), Map.of("id", 2L, "name", "B"))));
        var root = course.add("course", "root", Map.of("start", Instant.parse("2026-01-01T00:00:00Z"),
                "user_partitions", partitions, "display_name", "Synthetic"));
        int vertical = 0;
        for (int c = 0; c < chapters; c++) {
            var chapter = course.add("chapter", "c" + c, Map.of("display_name", "Chapter " + c));
            course.link(root, chapter);
            var bank = course.add("library_content", "bank" + c, Map.of("max_count", 2L));
            course.link(chapter, bank);
            for (int p = 0; p < 5; p++) {
                course.link(bank, course.add("problem", "bank" + c + "_" + p, Map.of()));
            }
            for (int s = c * sequentials / chapters; s < (c + 1) * sequentials / chapters; s++) {
                var fields = s % 8 == 7 ? Map.<String, Object>of("start", Instant.parse("2027-01-01T00:00:00Z"))
                        : Map.<String, Object>of("graded", true, "format", "Homework");
                var sequential = course.add("sequential", "s" + s, fields);
                course.link(chapter, sequential);
                for (; vertical < (s + 1) * verticals / sequentials; vertical++) {
                    course.link(sequential, verticalWithLeaves(course, vertical));
                }
            }
        }
        return course.build();
    }

    private static SourceBlockId verticalWithLeaves(Builder course, int index) {
        var fields = new HashMap<String, Object>();
        if (index % 10 == 3) {
            fields.put("group_access", Map.of(String.valueOf(COHORTS), List.of(index % 20 == 3 ? 1L : 2L)));
        }
        if (index % 50 == 7) {
            fields.put("visible_to_staff_only", true);
        }
        var vertical = course.add("vertical", "v" + index, fields);
        var types = List.of("problem", "html", "video", "discussion");
        for (int leaf = 0; leaf < types.size(); leaf++) {
            course.link(vertical, course.add(types.get(leaf), "l" + index + "_" + leaf, Map.of()));
        }
        return vertical;
    }

    /** Collects blocks and relations, the root first. */
    private static final class Builder {
        private final List<SourceBlockId> ids = new ArrayList<>();
        private final Map<SourceBlockId, Map<String, Object>> fields = new HashMap<>();
        private final Map<SourceBlockId, List<SourceBlockId>> children = new HashMap<>();

        SourceBlockId add(String type, String id, Map<String, Object> blockFields) {
            var blockId = new SourceBlockId(type, id);
            ids.add(blockId);
            fields.put(blockId, blockFields);
            children.put(blockId, new ArrayList<>());
            return blockId;
        }

        void link(SourceBlockId parent, SourceBlockId child) {
            children.get(parent).add(child);
        }

        SourceCourse build() {
            var blocks = new ArrayList<SourceBlock>(ids.size());
            for (var id : ids) {
                blocks.add(new SourceBlock(id, fields.get(id), children.get(id)));
            }
            return new SourceCourse(COURSE_KEY, "v1", ids.get(0), blocks);
        }
    }
}
