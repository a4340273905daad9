package io.strata.app.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jwt.JWTClaimsSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs the service on the bundled sample course and a folder durable tier: routes, auth, errors. */
class StrataServiceTest {
    private static final String COURSE = "course-v1:StrataX+SAMPLE101+2026";
    private static final String BLOCKS = "/api/courses/v1/blocks/?course_id=" + COURSE;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path data;

    private static RunningService running;

    @BeforeAll
    static void start() {
        running = RunningService.start(List.of("durable.filesystem.folder=" + data, "publish.delay=50ms",
                "lms.base-url=https://lms.example.com"));
    }

    @AfterAll
    static void stop() {
        running.close();
    }

    @Test
    void blocks_uriOverJettysLimit_is414WithAJsonDetail() throws IOException {
        var response = running.get(BLOCKS + "&username=" + "x".repeat(20_000), Optional.of(RunningService.TRUSTED));

        assertThat(response.statusCode()).isEqualTo(414);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/json"));
        assertThat(JSON.readTree(response.body()).get("detail").asText()).contains("URI is too long");
    }

    @Test
    void blocks_authorizationOverJettysLimit_is431WithAJsonDetail() throws IOException {
        var response = running.get(BLOCKS + "&username=staff", Optional.of("Bearer " + "x".repeat(20_000)));

        assertThat(response.statusCode()).isEqualTo(431);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/json"));
        assertThat(JSON.readTree(response.body()).get("detail").asText()).contains("headers are too large");
    }

    @Test
    void blocks_learnerOwnView_returnsRootOnlyByDefaultWithServerTiming() throws IOException {
        var response = running.get(BLOCKS + "&username=audit_learner",
                Optional.of(RunningService.bearer("audit_learner", false)));

        var body = JSON.readTree(response.body());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(body.get("root").asText()).isEqualTo("block-v1:StrataX+SAMPLE101+2026+type@course+block@2026");
        assertThat(body.get("blocks").size()).isEqualTo(1);
        assertThat(body.get("blocks").elements().next().get("lms_web_url").asText())
                .startsWith("https://lms.example.com/courses/" + COURSE + "/jump_to/");
        assertThat(response.headers().firstValue("Server-Timing").orElseThrow())
                .matches("load;dur=[0-9.]+;desc=\"[a-z-]+\", transform;dur=[0-9.]+, render;dur=[0-9.]+");
    }

    @Test
    void blocks_repeatedRequest_isServedFromTheDecodedStructure() {
        var request = BLOCKS + "&username=staff&depth=all";
        running.get(request, Optional.of(RunningService.TRUSTED));

        var response = running.get(request, Optional.of(RunningService.TRUSTED));

        assertThat(response.headers().firstValue("Server-Timing").orElseThrow()).contains("desc=\"decoded\"");
        assertThat(running.metric("strata_blocks_loads_total", "source=\"decoded\"")).isPositive();
    }

    @Test
    void blocks_depthAllWithChildren_returnsEveryVisibleBlockAsList() throws IOException {
        var response = running.get(BLOCKS + "&username=staff&depth=all&requested_fields=children,graded"
                + "&return_type=list&block_counts=problem", Optional.of(RunningService.TRUSTED));

        var body = JSON.readTree(response.body());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(body.isArray()).isTrue();
        assertThat(body.size()).isGreaterThan(40);
        assertThat(body.get(0).get("block_counts").get("problem").asInt()).isPositive();
    }

