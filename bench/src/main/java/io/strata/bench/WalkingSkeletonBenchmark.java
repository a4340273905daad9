package io.strata.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.inject.Injector;
import io.strata.adapters.olx.OlxCourseSource;
import io.strata.adapters.olx.OlxCourseSourceConfig;
import io.strata.app.config.ConfigLoader;
import io.strata.app.wiring.Wiring;
import io.strata.domain.api.BlocksApi;
import io.strata.domain.api.BlocksRequest;
import io.strata.domain.api.ReturnType;
import io.strata.domain.codec.StructureCodec;
import io.strata.domain.key.CourseKey;
import io.strata.domain.manager.BlockStructureManager;
import io.strata.domain.structure.BlockStructure;
import io.strata.domain.transform.TransformerRegistry;
import io.strata.domain.transform.UserContext;
import io.strata.ports.LearnerRecord;
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

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Measures the main job on one real course export: import, collect and encode (what
 * {@code generate-course-blocks} does per course), and serving the outline request from the
 * in-process tier and from the durable tier (what {@code course-blocks} does after start-up).
 *
 * <p>Sample mode, so the report gives the median ({@code p0.50}) beside the mean. The course
 * folder is the {@code course} parameter, relative to the working directory; run it from the
 * repository root (see {@code bench/walking-skeleton.sh}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class WalkingSkeletonBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Param("../shared/data/olx/demo-course")
    public String course;

    private OlxCourseSource source;
    private String courseKey;
    private TransformerRegistry registry;
    private StructureCodec codec;
    private SourceCourse sourceCourse;
    private BlockStructure structure;
    private byte[] payload;
    private BlockStructureManager warmManager;
    private BlockStructureManager durableOnlyManager;
    private BlocksApi blocksApi;
    private BlocksRequest outline;
    private UserContext learner;

    @Setup
    public void setUp() throws IOException {
        var folder = Path.of(course);
        source = new OlxCourseSource(OlxCourseSourceConfig.of(folder));
        courseKey = source.listCourses().courseKeys().get(0);
        registry = TransformerRegistry.standard();
        codec = new StructureCodec();
        sourceCourse = source.read(courseKey);
        structure = registry.collect(sourceCourse);
        payload = codec.encode(structure, registry.writeVersionHash());

        var store = Files.createTempDirectory("strata-bench-store");
        var warm = injector(folder, store, "caffeine");
        warm.getInstance(BlockStructureManager.class).generate(CourseKey.parse(courseKey), true, true);
        warmManager = warm.getInstance(BlockStructureManager.class);
        warmManager.loadCurrent(CourseKey.parse(courseKey));
        durableOnlyManager = injector(folder, store, "none").getInstance(BlockStructureManager.class);
        blocksApi = warm.getInstance(BlocksApi.class);
        outline = new BlocksRequest(Optional.empty(), Optional.empty(), Optional.of(3),
                Set.of("children", "graded", "format", "due", "start"), Set.of("problem", "video"), ReturnType.DICT,
                "http://localhost:18000");
        learner = UserContext.of(LearnerRecord.learner("bench_learner"), Instant.now());
        System.err.printf("course[%s] blocks[%d] encoded-bytes[%d]%n", courseKey, structure.size(), payload.length);
    }

    private static Injector injector(Path course, Path store, String inProcessType) {
        var config = ConfigLoader.load(Optional.empty(), Map.of(), List.of("course.source=" + course,
                "durable.filesystem.folder=" + store, "in-process.type=" + inProcessType));
        return Wiring.create(config);
    }

    @Benchmark
    public SourceCourse importCourse() {
        return source.read(courseKey);
    }

    @Benchmark
    public BlockStructure collect() {
        return registry.collect(sourceCourse);
    }

    @Benchmark
    public byte[] encode() {
        return codec.encode(structure, registry.writeVersionHash());
    }

    @Benchmark
    public byte[] importCollectEncode() {
        var collected = registry.collect(source.read(courseKey));
        return codec.encode(collected, registry.writeVersionHash());
    }

    @Benchmark
    public BlockStructure decode() {
        return codec.decode(payload).structure();
    }

    @Benchmark
    public byte[] serveInProcessHit() throws IOException {
        return serve(warmManager);
    }

    @Benchmark
    public byte[] serveFromDurable() throws IOException {
        return serve(durableOnlyManager);
    }

    private byte[] serve(BlockStructureManager manager) throws IOException {
        var loaded = manager.loadCurrent(CourseKey.parse(courseKey));
        return JSON.writeValueAsBytes(blocksApi.render(loaded.structure(), outline, learner).toJsonValue());
    }
}
