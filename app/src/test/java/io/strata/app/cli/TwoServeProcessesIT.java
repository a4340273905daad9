package io.strata.app.cli;

import io.strata.app.sample.SampleCourseGenerator;
import io.strata.testkit.LocalServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs two {@code strata serve} processes (the packaged jar) over one memcached and one durable folder,
 * as two instances behind a load balancer, and sends each 25 concurrent first requests for a course no
 * tier holds: the collects both report in GET /metrics add up to one. The course has 10,000 blocks, so
 * that its collect in a freshly started JVM lasts long enough for every request to meet it.
 */
class TwoServeProcessesIT {
    private static final String SECRET = "two-processes-trusted-secret";
    private static final int REQUESTS_PER_PROCESS = 25;
    private static final Pattern LISTENING = Pattern.compile("Service listening on .* port\\[(\\d+)\\]");
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @RegisterExtension
    static final LocalServer MEMCACHED = LocalServer.memcached();

    @TempDir
    Path folder;

    @Test
    void blocks_fiftyConcurrentFirstRequestsOverTwoProcesses_collectTheCourseOnce() throws Exception {
        var course = SampleCourseGenerator.generate(10_000, 1, folder.resolve("course"));
        MEMCACHED.flush();
        var processes = List.of(serve(course.folder(), 0), serve(course.folder(), 1));
        try {
            var ports = List.of(awaitPort(processes.get(0), 0), awaitPort(processes.get(1), 1));

            var statuses = requestTogether(ports, root(course.courseKey()));

            assertThat(statuses).hasSize(2 * REQUESTS_PER_PROCESS).containsOnly(200);
            assertThat(sum(ports, "strata_collects_total", "")).isEqualTo(1);
            assertThat(sum(ports, "strata_collect_lease_waits_total", "outcome=\"collected-elsewhere\""))
                    .as("the other process waited on the lease for the collect").isPositive();
            for (var port : ports) {
                assertThat(metric(port, "strata_http_requests_seconds_count",
                        "route=\"/api/courses/v1/blocks\",status=\"200\"")).isEqualTo(REQUESTS_PER_PROCESS);
            }
        } finally {
            for (var process : processes) {
                process.destroy();
                assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("serve stopped on SIGTERM").isTrue();
            }
        }
    }

    private List<Integer> requestTogether(List<Integer> ports, String pathAndQuery) throws Exception {
        var pool = Executors.newFixedThreadPool(ports.size() * REQUESTS_PER_PROCESS);
        try {
            var start = new CountDownLatch(1);
            var futures = new ArrayList<Future<Integer>>();
            for (int i = 0; i < REQUESTS_PER_PROCESS; i++) {
                for (var port : ports) {
                    futures.add(pool.submit(() -> {
                        start.await();
                        return get(port, pathAndQuery).statusCode();
                    }));
                }
            }
            start.countDown();
            var statuses = new ArrayList<Integer>();
            for (var future : futures) {
                statuses.add(future.get(120, TimeUnit.SECONDS));
            }
            return statuses;
        } finally {
            pool.shutdownNow();
        }
    }

    private Process serve(Path course, int index) throws IOException {
        var jar = Path.of("target", "strata.jar");
        assertThat(jar).as("the packaged jar, built by mvn package before the integration tests").isRegularFile();
        var java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        var builder = new ProcessBuilder(java, "-jar", jar.toString(), "serve", "--port", "0",
                "--set", "service.host=127.0.0.1", "--set", "course.source=" + course,
                "--set", "cache.type=memcached", "--set", "cache.memcached.servers=" + MEMCACHED.hostAndPort(),
                "--set", "durable.filesystem.folder=" + folder.resolve("store"))
                .redirectOutput(folder.resolve("stdout-" + index).toFile())
                .redirectError(folder.resolve("stderr-" + index).toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("STRATA_"));
        builder.environment().put("STRATA_SERVICE_AUTH_TRUSTED_SECRET", SECRET);
        return builder.start();
    }

    private int awaitPort(Process process, int index) throws Exception {
        var log = folder.resolve("stderr-" + index);
        var deadline = Instant.now().plus(Duration.ofSeconds(90));
        while (Instant.now().isBefore(deadline)) {
            var matcher = LISTENING.matcher(Files.readString(log));
            if (matcher.find()) {
                return Integer.parseInt(matcher.group(1));
            }
            assertThat(process.isAlive()).as("serve runs; log: %s", Files.readString(log)).isTrue();
            Thread.sleep(100);
        }
        throw new AssertionError("serve did not say where it listens: " + Files.readString(log));
    }

    private static HttpResponse<String> get(int port, String pathAndQuery) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery))
                .header("Authorization", "Trusted " + SECRET).timeout(Duration.ofSeconds(120)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static double sum(List<Integer> ports, String name, String labels) throws Exception {
        double total = 0;
        for (var port : ports) {
            total += metric(port, name, labels);
        }
        return total;
    }

    /** Returns the sum of the samples of a counter or timer count in the process's /metrics that carry the labels. */
    private static double metric(int port, String name, String labels) throws Exception {
        var text = get(port, "/metrics").body();
        var matcher = Pattern.compile("(?m)^" + Pattern.quote(name) + "(?:\\{([^}]*)\\})? (\\S+)$").matcher(text);
        double total = 0;
        while (matcher.find()) {
            if ((matcher.group(1) == null ? "" : matcher.group(1)).contains(labels)) {
                total += Double.parseDouble(matcher.group(2));
            }
        }
        return total;
    }

    /** Returns a request for the course root alone: it needs the whole structure, but its answer is small. */
    private static String root(String course) {
        return "/api/courses/v1/blocks/?course_id=" + URLEncoder.encode(course, StandardCharsets.UTF_8)
                + "&username=staff";
    }
}
