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
import io.strata.domain.key.CourseKey;
import io.strata.domain.manager.BlockStructureManager;
import io.strata.domain.transform.UserContext;
import io.strata.ports.LearnerRecord;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/*
 * Not JMH: the two ways of serving are measured in alternation, round after round, so that both
 * see the same load on a machine shared with other work; JMH would measure one, then the other.
 */
/**
 * Measures serving the outline request of one course (load, per-learner transform, JSON) when only
 * the durable tier holds the course, against an in-process hit in the same run, on a folder store,
 * on S3 (the endpoint of an S3Proxy that {@code bench/cold-outline.sh} starts, bucket
 * {@code bench}) and on GCS (the endpoint of the Cloud Storage emulator the script starts, bucket
 * {@code bench}).
 *
 * <p>The cold requests go through a process wired with {@code in-process.type=none} and no shared
 * cache, so each one starts from a cold cache: the pointer and the payload are read from the
 * durable store and decoded. The hits go through a process whose in-process tier holds both (it
 * keeps encoded bytes, so a hit decodes too). Both share the durable store that the setup
 * generates the course into.
 *
 * <p>Usage: {@code ColdOutlineMeasurement COURSE_FOLDER S3_ENDPOINT GCS_ENDPOINT ROUNDS}. Prints one
 * {@code store=... key=value} line per store: medians and 90th percentiles in milliseconds of the
 * whole request, and medians of its load (pointer and payload read and decoded).
 */
public final class ColdOutlineMeasurement {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int WARM_UP_ROUNDS = 15;

    private ColdOutlineMeasurement() {
    }

    public static void main(String[] args) throws IOException {
        var course = Path.of(args[0]);
        int rounds = Integer.parseInt(args[3]);
        var courseKey = CourseKey.parse(new OlxCourseSource(OlxCourseSourceConfig.of(course)).listCourses()
                .courseKeys().get(0));
        for (var store : List.of("filesystem", "s3", "gcs")) {
            measure(store, durableSettings(store, args[1], args[2]), course, courseKey, rounds);
        }
        System.exit(0);
    }

    private static void measure(String store, List<String> durable, Path course, CourseKey courseKey, int rounds)
            throws IOException {
        var warm = injector(course, durable, "caffeine");
        var generated = warm.getInstance(BlockStructureManager.class).generate(courseKey, true, true);
        var serving = new Serving(warm.getInstance(BlocksApi.class), courseKey);
        var hitManager = warm.getInstance(BlockStructureManager.class);
        var coldManager = injector(course, durable, "none").getInstance(BlockStructureManager.class);
        var hitTier = hitManager.loadCurrent(courseKey).source();
        var coldTier = coldManager.loadCurrent(courseKey).source();

        var hits = new double[2][rounds];
        var colds = new double[2][rounds];
        for (int round = -WARM_UP_ROUNDS; round < rounds; round++) {
            // Alternate which goes first, so neither always follows the other's garbage.
            boolean hitFirst = round % 2 == 0;
            var first = serving.time(hitFirst ? hitManager : coldManager);
            var second = serving.time(hitFirst ? coldManager : hitManager);
            if (round >= 0) {
                record(hits, round, hitFirst ? first : second);
                record(colds, round, hitFirst ? second : first);
            }
        }

        System.out.printf(Locale.ROOT, "store=%s blocks=%d encoded-bytes=%d response-bytes=%d hit-tier=%s"
                + " cold-tier=%s rounds=%d hit-p50=%.2f hit-p90=%.2f cold-p50=%.2f cold-p90=%.2f"
                + " hit-load-p50=%.2f cold-load-p50=%.2f%n", store, generated.blocks(), generated.encodedBytes(),
                serving.lastBytes, hitTier, coldTier, rounds, percentile(hits[0], 50), percentile(hits[0], 90),
                percentile(colds[0], 50), percentile(colds[0], 90), percentile(hits[1], 50),
                percentile(colds[1], 50));
    }

    private static void record(double[][] into, int round, double[] measured) {
        into[0][round] = measured[0];
        into[1][round] = measured[1];
    }

    private static double percentile(double[] values, int percent) {
        var sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, sorted.length * percent / 100)];
    }

    private static List<String> durableSettings(String store, String s3Endpoint, String gcsEndpoint)
            throws IOException {
        if ("gcs".equals(store)) {
            return List.of("durable.type=gcs", "durable.gcs.bucket=bench", "durable.gcs.endpoint=" + gcsEndpoint,
                    "durable.gcs.project=strata-bench", "durable.gcs.credentials=none", "durable.gcs.max-attempts=1");
        }
        if ("s3".equals(store)) {
            return List.of("durable.type=s3", "durable.s3.bucket=bench", "durable.s3.endpoint=" + s3Endpoint,
                    "durable.s3.path-style-access=true", "durable.s3.access-key-id=strata-test-access",
                    "durable.s3.secret-access-key=strata-test-secret", "durable.s3.max-attempts=1");
        }
        return List.of("durable.filesystem.folder=" + Files.createTempDirectory("strata-bench-cold-outline"));
    }

    private static Injector injector(Path course, List<String> durable, String inProcessType) {
        var settings = new ArrayList<>(durable);
        settings.addAll(List.of("course.source=" + course, "in-process.type=" + inProcessType, "cache.type=none"));
        return Wiring.create(ConfigLoader.load(Optional.empty(), Map.of(), settings));
    }

    /** Serves the outline request as {@code course-blocks} does after start-up, and times it. */
    private static final class Serving {
        private final BlocksApi blocksApi;
        private final CourseKey courseKey;
        private final BlocksRequest outline = new BlocksRequest(Optional.empty(), Optional.empty(), Optional.of(3),
                Set.of("children", "graded", "format", "due", "start"), Set.of("problem", "video"), ReturnType.DICT,
                "http://localhost:18000");
        private final UserContext learner = UserContext.of(LearnerRecord.learner("bench_learner"), Instant.now());
        private int lastBytes;

        Serving(BlocksApi blocksApi, CourseKey courseKey) {
            this.blocksApi = blocksApi;
            this.courseKey = courseKey;
        }

        /**
         * Returns the milliseconds one request took, from loading the course to the response's bytes,
         * and of those the milliseconds until the course was loaded.
         */
        double[] time(BlockStructureManager manager) throws IOException {
            long start = System.nanoTime();
            var loaded = manager.loadCurrent(courseKey);
            long load = System.nanoTime() - start;
            var response = JSON.writeValueAsBytes(blocksApi.render(loaded.structure(), outline, learner)
                    .toJsonValue());
            long elapsed = System.nanoTime() - start;
            lastBytes = response.length;
            return new double[] {elapsed / 1e6, load / 1e6};
        }
    }
}
