package io.strata.app.cli;

import io.strata.testkit.LocalS3Proxy;
import io.strata.testkit.SharedCourses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the command line on an S3 durable tier (S3Proxy) that stops answering every request about
 * one course once start-up has checked the bucket: that course fails, the others go on, and a
 * read says the store is unavailable, not that the course is missing, within the read timeout.
 */
class UnreachableDurableStoreIT {
    @RegisterExtension
    static final LocalS3Proxy S3 = new LocalS3Proxy();

    private static final String STALLED = "course-v1:edX+toy+2012_Fall";
    /** Is the stalled course's key as the S3 client writes it in request paths, and as it is. */
    private static final List<String> STALLED_MARKERS = List.of("edX%2Btoy%2B2012_Fall", "edX+toy+2012_Fall");
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(1);
    private static int buckets;

    @TempDir
    Path temp;

    private StallingProxy proxy;
    private List<String> settings;

    @BeforeEach
    void startProxyToS3() throws IOException {
        var bucket = "unreachable-" + buckets++;
        S3.createBucket(bucket);
        proxy = new StallingProxy(new InetSocketAddress(S3.endpoint().getHost(), S3.endpoint().getPort()),
                STALLED_MARKERS);
        var courses = temp.resolve("courses");
        SharedCourses.copyTree(SharedCourses.course("edx-toy"), courses.resolve("edx-toy"));
        SharedCourses.copyTree(SharedCourses.course("edx-xml-dag"),
                courses.resolve("edx-xml-dag"));
        settings = List.of("--set", "course.source=" + courses, "--set", "durable.type=s3",
                "--set", "durable.s3.bucket=" + bucket, "--set", "durable.s3.endpoint=http://127.0.0.1:" + proxy.port(),
                "--set", "durable.s3.path-style-access=true",
                "--set", "durable.s3.access-key-id=" + LocalS3Proxy.ACCESS_KEY_ID,
                "--set", "durable.s3.secret-access-key=" + LocalS3Proxy.SECRET_ACCESS_KEY,
                "--set", "durable.s3.read-timeout=1s", "--set", "durable.s3.max-attempts=1");
    }

    @AfterEach
    void stopProxy() throws IOException {
        proxy.close();
    }

    @Test
    void generate_storeNotAnsweringForOneCourse_reportsThatCourseFailedAndGoesOnWithTheNext() {
        var run = CliRun.run(settings, "generate-course-blocks", "--all-courses", "--with-storage");

        assertThat(run.status()).isEqualTo(1);
        assertThat(run.out()).contains("FAILED     " + STALLED + ": Cannot")
                .contains("durable.s3.read-timeout[" + READ_TIMEOUT + "]")
                .contains("collected  course-v1:testX+dag+2012_Fall")
                .contains("1 done (1 collected, 0 unchanged), 1 failed");
        assertThat(run.out().indexOf("FAILED")).isLessThan(run.out().indexOf("collected  course-v1:testX"));
    }

    @Test
    void courseBlocks_storeNotAnswering_reportsUnavailableWithinTheReadTimeoutNotNotFound() {
        // First, so that the timed run below does not also pay for loading the classes of the wiring.
        var missing = CliRun.run(settings, "course-blocks", "--course", "course-v1:No+Such+Course", "--username",
                "staff");
        long start = System.nanoTime();
        var unavailable = CliRun.run(settings, "course-blocks", "--course", STALLED, "--username", "staff");
        var elapsed = Duration.ofNanos(System.nanoTime() - start);

        assertThat(unavailable.status()).isEqualTo(1);
        assertThat(unavailable.err()).contains("durable.s3.read-timeout[" + READ_TIMEOUT + "]")
                .contains("(retry when the backend is back)").doesNotContain("not found");
        // The default read timeout is 10 s: a run this short used the configured one.
        assertThat(elapsed).isLessThan(READ_TIMEOUT.multipliedBy(8));
        assertThat(missing.status()).isEqualTo(1);
        assertThat(missing.err()).contains("Course[course-v1:No+Such+Course] not found in source")
                .doesNotContain("retry when the backend is back");
    }
}
