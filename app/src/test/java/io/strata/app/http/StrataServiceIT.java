package io.strata.app.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.strata.app.cli.StrataCommand;
import io.strata.domain.transform.TransformContext;
import io.strata.ports.CourseSource;
import io.strata.testkit.LocalS3Proxy;
import io.strata.testkit.LocalServer;
import io.strata.testkit.SharedCourses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the service end to end over a real memcached and a real S3 API server (S3Proxy), on the shared
 * course exports: its Blocks API answers as the command line does, concurrent first requests collect
 * once, a cache server stopped mid-run fails no request, and each request transforms once.
 */
class StrataServiceIT {
    private static final String AS_OF = "2026-06-01T00:00:00Z";
    private static final String FIELDS = "children,graded,format,due,start,display_name";
    private static final String DEMO = "course-v1:OpenedX+DemoX+DemoCourse";
    private static final String TOY = "course-v1:edX+toy+2012_Fall";
    private static final Optional<String> TRUSTED = Optional.of(RunningService.TRUSTED);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger BUCKETS = new AtomicInteger();

    @RegisterExtension
    static final LocalServer MEMCACHED = LocalServer.memcached();
    @RegisterExtension
    static final LocalS3Proxy S3 = new LocalS3Proxy();

    private RunningService running;

    @AfterEach
    void stop() {
        if (running != null) {
            running.close();
        }
    }

    @Test
    void blocks_everySharedCourse_answersAsTheCommandLineDoes() throws IOException {
        var settings = tierSettings();
        running = RunningService.start(settings);
        var courses = running.injector.getInstance(CourseSource.class).listCourses().courseKeys();

        for (var course : courses) {
            for (var user : List.of("staff", "audit_learner")) {
                var http = running.get("/api/courses/v2/blocks/?course_id=" + encode(course) + "&username=" + user
                        + "&depth=all&nav_depth=3&requested_fields=" + FIELDS + "&block_counts=problem,video,html"
                        + "&student_view_data=video&as_of=" + AS_OF, TRUSTED);
                var cli = commandLine(RunningService.settings(settings), "course-blocks", "--course", course,
                        "--username", user, "--depth", "all", "--nav-depth", "3", "--requested-fields", FIELDS,
                        "--block-counts", "problem,video,html", "--student-view-data", "video", "--api-version", "v2",
                        "--as-of", AS_OF);

                assertThat(http.statusCode()).as("%s as %s: %s", course, user, http.body()).isEqualTo(200);
                assertThat(JSON.readTree(http.body())).as("%s as %s", course, user).isEqualTo(JSON.readTree(cli));
            }
        }
        assertThat(courses).hasSizeGreaterThanOrEqualTo(6);
    }

    @Test
    void blocks_fiftyConcurrentFirstRequests_collectTheCourseOnce() throws Exception {
        // A collect of a second: the requests meet it while it runs, and wait for it.
        running = RunningService.start(tierSettings(), new SlowCollects(Duration.ofSeconds(1)).module());
        var start = new CountDownLatch(1);
        var pool = Executors.newFixedThreadPool(50);

        var statuses = new ArrayList<Future<Integer>>();
        for (int i = 0; i < 50; i++) {
            statuses.add(pool.submit(() -> {
                start.await();
                return running.get(outline(TOY), TRUSTED).statusCode();
            }));
        }
        start.countDown();

        for (var status : statuses) {
            assertThat(status.get()).isEqualTo(200);
        }
        pool.shutdown();
        assertThat(running.metric("strata_collects_total", "")).isEqualTo(1);
        assertThat(running.metric("strata_http_requests_seconds_count",
                "route=\"/api/courses/v1/blocks\",status=\"200\"")).isEqualTo(50);
        assertThat(running.metric("strata_collects_joined_total", "")).isPositive();
    }

    @Test
    void blocks_cacheServerStoppedDuringRequests_failNone() throws Exception {
        var settings = new ArrayList<>(tierSettings());
        // Every request reads the pointer and the payload from memcached: no in-process copy to hide behind.
        settings.addAll(List.of("in-process.type=none", "service.structures.max-blocks=0",
                "cache.memcached.operation-timeout=200ms"));
        running = RunningService.start(settings);
        assertThat(running.get(outline(DEMO), TRUSTED).statusCode()).isEqualTo(200);
        var failures = new AtomicInteger();
        var served = new AtomicInteger();
        var deadline = Instant.now().plus(Duration.ofSeconds(4));

        ExecutorService pool = Executors.newFixedThreadPool(4);
        for (int i = 0; i < 4; i++) {
            pool.submit(() -> {
                while (Instant.now().isBefore(deadline)) {
                    var status = running.get(outline(DEMO), TRUSTED).statusCode();
                    (status == 200 ? served : failures).incrementAndGet();
                }
            });
        }
        Thread.sleep(1000);
        MEMCACHED.stop();
        Thread.sleep(1500);
        MEMCACHED.start();
        pool.shutdown();
        assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

        assertThat(failures.get()).isZero();
        assertThat(served.get()).isGreaterThan(8);
        assertThat(running.metric("strata_tier_errors_total", "tier=\"memcached\"")).isPositive();
        assertThat(running.metric("strata_tier_hits_total", "tier=\"durable\"")).isPositive();
    }