    @Test
    void blocks_usageIdRoute_startsAtThatBlock() throws IOException {
        var root = "block-v1:StrataX+SAMPLE101+2026+type@course+block@2026";
        var first = JSON.readTree(running.get(BLOCKS + "&username=staff&depth=1&requested_fields=children",
                Optional.of(RunningService.TRUSTED)).body()).get("blocks").get(root).get("children").get(0).asText();

        var response = running.get("/api/courses/v2/blocks/" + first + "?username=staff&depth=all",
                Optional.of(RunningService.TRUSTED));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).get("root").asText()).isEqualTo(first);
    }

    @Test
    void blocks_blockTypesFilter_keepsOnlyThoseTypesWithTheirKeptDescendantsAsChildren() throws IOException {
        var response = running.get(BLOCKS + "&username=staff&depth=all&requested_fields=children"
                + "&block_types_filter=course,problem", Optional.of(RunningService.TRUSTED));

        var blocks = JSON.readTree(response.body()).get("blocks");
        assertThat(response.statusCode()).isEqualTo(200);
        blocks.elements().forEachRemaining(block -> assertThat(block.get("type").asText()).isIn("course", "problem"));
        var root = blocks.get("block-v1:StrataX+SAMPLE101+2026+type@course+block@2026");
        assertThat(root.get("children").size()).isEqualTo(blocks.size() - 1);
    }

    @Test
    void blocks_withoutCredentials_is401AsJson() throws IOException {
        var response = running.get(BLOCKS + "&username=", Optional.empty());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(response.body()).get("detail").asText()).contains("Authorization header missing");
    }

    @Test
    void blocks_badSignatureOrExpiredToken_is401() {
        var forged = RunningService.bearer(claims("staff", Instant.now().plusSeconds(60)),
                "another-key-that-is-at-least-32-bytes");
        var expired = RunningService.bearer(claims("staff", Instant.now().minusSeconds(1)), RunningService.JWT_KEY);

        assertThat(running.get(BLOCKS + "&username=staff", Optional.of(forged)).statusCode()).isEqualTo(401);
        assertThat(running.get(BLOCKS + "&username=staff", Optional.of(expired)).statusCode()).isEqualTo(401);
        assertThat(running.get(BLOCKS + "&username=staff", Optional.of("Trusted wrong")).statusCode()).isEqualTo(401);
    }

    @Test
    void blocks_learnerAsksForAnotherLearnersView_is403() throws IOException {
        var response = running.get(BLOCKS + "&username=verified_learner",
                Optional.of(RunningService.bearer("audit_learner", false)));

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(JSON.readTree(response.body()).get("detail").asText()).contains("audit_learner", "staff access");
    }

    @Test
    void blocks_allBlocksOrAsOfWithoutStaff_is403() {
        var learner = Optional.of(RunningService.bearer("audit_learner", false));

        assertThat(running.get(BLOCKS + "&all_blocks=true", learner).statusCode()).isEqualTo(403);
        assertThat(running.get(BLOCKS + "&username=audit_learner&as_of=2099-01-01T00:00:00Z", learner).statusCode())
                .isEqualTo(403);
    }

    @Test
    void blocks_allBlocksByCourseStaffOrAdministrator_isServed() {
        assertThat(running.get(BLOCKS + "&all_blocks=true", Optional.of(RunningService.bearer("staff", false)))
                .statusCode()).isEqualTo(200);
        assertThat(running.get(BLOCKS + "&all_blocks=true", Optional.of(RunningService.bearer("someone", true)))
                .statusCode()).isEqualTo(200);
    }

    @Test
    void blocks_asOfByStaff_showsTheViewAtThatMoment() throws IOException {
        var now = count(running.get(BLOCKS + "&username=audit_learner&depth=all", Optional.of(RunningService.TRUSTED)));
        var later = count(running.get(BLOCKS + "&username=audit_learner&depth=all&as_of=2100-01-01T00:00:00Z",
                Optional.of(RunningService.TRUSTED)));

        assertThat(later).isGreaterThan(now);
    }

    @Test
    void blocks_anonymousViewWithEmptyUsername_isServedToAnyCaller() {
        var response = running.get(BLOCKS + "&username=", Optional.of(RunningService.bearer("audit_learner", false)));

        assertThat(response.statusCode()).isEqualTo(200);
    }

    @Test
    void blocks_unknownCourseUserOrBlock_is404() throws IOException {
        var trusted = Optional.of(RunningService.TRUSTED);
        var missing = "block-v1:StrataX+SAMPLE101+2026+type@html+block@missing";

        var block = running.get("/api/courses/v1/blocks/" + missing + "?username=staff", trusted);

        assertThat(running.get("/api/courses/v1/blocks/?course_id=course-v1:No+Such+Course&username=staff", trusted)
                .statusCode()).isEqualTo(404);
        assertThat(running.get(BLOCKS + "&username=nobody", trusted).statusCode()).isEqualTo(404);
        assertThat(block.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(block.body()).get("detail").asText())
                .contains("Block[" + missing + "]", "course[" + COURSE + "]");
        assertThat(block.body()).doesNotContain("Exception", "at io.");
    }

    @Test
    void blocks_invalidParameter_is400NamingIt() throws IOException {
        var response = running.get(BLOCKS + "&username=staff&depth=deep", Optional.of(RunningService.TRUSTED));

        var body = JSON.readTree(response.body());
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(body.get("parameter").asText()).isEqualTo("depth");
        assertThat(body.get("detail").asText()).contains("depth[deep]");
        assertThat(response.body()).doesNotContain("Exception", "at io.");
    }

    @Test
    void unknownPath_fromABrowser_is404AsJson() throws IOException {
        var response = running.send("GET", "/api/courses/v3/blocks/?course_id=" + COURSE,
                Map.of("Accept", "text/html,application/xhtml+xml"));

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
        assertThat(JSON.readTree(response.body()).get("detail").asText())
                .contains("request[GET /api/courses/v3/blocks/]");
        assertThat(response.body()).doesNotContain("<", "Exception", "at io.");
    }

    @Test
    void knownPathWithAnotherMethod_is405AsJson() throws IOException {
        var responses = List.of(running.send("DELETE", "/health", Map.of("Accept", "text/html")),
                running.send("PUT", BLOCKS + "&username=staff", Map.of()),
                running.send("GET", "/api/strata/v1/courses/" + COURSE + "/published", Map.of()));

        for (var response : responses) {
            assertThat(response.statusCode()).as(response.body()).isEqualTo(405);
            assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
            assertThat(JSON.readTree(response.body()).fieldNames()).toIterable().containsExactly("detail");
            assertThat(response.body()).contains("is not allowed on path").doesNotContain("<", "Exception");
        }
    }

    @Test
    void health_always_isOk() {
        assertThat(running.get("/health", Optional.empty()).body()).isEqualTo("{\"status\":\"ok\"}");
    }

    @Test
    void ready_folderTierUp_isReadyListingEachTier() throws IOException {
        var response = running.get("/ready", Optional.empty());

        var body = JSON.readTree(response.body());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(body.get("tiers").get("caffeine").asText()).isEqualTo("up");
        assertThat(body.get("tiers").get("durable").asText()).isEqualTo("up");
    }

    @Test
    void metrics_afterRequests_countsThemByRouteAndStatus() {
        running.get(BLOCKS + "&username=staff", Optional.of(RunningService.TRUSTED));

        assertThat(running.metric("strata_http_requests_seconds_count", "status=\"200\"")).isPositive();
        assertThat(running.metric("strata_http_requests_seconds_bucket", "route=\"/api/courses/v1/blocks\""))
                .isPositive();
        assertThat(running.metric("strata_tier_hits_total", "tier=\"")
                + running.metric("strata_collects_total", "")).isPositive();
    }

    @Test
    void published_byLearner_is403AndByTrustedIsAccepted() {
        var path = "/api/strata/v1/courses/" + COURSE + "/published";

        assertThat(running.send("POST", path, Optional.of(RunningService.bearer("staff", false))).statusCode())
                .isEqualTo(403);
        assertThat(running.send("POST", path, Optional.of(RunningService.TRUSTED)).statusCode()).isEqualTo(202);
    }

    private static JWTClaimsSet claims(String username, Instant expiry) {
        return new JWTClaimsSet.Builder().claim(CallerAuthenticator.USERNAME_CLAIM, username)
                .expirationTime(Date.from(expiry)).build();
    }

    private static int count(HttpResponse<String> response) throws IOException {
        JsonNode body = JSON.readTree(response.body());
        return body.get("blocks").size();
    }
}
