package io.strata.app.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.strata.app.sample.BundledSamples;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Publish events and deletes through the service, on a copy of the sample course it may change. */
class PublishTest {
    private static final String COURSE = "course-v1:StrataX+SAMPLE101+2026";
    private static final String CHAPTER = "block-v1:StrataX+SAMPLE101+2026+type@chapter+block@ch_foundations";
    private static final String OUTLINE = "/api/courses/v1/blocks/" + CHAPTER + "?username=staff";
    private static final Optional<String> TRUSTED = Optional.of(RunningService.TRUSTED);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    private RunningService running;

    @AfterEach
    void stop() {
        running.close();
    }

    @Test
    void published_threeTimesInsideTheDelay_rebuildsOnceAndServesTheNewVersion() throws Exception {
        var source = copyOfSampleCourse();
        running = RunningService.start(List.of("course.source=" + source, "durable.filesystem.folder=" + temp.resolve(
                "data"), "publish.delay=300ms"));
        assertThat(chapterName()).isEqualTo("Why caches exist");
        rename(source, "Why caches exist", "Caches, revised");

        var answers = new ArrayList<String>();
        for (int i = 0; i < 3; i++) {
            answers.add(running.send("POST", "/api/strata/v1/courses/" + COURSE + "/published", TRUSTED).body());
        }
        var seen = namesUntil("Caches, revised", Duration.ofSeconds(10));

        assertThat(answers.get(0)).contains("\"rebuild_scheduled\":true");
        assertThat(answers.subList(1, 3)).allMatch(answer -> answer.contains("\"rebuild_scheduled\":false"));
        assertThat(seen).containsOnly("Why caches exist", "Caches, revised").endsWith("Caches, revised");
        assertThat(running.metric("strata_collects_total", "")).isEqualTo(2);
        assertThat(running.metric("strata_publish_rebuilds_total", "status=\"collected\"")).isEqualTo(1);
    }

    @Test
    void published_unchangedCourse_rebuildsWithoutCollecting() throws Exception {
        running = RunningService.start(List.of("course.source=" + copyOfSampleCourse(),
                "durable.filesystem.folder=" + temp.resolve("data"), "publish.delay=50ms"));
        chapterName();

        running.send("POST", "/api/strata/v1/courses/" + COURSE + "/published", TRUSTED);
        awaitMetric("strata_publish_rebuilds_total", Duration.ofSeconds(10));

        assertThat(running.metric("strata_publish_rebuilds_total", "status=\"skipped\"")).isEqualTo(1);
        assertThat(running.metric("strata_collects_total", "")).isEqualTo(1);
    }

    @Test
    void published_withInvalidateCache_nextReadSkipsTheCachedCopies() throws Exception {
        running = RunningService.start(List.of("course.source=" + copyOfSampleCourse(),
                "durable.filesystem.folder=" + temp.resolve("data"), "publish.delay=60s",
                "publish.invalidate-cache=true"));
        chapterName();
        assertThat(loadedFrom()).isEqualTo("decoded");

        running.send("POST", "/api/strata/v1/courses/" + COURSE + "/published", TRUSTED);

        assertThat(loadedFrom()).isEqualTo("durable");
        assertThat(loadedFrom()).isEqualTo("decoded");
    }

    @Test
    void published_withoutInvalidateCache_keepsServingTheDecodedCopy() throws Exception {
        running = RunningService.start(List.of("course.source=" + copyOfSampleCourse(),
                "durable.filesystem.folder=" + temp.resolve("data"), "publish.delay=60s"));
        chapterName();

        running.send("POST", "/api/strata/v1/courses/" + COURSE + "/published", TRUSTED);

        assertThat(loadedFrom()).isEqualTo("decoded");
    }

    @Test
    void delete_twice_clearsTheDurableTierAndTheNextRequestCollectsAgain() throws Exception {
        var data = temp.resolve("data");
        running = RunningService.start(List.of("course.source=" + copyOfSampleCourse(),
                "durable.filesystem.folder=" + data));
        chapterName();

        var first = running.send("DELETE", "/api/strata/v1/courses/" + COURSE, TRUSTED);
        var second = running.send("DELETE", "/api/strata/v1/courses/" + COURSE, TRUSTED);

        assertThat(first.statusCode()).isEqualTo(204);
        assertThat(second.statusCode()).isEqualTo(204);
        try (Stream<Path> files = Files.walk(data)) {
            assertThat(files.filter(Files::isRegularFile)).isEmpty();
        }
        assertThat(chapterName()).isEqualTo("Why caches exist");
        assertThat(running.metric("strata_collects_total", "")).isEqualTo(2);
    }

    @Test
    void delete_byLearner_is403() {
        running = RunningService.start(List.of("durable.filesystem.folder=" + temp.resolve("data")));

        var response = running.send("DELETE", "/api/strata/v1/courses/" + COURSE,
                Optional.of(RunningService.bearer("audit_learner", false)));

        assertThat(response.statusCode()).isEqualTo(403);
    }

    private List<String> namesUntil(String wanted, Duration timeout) throws IOException, InterruptedException {
        var seen = new ArrayList<String>();
        var deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            seen.add(chapterName());
            if (seen.get(seen.size() - 1).equals(wanted)) {
                return seen;
            }
            Thread.sleep(20);
        }
        return seen;
    }

    private void awaitMetric(String name, Duration timeout) throws InterruptedException {
        var deadline = Instant.now().plus(timeout);
        while (running.metric(name, "") == 0 && Instant.now().isBefore(deadline)) {
            Thread.sleep(20);
        }
    }

    private String loadedFrom() {
        var timing = running.get(OUTLINE, TRUSTED).headers().firstValue("Server-Timing").orElseThrow();
        var start = timing.indexOf("desc=\"") + "desc=\"".length();
        return timing.substring(start, timing.indexOf('"', start));
    }

    private String chapterName() throws IOException {
        var response = running.get(OUTLINE, TRUSTED);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body()).get("blocks").get(CHAPTER).get("display_name").asText();
    }

    private Path copyOfSampleCourse() throws IOException {
        var from = BundledSamples.extractSampleCourse();
        var to = temp.resolve("course");
        try (Stream<Path> files = Files.walk(from)) {
            for (var file : files.toList()) {
                Files.copy(file, to.resolve(from.relativize(file).toString()));
            }
        }
        return to;
    }

    private static void rename(Path course, String from, String to) throws IOException {
        var chapter = course.resolve("chapter/ch_foundations.xml");
        Files.writeString(chapter, Files.readString(chapter).replace(from, to));
    }
}