    @Test
    void blocks_durableTierStopped_is503AsJsonAndNotReady() throws IOException {
        var settings = new ArrayList<>(tierSettings());
        settings.addAll(List.of("in-process.type=none", "service.structures.max-blocks=0"));
        running = RunningService.start(settings);
        S3.stop();
        try {
            var response = running.get(outline(TOY), TRUSTED);
            var ready = running.get("/ready", Optional.empty());

            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(JSON.readTree(response.body()).get("detail").asText()).contains("unreachable");
            assertThat(response.body()).doesNotContain("Exception", "at io.");
            assertThat(ready.statusCode()).isEqualTo(503);
            assertThat(JSON.readTree(ready.body()).get("tiers").get("durable").asText()).isEqualTo("down");
            assertThat(JSON.readTree(ready.body()).get("tiers").get("memcached").asText()).isEqualTo("up");
        } finally {
            S3.start();
        }
    }

    @Test
    void blocks_manyParameters_transformOncePerRequest() {
        var transforms = new AtomicInteger();
        // Without rendered responses kept, so that every request transforms: once, not once per parameter.
        var settings = new ArrayList<>(tierSettings());
        settings.add("service.responses.max-bytes=0");
        running = RunningService.start(settings, new CountingTransforms(transforms).module());
        var query = outline(DEMO) + "&student_view_data=video&return_type=list&block_types_filter=chapter,sequential"
                + "&as_of=" + AS_OF;

        for (int i = 0; i < 5; i++) {
            assertThat(running.get(query, TRUSTED).statusCode()).isEqualTo(200);
            assertThat(running.get(query.replace("/v1/", "/v2/"), TRUSTED).statusCode()).isEqualTo(200);
        }

        assertThat(transforms.get()).isEqualTo(10);
    }

    @Test
    void blocks_sameRequestsWithRenderedResponsesKept_transformOnlyUntilTheBodyIsKept() {
        var transforms = new AtomicInteger();
        running = RunningService.start(tierSettings(), new CountingTransforms(transforms).module());
        var query = outline(DEMO) + "&as_of=" + AS_OF;
        var bodies = new ArrayList<String>();

        for (int i = 0; i < 5; i++) {
            var response = running.get(query, TRUSTED);
            assertThat(response.statusCode()).isEqualTo(200);
            bodies.add(response.body());
        }

        // The demo course has item banks: the first request saves the staff user's selections, so it
        // is not kept; the second, with the saved selections in the record, is, and answers the rest.
        assertThat(transforms.get()).isEqualTo(2);
        assertThat(bodies).containsOnly(bodies.get(0));
    }

    private static String outline(String course) {
        return "/api/courses/v1/blocks/?course_id=" + encode(course) + "&username=staff&depth=all&nav_depth=3"
                + "&requested_fields=children,display_name,graded,format,due,start&block_counts=video,problem";
    }

    private static List<String> tierSettings() {
        var bucket = "service-" + BUCKETS.incrementAndGet();
        S3.createBucket(bucket);
        MEMCACHED.flush();
        return List.of("course.source=" + SharedCourses.folder(), "cache.type=memcached",
                "cache.memcached.servers=" + MEMCACHED.hostAndPort(), "durable.type=s3", "durable.s3.bucket=" + bucket,
                "durable.s3.endpoint=" + S3.endpoint(), "durable.s3.path-style-access=true",
                "durable.s3.access-key-id=" + LocalS3Proxy.ACCESS_KEY_ID,
                "durable.s3.secret-access-key=" + LocalS3Proxy.SECRET_ACCESS_KEY, "durable.s3.max-attempts=1");
    }

    private static String commandLine(List<String> settings, String... args) {
        var all = new ArrayList<>(List.of(args));
        settings.forEach(setting -> all.addAll(List.of("--set", setting)));
        var out = new StringWriter();
        var err = new StringWriter();
        int status = StrataCommand.execute(new PrintWriter(out, true), new PrintWriter(err, true),
                all.toArray(String[]::new));
        assertThat(status).as(err.toString()).isZero();
        return out.toString();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** Counts the transforms of every request. */
    private static final class CountingTransforms extends ExtraTransformer {
        private final AtomicInteger transforms;

        CountingTransforms(AtomicInteger transforms) {
            super("counting");
            this.transforms = transforms;
        }

        @Override
        public void transform(TransformContext context) {
            transforms.incrementAndGet();
        }
    }
}
