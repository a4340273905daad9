package io.strata.app.http;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.strata.app.http.RenderedResponses.ResponseKey;
import io.strata.app.http.RenderedResponses.Viewer;
import io.strata.domain.api.BlocksApiVersion;
import io.strata.domain.key.CourseKey;
import io.strata.domain.store.StructureAddress;
import io.strata.domain.transform.TimeWindow;
import io.strata.domain.transform.UserContext;
import io.strata.ports.CourseRole;
import io.strata.ports.LearnerRecord;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RenderedResponsesTest {
    private static final String COURSE = "course-v1:StrataX+SAMPLE101+2026";
    private static final String OTHER_COURSE = "course-v1:StrataX+OTHER+2026";
    private static final Instant NOW = Instant.parse("2026-03-01T00:00:00Z");
    private static final Instant START = Instant.parse("2026-03-10T00:00:00Z");
    private static final TimeWindow UNTIL_START = new TimeWindow(Instant.MIN, START.plusNanos(1));
    private static final byte[] BODY = "{\"root\":\"r\"}".getBytes(StandardCharsets.UTF_8);

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final RenderedResponses responses = new RenderedResponses(1 << 20, registry);

    private static StructureAddress address(String course, String version) {
        return new StructureAddress(CourseKey.parse(course), version, "hash1", 3);
    }

    private static BlocksQuery query(String... parameters) {
        var values = new LinkedHashMap<String, List<String>>();
        values.put("course_id", List.of(COURSE));
        values.put("username", List.of("ada"));
        for (int i = 0; i < parameters.length; i += 2) {
            values.put(parameters[i], List.of(parameters[i + 1]));
        }
        return BlocksQuery.parse(values, Optional.empty());
    }

    private static Viewer learner(LearnerRecord record) {
        return Viewer.of(UserContext.of(record, NOW));
    }

    private static ResponseKey key() {
        return new ResponseKey(address(COURSE, "v1"), BlocksApiVersion.V1, query("depth", "all"),
                learner(LearnerRecord.learner("ada")));
    }

    private static byte[] bytes(ByteBuffer buffer) {
        var copy = new byte[buffer.remaining()];
        buffer.duplicate().get(copy);
        return copy;
    }

    @Test
    void store_bodyChangedAfterwards_keepsTheBytesAsStored() {
        var body = BODY.clone();
        responses.store(key(), body, TimeWindow.ALWAYS);

        body[0] = 'x';

        assertThat(responses.find(key(), NOW)).map(RenderedResponsesTest::bytes).hasValue(BODY);
    }

    private double count(String name) {
        var counter = registry.find(name).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void find_nothingStored_missesAndCountsAMiss() {
        assertThat(responses.find(key(), NOW)).isEmpty();

        assertThat(count("strata.responses.cache.misses")).isEqualTo(1);
        assertThat(count("strata.responses.cache.hits")).isZero();
    }

    @Test
    void find_sameKeyInsideTheWindow_returnsTheSameBytesAndCountsAHit() {
        responses.store(key(), BODY, UNTIL_START);

        var found = responses.find(key(), NOW);
        var again = responses.find(key(), NOW);

        assertThat(found).map(RenderedResponsesTest::bytes).hasValue(BODY);
        found.orElseThrow().get();
        assertThat(again).map(RenderedResponsesTest::bytes).hasValue(BODY);
        assertThat(found.orElseThrow().isReadOnly()).isTrue();
        assertThat(count("strata.responses.cache.hits")).isEqualTo(2);
    }

    @Test
    void find_timeAtOrAfterTheWindowEnd_misses() {
        responses.store(key(), BODY, UNTIL_START);

        assertThat(responses.find(key(), START)).isPresent();
        assertThat(responses.find(key(), START.plusNanos(1))).isEmpty();
        assertThat(responses.find(key(), START.plusSeconds(60))).isEmpty();
    }

    @Test
    void find_timeBeforeTheWindowStart_misses() {
        responses.store(key(), BODY, new TimeWindow(NOW, Instant.MAX));

        assertThat(responses.find(key(), NOW.minusNanos(1))).isEmpty();
        assertThat(responses.find(key(), NOW)).isPresent();
    }

    @Test
    void find_anyKeyPartDiffers_misses() {
        responses.store(key(), BODY, TimeWindow.ALWAYS);
        var base = key();
        var record = LearnerRecord.learner("ada");
        var others = List.of(
                new ResponseKey(address(COURSE, "v2"), base.version(), base.query(), base.viewer()),
                new ResponseKey(new StructureAddress(CourseKey.parse(COURSE), "v1", "hash2", 3), base.version(),
                        base.query(), base.viewer()),
                new ResponseKey(new StructureAddress(CourseKey.parse(COURSE), "v1", "hash1", 4), base.version(),
                        base.query(), base.viewer()),
                new ResponseKey(base.address(), BlocksApiVersion.V2, base.query(), base.viewer()),
                new ResponseKey(base.address(), base.version(), query("depth", "1"), base.viewer()),
                new ResponseKey(base.address(), base.version(), query("depth", "all", "nav_depth", "3"),
                        base.viewer()),
                new ResponseKey(base.address(), base.version(), query("depth", "all", "as_of",
                        "2026-09-01T00:00:00Z"), base.viewer()),
                new ResponseKey(base.address(), base.version(), query("depth", "all", "block_types_filter",
                        "video"), base.viewer()),
                new ResponseKey(base.address(), base.version(), base.query(),
                        learner(new LearnerRecord("ada", Set.of(CourseRole.BETA_TESTER), Optional.empty(), Map.of()))),
                new ResponseKey(base.address(), base.version(), base.query(),
                        learner(new LearnerRecord("ada", Set.of(), Optional.of("verified"), Map.of()))),
                new ResponseKey(base.address(), base.version(), base.query(), learner(record.withItemBankSelections(
                        Map.of("block-v1:StrataX+SAMPLE101+2026+type@library_content+block@bank", List.of("x"))))),
                new ResponseKey(base.address(), base.version(), base.query(), Viewer.of(UserContext.anonymous(NOW))),
                new ResponseKey(base.address(), base.version(), base.query(), Viewer.of(UserContext.allBlocks(NOW))));

        for (var other : others) {
            assertThat(responses.find(other, NOW)).as("key %s", other).isEmpty();
        }
        assertThat(responses.find(base, NOW)).isPresent();
    }

    @Test
    void find_equalRequestParsedAgain_hits() {
        responses.store(key(), BODY, TimeWindow.ALWAYS);

        var again = new ResponseKey(address(COURSE, "v1"), BlocksApiVersion.V1, query("depth", "all"),
                learner(LearnerRecord.learner("ada")));

        assertThat(responses.find(again, NOW)).isPresent();
    }

    @Test
    void viewer_everyPartOfTheUserContextButTheTime_isInTheKey() {
        var context = Arrays.stream(UserContext.class.getRecordComponents()).map(component -> component.getName())
                .filter(name -> !name.equals("now")).toList();
        var viewer = Arrays.stream(Viewer.class.getRecordComponents()).map(component -> component.getName()).toList();

        assertThat(viewer).containsExactlyElementsOf(context);
    }

    @Test
    void forget_course_dropsOnlyThatCoursesBodies() {
        var other = new ResponseKey(address(OTHER_COURSE, "v1"), BlocksApiVersion.V1, query(),
                learner(LearnerRecord.learner("ada")));
        responses.store(key(), BODY, TimeWindow.ALWAYS);
        responses.store(other, BODY, TimeWindow.ALWAYS);

        responses.forget(CourseKey.parse(COURSE));

        assertThat(responses.find(key(), NOW)).isEmpty();
        assertThat(responses.find(other, NOW)).isPresent();
    }

    @Test
    void store_pastTheByteLimit_evictsBodies() {
        var small = new RenderedResponses(4096, registry);
        var body = new byte[1500];

        small.store(key(), body, TimeWindow.ALWAYS);
        small.store(new ResponseKey(address(COURSE, "v2"), BlocksApiVersion.V1, query(), key().viewer()), body,
                TimeWindow.ALWAYS);
        assertThat(small.size()).isEqualTo(2);
        small.store(new ResponseKey(address(COURSE, "v3"), BlocksApiVersion.V1, query(), key().viewer()), body,
                TimeWindow.ALWAYS);

        assertThat(small.size()).isEqualTo(2);
    }

    @Test
    void store_bodyLargerThanTheLimit_isNotKept() {
        var small = new RenderedResponses(1024, registry);

        small.store(key(), new byte[2048], TimeWindow.ALWAYS);

        assertThat(small.size()).isZero();
    }

    @Test
    void find_zeroBytes_keepsNothingAndCountsNothing() {
        var none = new RenderedResponses(0, registry);

        none.store(key(), BODY, TimeWindow.ALWAYS);

        assertThat(none.isEnabled()).isFalse();
        assertThat(none.find(key(), NOW)).isEmpty();
        assertThat(count("strata.responses.cache.misses")).isZero();
    }

    @Test
    void new_negativeBytes_isRefused() {
        assertThatThrownBy(() -> new RenderedResponses(-1, registry)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxBytes[-1]");
    }
}
