package io.strata.app.http;

import io.strata.ports.CourseRole;
import io.strata.ports.LearnerRecord;
import io.strata.ports.LearnerSource;
import io.strata.testkit.InMemoryLearnerSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the service on the bundled sample course with a clock and learners the test controls, and
 * checks that a body is given again exactly when the same request would get the same body: same
 * course version, parameters and learner record, at a time no start date tells apart.
 */
class ResponseCacheServiceTest {
    private static final String COURSE = "course-v1:StrataX+SAMPLE101+2026";
    private static final String OUTLINE = "/api/courses/v1/blocks/?course_id=" + COURSE
            + "&depth=all&requested_fields=children,start,due";
    /** Is the block of the sample course that starts on 2099-01-01 (7 days early for beta testers). */
    private static final String FUTURE_UNIT = "u_coming_later";
    private static final String STAFF_UNIT = "u_staff_notes";
    private static final Instant FUTURE_START = Instant.parse("2099-01-01T00:00:00Z");
    private static final Instant BETA_START = Instant.parse("2098-12-25T00:00:00Z");
    private static final Optional<String> TRUSTED = Optional.of(RunningService.TRUSTED);

    @TempDir
    Path data;

    private final SettableClock clock = new SettableClock(Instant.parse("2098-06-01T00:00:00Z"));
    private final InMemoryLearnerSource learners = new InMemoryLearnerSource();
    private RunningService running;

    @AfterEach
    void stop() {
        if (running != null) {
            running.close();
        }
    }

    private void start(String... settings) {
        learners.putRecord(COURSE, new LearnerRecord("audit_learner", Set.of(), Optional.of("audit"), Map.of()));
        learners.putRecord(COURSE, new LearnerRecord("verified_learner", Set.of(), Optional.of("verified"), Map.of()));
        learners.putRecord(COURSE, new LearnerRecord("beta_tester", Set.of(CourseRole.BETA_TESTER),
                Optional.of("verified"), Map.of()));
        var all = new ArrayList<>(List.of("durable.filesystem.folder=" + data));
        all.addAll(List.of(settings));
        running = RunningService.start(all, binder -> {
            binder.bind(Clock.class).toInstance(clock);
            binder.bind(LearnerSource.class).toInstance(learners);
        });
    }

    private HttpResponse<String> outline(String username, String... extra) {
        var response = running.get(OUTLINE + "&username=" + username + String.join("", extra), TRUSTED);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response;
    }

    private static boolean isCached(HttpResponse<String> response) {
        return response.headers().firstValue("Server-Timing").orElseThrow().contains("desc=\"cached\"");
    }

    @Test
    void blocks_identicalRequestTwice_secondIsCachedWithTheSameBody() {
        start();
        var first = outline("audit_learner");

        var second = outline("audit_learner");

        assertThat(isCached(first)).isFalse();
        assertThat(isCached(second)).isTrue();
        assertThat(second.body()).isEqualTo(first.body());
        assertThat(second.headers().firstValue("Server-Timing").orElseThrow())
                .matches("load;dur=[0-9.]+;desc=\"[a-z-]+\", render;dur=[0-9.]+;desc=\"cached\"");
        assertThat(second.headers().firstValueAsLong("Content-Length"))
                .hasValue(first.body().getBytes(StandardCharsets.UTF_8).length);
        assertThat(running.metric("strata_responses_cache_hits_total", "")).isEqualTo(1);
        assertThat(running.metric("strata_responses_cache_misses_total", "")).isEqualTo(1);
    }

