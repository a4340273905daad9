package io.strata.app.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.strata.app.sample.SampleCourseGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks, through the real wiring, that the structure the first request collects does not depend
 * on who made it: an audit learner's request collects a course with verified-only units, and a
 * verified learner's next request, served from that structure, still gets them.
 */
class FirstRequestCollectTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DENIAL = "authorization_denial_reason";

    @TempDir
    Path temp;

    @Test
    void blocks_auditLearnerCollectsFirst_verifiedLearnerStillGetsVerifiedOnlyUnits() throws IOException {
        var course = SampleCourseGenerator.generate(1_200, 5, temp.resolve("course"));
        var verifiedOnly = verifiedOnlyUnits(course);
        var learners = Files.writeString(temp.resolve("learners.yaml"), """
                learners:
                  - username: audit_learner
                    enrollment: audit
                  - username: verified_learner
                    enrollment: verified
                """);
        var blocks = "/api/courses/v2/blocks/?course_id=" + course.courseKey() + "&depth=all&username=";

        try (var running = RunningService.start(List.of("durable.filesystem.folder=" + temp.resolve("durable"),
                "course.source=" + course.folder(), "learners.file=" + learners))) {
            double collectsBefore = collects(running);
            var audit = blocksOf(running.get(blocks + "audit_learner",
                    Optional.of(RunningService.bearer("audit_learner", false))).body());
            double collectsAfterAudit = collects(running);
            var verified = blocksOf(running.get(blocks + "verified_learner",
                    Optional.of(RunningService.bearer("verified_learner", false))).body());

            assertThat(collectsBefore).isZero();
            assertThat(collectsAfterAudit).isEqualTo(1);
            assertThat(collects(running)).isEqualTo(1);
            var deniedToAudit = verifiedOnly.stream().filter(audit::containsKey).toList();
            assertThat(deniedToAudit).isNotEmpty()
                    .allSatisfy(unit -> assertThat(audit.get(unit).path(DENIAL).asText()).isNotEmpty());
            assertThat(deniedToAudit).allSatisfy(unit -> {
                assertThat(verified).containsKey(unit);
                assertThat(verified.get(unit).has(DENIAL)).isFalse();
            });
        }
    }

    private static double collects(RunningService running) {
        return running.metric("strata_blocks_loads_total", "source=\"collected\"");
    }

    /** Returns the usage keys of the generated units that only verified learners may open, from their XML. */
    private static List<String> verifiedOnlyUnits(SampleCourseGenerator.Result course) throws IOException {
        var prefix = course.courseKey().replace("course-v1:", "block-v1:") + "+type@vertical+block@";
        try (Stream<Path> files = Files.list(course.folder().resolve("vertical"))) {
            return files.filter(file -> read(file).contains("group_access=\"{&quot;50&quot;: [2]}\""))
                    .map(file -> prefix + file.getFileName().toString().replace(".xml", "")).toList();
        }
    }

    private static Map<String, JsonNode> blocksOf(String body) throws IOException {
        var blocks = new HashMap<String, JsonNode>();
        JSON.readTree(body).get("blocks").fields().forEachRemaining(entry -> blocks.put(entry.getKey(),
                entry.getValue()));
        return blocks;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
