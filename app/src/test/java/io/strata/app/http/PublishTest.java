package io.strata.app.http;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.inject.Module;
import io.strata.adapters.olx.OlxCourseSource;
import io.strata.adapters.olx.OlxCourseSourceConfig;
import io.strata.app.sample.BundledSamples;
import io.strata.ports.BackendUnavailableException;
import io.strata.ports.CourseCatalog;
import io.strata.ports.CourseSource;
import io.strata.ports.SourceCourse;
import io.strata.testkit.SharedCourses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
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
    void published_sourceFailsAsOftenAsRetriesAllow_rebuildsOnTheLastRetry() throws Exception {
        var course = copyOfSampleCourse();
        var source = new FlakySource(course);
        running = RunningService.start(Optional.empty(), List.of("course.source=" + course,
                "durable.filesystem.folder=" + temp.resolve("data"), "publish.delay=10ms", "publish.max-retries=2",
                "publish.retry-delay=5ms"), source.module());
        chapterName();
        rename(course, "Why caches exist", "Caches, revised");
        source.failNext(2);

        try (var logs = new RebuildLogs()) {
            running.send("POST", "/api/strata/v1/courses/" + COURSE + "/published", TRUSTED);
            var seen = namesUntil("Caches, revised", Duration.ofSeconds(10));

            assertThat(seen).endsWith("Caches, revised");
            assertThat(source.failures()).isEqualTo(2);
            assertThat(logs.messages(Level.WARN)).hasSize(2).allMatch(message -> message.contains(COURSE));
            assertThat(logs.messages(Level.ERROR)).isEmpty();
        }
        assertThat(running.metric("strata_publish_rebuilds_total", "status=\"collected\"")).isEqualTo(1);
        assertThat(running.metric("strata_publish_rebuilds_total", "status=\"abandoned\"")).isZero();
    }

    @Test
    void published_sourceAlwaysFailsUnderOpenEdxTaskSettings_abandonsAfterMaxRetriesWithAnError() throws Exception {
        var course = copyOfSampleCourse();
        var source = new FlakySource(course);
        var file = Files.writeString(temp.resolve("strata.yaml"), """
                BLOCK_STRUCTURES_SETTINGS:
                  COURSE_PUBLISH_TASK_DELAY: 0
                  TASK_MAX_RETRIES: 2
                  TASK_DEFAULT_RETRY_DELAY: 0
                """);
        running = RunningService.start(Optional.of(file), List.of("course.source=" + course,
                "durable.filesystem.folder=" + temp.resolve("data")), source.module());
        chapterName();
        source.failNext(Integer.MAX_VALUE);

        try (var logs = new RebuildLogs()) {
            running.send("POST", "/api/strata/v1/courses/" + COURSE + "/published", TRUSTED);
            logs.await(Level.ERROR, Duration.ofSeconds(10));

            assertThat(running.metric("strata_publish_rebuilds_total", "status=\"abandoned\"")).isEqualTo(1);
            assertThat(source.failures()).as("the first try and two retries").isEqualTo(3);
            assertThat(logs.messages(Level.WARN)).hasSize(2);
            assertThat(logs.messages(Level.ERROR)).singleElement().asString().contains(COURSE).contains("abandoned");
        }
        assertThat(chapterName()).as("readers keep the previous version").isEqualTo("Why caches exist");
    }

    @Test
    void published_courseTheSourceDoesNotHold_is404NamingItAndSchedulesNothing() throws Exception {
        running = RunningService.start(List.of("course.source=" + copyOfSampleCourse(),
                "durable.filesystem.folder=" + temp.resolve("data"), "publish.delay=10ms"));

        var response = running.send("POST", "/api/strata/v1/courses/course-v1:A%2BB%2BC/published", TRUSTED);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(response.body()).get("detail").asText()).contains("course-v1:A+B+C");
        assertThat(running.metric("strata_publish_events_total", "")).isZero();
    }

    @Test
    void published_courseMalformedInTheSource_abandonsAtOnceWithOneErrorAndNoStackTrace() throws Exception {
        var course = copyOfSampleCourse();
        running = RunningService.start(List.of("course.source=" + course,
                "durable.filesystem.folder=" + temp.resolve("data"), "publish.delay=10ms", "publish.max-retries=3",
                "publish.retry-delay=5ms"));
        chapterName();
        Files.writeString(course.resolve("chapter/ch_foundations.xml"), "<chapter display_name=");

        try (var logs = new RebuildLogs()) {
            var response = running.send("POST", "/api/strata/v1/courses/" + COURSE + "/published", TRUSTED);
            logs.await(Level.ERROR, Duration.ofSeconds(10));
            Thread.sleep(100);

            assertThat(response.statusCode()).isEqualTo(202);
            assertThat(logs.messages(Level.WARN)).isEmpty();
            assertThat(logs.messages(Level.ERROR)).singleElement().asString().contains(COURSE)
                    .contains("ch_foundations");
            assertThat(logs.hasStackTraceAtWarnOrAbove()).isFalse();
        }
        assertThat(running.metric("strata_publish_rebuilds_total", "status=\"abandoned\"")).isEqualTo(1);
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
        SharedCourses.copyTree(from, to);
        return to;
    }

    private static void rename(Path course, String from, String to) throws IOException {
        var chapter = course.resolve("chapter/ch_foundations.xml");
        Files.writeString(chapter, Files.readString(chapter).replace(from, to));
    }

    /** Reads the course folder, failing the next reads as often as told (as an unreachable source would). */
    private static final class FlakySource implements CourseSource {
        private final CourseSource folder;
        private final AtomicInteger failuresLeft = new AtomicInteger();
        private final AtomicInteger failures = new AtomicInteger();

        FlakySource(Path course) {
            this.folder = new OlxCourseSource(OlxCourseSourceConfig.of(course));
        }

        void failNext(int count) {
            failuresLeft.set(count);
        }

        int failures() {
            return failures.get();
        }

        Module module() {
            return binder -> binder.bind(CourseSource.class).toInstance(this);
        }

        @Override
        public String describe() {
            return "flaky " + folder.describe();
        }

        @Override
        public CourseCatalog listCourses() {
            return folder.listCourses();
        }

        @Override
        public SourceCourse read(String courseKey) {
            if (failuresLeft.getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
                failures.incrementAndGet();
                throw new BackendUnavailableException("Course source unreachable for course[" + courseKey
                        + "], on purpose", null);
            }
            return folder.read(courseKey);
        }
    }

    /** Captures what the rebuild scheduler logs while a test runs. */
    private static final class RebuildLogs extends AppenderBase<ILoggingEvent> implements AutoCloseable {
        private final Logger logger = (Logger) LoggerFactory.getLogger(CourseRebuilds.class);
        private final List<ILoggingEvent> events = new CopyOnWriteArrayList<>();

        RebuildLogs() {
            start();
            logger.addAppender(this);
        }

        List<String> messages(Level level) {
            return events.stream().filter(event -> event.getLevel() == level).map(ILoggingEvent::getFormattedMessage)
                    .toList();
        }

        boolean hasStackTraceAtWarnOrAbove() {
            return events.stream().anyMatch(event -> event.getLevel().isGreaterOrEqual(Level.WARN)
                    && event.getThrowableProxy() != null);
        }

        /** Waits until a message of the level was logged, or the timeout ends. */
        void await(Level level, Duration timeout) throws InterruptedException {
            var deadline = Instant.now().plus(timeout);
            while (messages(level).isEmpty() && Instant.now().isBefore(deadline)) {
                Thread.sleep(10);
            }
        }

        @Override
        protected void append(ILoggingEvent event) {
            events.add(event);
        }

        @Override
        public void close() {
            logger.detachAppender(this);
            stop();
        }
    }
}