    @Test
    void blocks_cachedBodyToAClientAcceptingGzip_isTheSameBodyCompressed() throws Exception {
        start();
        var plain = outline("audit_learner");
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + running.service.port() + OUTLINE
                + "&username=audit_learner")).header("Authorization", RunningService.TRUSTED)
                .header("Accept-Encoding", "gzip").build();

        var gzipped = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofByteArray());

        assertThat(gzipped.headers().firstValue("Server-Timing").orElseThrow()).contains("desc=\"cached\"");
        assertThat(gzipped.headers().firstValue("Content-Encoding")).hasValue("gzip");
        try (var in = new GZIPInputStream(new ByteArrayInputStream(gzipped.body()))) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(plain.body());
        }
    }

    @Test
    void blocks_otherLearnerParameterOrApiVersion_isNotServedFromTheCache() {
        start();
        var audit = outline("audit_learner");
        outline("audit_learner");

        var verified = outline("verified_learner");
        var shallow = outline("audit_learner", "&nav_depth=1");
        var counted = outline("audit_learner", "&block_counts=video");
        var v2 = running.get(OUTLINE.replace("/v1/", "/v2/") + "&username=audit_learner", TRUSTED);

        assertThat(List.of(verified, shallow, counted, v2)).noneMatch(ResponseCacheServiceTest::isCached);
        assertThat(shallow.body()).isNotEqualTo(audit.body());
        assertThat(counted.body()).contains("block_counts").isNotEqualTo(audit.body());
    }

    @Test
    void blocks_learnerRecordChanged_isTransformedAgainForTheNewRecord() {
        start();
        outline("audit_learner");
        assertThat(outline("audit_learner").body()).doesNotContain(STAFF_UNIT);

        learners.putRecord(COURSE, new LearnerRecord("audit_learner", Set.of(CourseRole.STAFF), Optional.of("audit"),
                Map.of()));
        var asStaff = outline("audit_learner");

        assertThat(isCached(asStaff)).isFalse();
        assertThat(asStaff.body()).contains(STAFF_UNIT);
    }

    @Test
    void blocks_cachedJustBeforeAStart_isNotServedOnceTheStartHasPassed() {
        clock.set(FUTURE_START.minusSeconds(1));
        start();
        outline("audit_learner");
        assertThat(outline("audit_learner").body()).doesNotContain(FUTURE_UNIT);

        // A block is released when now > start: at the start itself the cached body still holds.
        clock.set(FUTURE_START);
        var atStart = outline("audit_learner");
        clock.set(FUTURE_START.plusNanos(1));
        var afterStart = outline("audit_learner");

        assertThat(isCached(atStart)).isTrue();
        assertThat(atStart.body()).doesNotContain(FUTURE_UNIT);
        assertThat(isCached(afterStart)).isFalse();
        assertThat(afterStart.body()).contains(FUTURE_UNIT);
    }

    @Test
    void blocks_betaTester_isTransformedAgainAtTheBetaStartWhileOthersKeepTheirBody() {
        clock.set(BETA_START.minusSeconds(3600));
        start();
        outline("beta_tester");
        outline("audit_learner");

        clock.set(BETA_START.plusSeconds(1));
        var beta = outline("beta_tester");
        var learner = outline("audit_learner");

        assertThat(isCached(beta)).isFalse();
        assertThat(beta.body()).contains(FUTURE_UNIT);
        assertThat(isCached(learner)).isTrue();
        assertThat(learner.body()).doesNotContain(FUTURE_UNIT);
    }

    @Test
    void blocks_asOf_isKeyedByItsOwnTime() {
        start();
        var later = outline("audit_learner", "&as_of=2100-01-01T00:00:00Z");
        var laterAgain = outline("audit_learner", "&as_of=2100-01-01T00:00:00Z");

        var earlier = outline("audit_learner", "&as_of=2098-01-01T00:00:00Z");
        var now = outline("audit_learner");

        assertThat(later.body()).contains(FUTURE_UNIT);
        assertThat(isCached(laterAgain)).isTrue();
        assertThat(isCached(earlier)).isFalse();
        assertThat(earlier.body()).doesNotContain(FUTURE_UNIT);
        assertThat(isCached(now)).isFalse();
        assertThat(now.body()).doesNotContain(FUTURE_UNIT);
    }

    @Test
    void blocks_afterTheCourseIsDeleted_isTransformedAgain() {
        start();
        outline("audit_learner");
        outline("audit_learner");

        assertThat(running.send("DELETE", "/api/strata/v1/courses/" + COURSE, TRUSTED).statusCode()).isEqualTo(204);
        var afterDelete = outline("audit_learner");

        assertThat(isCached(afterDelete)).isFalse();
        assertThat(afterDelete.headers().firstValue("Server-Timing").orElseThrow()).contains("desc=\"collected\"");
    }

    @Test
    void blocks_noResponseBytes_neverServesFromTheCache() {
        start("service.responses.max-bytes=0");
        var first = outline("audit_learner");

        var second = outline("audit_learner");

        assertThat(isCached(second)).isFalse();
        assertThat(second.body()).isEqualTo(first.body());
        assertThat(running.metric("strata_responses_cache_hits_total", "")).isZero();
    }

    /** Is a clock the test sets; the service reads it on every request. */
    private static final class SettableClock extends Clock {
        private volatile Instant now;

        SettableClock(Instant now) {
            this.now = now;
        }

        void set(Instant instant) {
            now = instant;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException("The test clock has one zone");
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
