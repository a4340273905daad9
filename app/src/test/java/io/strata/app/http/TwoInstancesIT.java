package io.strata.app.http;

import io.strata.app.sample.BundledSamples;
import io.strata.testkit.LocalS3Proxy;
import io.strata.testkit.LocalServer;
import io.strata.testkit.SharedCourses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs two service instances in one JVM, each with its own stack (its own memcached client, in-process
 * tier, manager and HTTP server, as two processes behind a load balancer have), over one real memcached
 * and one S3 bucket (S3Proxy). Collects last a second, so every caller arrives while one runs; the
 * collect counts are read from each instance's GET /metrics.
 */
class TwoInstancesIT {
    private static final String TOY = "course-v1:edX+toy+2012_Fall";
    private static final String SAMPLE = "course-v1:StrataX+SAMPLE101+2026";
    private static final Duration SLOW_COLLECT = Duration.ofSeconds(1);
    private static final Optional<String> TRUSTED = Optional.of(RunningService.TRUSTED);
    private static final AtomicInteger BUCKETS = new AtomicInteger();

    @RegisterExtension
    static final LocalServer MEMCACHED = LocalServer.memcached();
    @RegisterExtension
    static final LocalS3Proxy S3 = new LocalS3Proxy();

    @TempDir
    Path temp;

    private final List<RunningService> instances = new ArrayList<>();

    @AfterEach
    void stop() {
        instances.forEach(RunningService::close);
    }

    @Test
    void blocks_fiftyConcurrentFirstRequestsOverTwoInstances_collectTheCourseOnce() throws Exception {
        var settings = tierSettings(SharedCourses.folder());
        var first = start(settings);
        var second = start(settings);
        var start = new CountDownLatch(1);
        var pool = Executors.newFixedThreadPool(50);

        var statuses = new ArrayList<Future<Integer>>();
        for (int i = 0; i < 50; i++) {
            var instance = i % 2 == 0 ? first : second;
            statuses.add(pool.submit(() -> {
                start.await();
                return instance.get(outline(TOY), TRUSTED).statusCode();
            }));
        }
        start.countDown();

        for (var status : statuses) {
            assertThat(status.get(60, TimeUnit.SECONDS)).isEqualTo(200);
        }
        pool.shutdown();
        assertThat(sum("strata_collects_total", "")).isEqualTo(1);
        for (var instance : instances) {
            assertThat(instance.metric("strata_http_requests_seconds_count",
                    "route=\"/api/courses/v1/blocks\",status=\"200\"")).isEqualTo(25);
        }
        // Requests to one instance waited for its own build; that of the other waited on the lease for it.
        assertThat(sum("strata_collects_joined_total", "")).isPositive();
        assertThat(sum("strata_collect_lease_waits_total", "outcome=\"collected-elsewhere\"")).isPositive();
    }

    @Test
    void published_onceToEachInstance_collectsTheNewVersionOnce() throws Exception {
        var course = copyOfSampleCourse();
        var settings = new ArrayList<>(tierSettings(course));
        settings.add("publish.delay=200ms");
        var first = start(settings);
        var second = start(settings);
        assertThat(first.get(outline(SAMPLE), TRUSTED).statusCode()).isEqualTo(200);
        var chapter = course.resolve("chapter/ch_foundations.xml");
        Files.writeString(chapter, Files.readString(chapter).replace("Why caches exist", "Caches, revised"));

        for (var instance : instances) {
            var answer = instance.send("POST", "/api/strata/v1/courses/" + SAMPLE + "/published", TRUSTED);
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
        }
        awaitRebuilds(2, Duration.ofSeconds(30));

        assertThat(sum("strata_collects_total", "")).as("the first request's collect and one rebuild").isEqualTo(2);
        assertThat(sum("strata_publish_rebuilds_total", "status=\"collected\"")).isEqualTo(1);
        assertThat(sum("strata_publish_rebuilds_total", "status=\"skipped\"")).isEqualTo(1);
        assertThat(sum("strata_collect_lease_waits_total", "outcome=\"collected-elsewhere\"")).isEqualTo(1);
        assertThat(second.get(outline(SAMPLE), TRUSTED).body()).contains("Caches, revised");
    }

    private RunningService start(List<String> settings) {
        var instance = RunningService.start(settings, new SlowCollects(SLOW_COLLECT).module());
        instances.add(instance);
        return instance;
    }

    private double sum(String name, String labels) {
        return instances.stream().mapToDouble(instance -> instance.metric(name, labels)).sum();
    }

    private void awaitRebuilds(int count, Duration timeout) throws InterruptedException {
        var deadline = Instant.now().plus(timeout);
        while (sum("strata_publish_rebuilds_total", "") < count) {
            assertThat(Instant.now()).as("both rebuilds ended").isBefore(deadline);
            Thread.sleep(50);
        }
    }

    private static String outline(String course) {
        return "/api/courses/v1/blocks/?course_id=" + URLEncoder.encode(course, StandardCharsets.UTF_8)
                + "&username=staff&depth=all&nav_depth=3&requested_fields=children,display_name";
    }

    private static List<String> tierSettings(Path courses) {
        var bucket = "instances-" + BUCKETS.incrementAndGet();
        S3.createBucket(bucket);
        MEMCACHED.flush();
        return List.of("course.source=" + courses, "cache.type=memcached",
                "cache.memcached.servers=" + MEMCACHED.hostAndPort(), "durable.type=s3", "durable.s3.bucket=" + bucket,
                "durable.s3.endpoint=" + S3.endpoint(), "durable.s3.path-style-access=true",
                "durable.s3.access-key-id=" + LocalS3Proxy.ACCESS_KEY_ID,
                "durable.s3.secret-access-key=" + LocalS3Proxy.SECRET_ACCESS_KEY);
    }

    private Path copyOfSampleCourse() throws IOException {
        var from = BundledSamples.extractSampleCourse();
        var to = temp.resolve("course");
        SharedCourses.copyTree(from, to);
        return to;
    }
}
