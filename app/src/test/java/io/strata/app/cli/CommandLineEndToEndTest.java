package io.strata.app.cli;

import ch.qos.logback.classic.Level;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.strata.adapters.olx.OlxCourseSource;
import io.strata.adapters.olx.OlxCourseSourceConfig;
import io.strata.app.sample.BundledSamples;
import io.strata.domain.api.BlocksApi;
import io.strata.domain.api.BlocksRequest;
import io.strata.domain.api.ReturnType;
import io.strata.domain.transform.TransformerRegistry;
import io.strata.domain.transform.UserContext;
import io.strata.ports.LearnerRecord;
import io.strata.testkit.SharedCourses;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the command line as a user would, on the bundled sample course, with the durable tier in a
 * temporary folder: generate, serve, and what happens when the stored files change underneath.
 */
class CommandLineEndToEndTest {
    private static final String SAMPLE = "course-v1:StrataX+SAMPLE101+2026";
    private static final String STAFF_UNIT = "block-v1:StrataX+SAMPLE101+2026+type@vertical+block@u_staff_notes";
    private static final String FUTURE_UNIT = "block-v1:StrataX+SAMPLE101+2026+type@vertical+block@u_coming_later";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    private List<String> common;
    private Path store;

    @BeforeEach
    void useTemporaryStore() {
        store = temp.resolve("store");
        common = List.of("--set", "durable.filesystem.folder=" + store);
    }

    @Test
    void generate_sampleCourse_collectsStoresAndSummarizes() {
        var run = CliRun.run(common, "generate-course-blocks", "--all-courses", "--with-storage");

        assertThat(run.status()).isZero();
        assertThat(run.out()).contains("collected  " + SAMPLE + ": 49 blocks")
                .contains("1 done (1 collected, 0 unchanged), 0 failed; 49 blocks");
        assertThat(storedPayloads()).hasSize(1);
    }

    @Test
    void generate_secondRunOnUnchangedInput_collectsNothingAndSaysSo() {
        CliRun.run(common, "generate-course-blocks", "--all-courses", "--with-storage");

        var second = CliRun.run(common, "generate-course-blocks", "--all-courses", "--with-storage");

        assertThat(second.status()).isZero();
        assertThat(second.out()).contains("unchanged  " + SAMPLE).contains("nothing collected")
                .contains("(0 collected, 1 unchanged)");
    }

    @Test
    void generate_forceUpdate_collectsAgain() {
        CliRun.run(common, "generate-course-blocks", "--all-courses", "--with-storage");

        var forced = CliRun.run(common, "generate-course-blocks", "--all-courses", "--with-storage", "--force-update");

        assertThat(forced.out()).contains("collected  " + SAMPLE);
    }

    @Test
    void generate_oneFileChanged_recollectsThatCourseOnly() throws IOException {
        var courses = temp.resolve("courses");
        SharedCourses.copyTree(SharedCourses.course("edx-toy"), courses.resolve("edx-toy"));
        SharedCourses.copyTree(SharedCourses.course("edx-xml-dag"), courses.resolve("edx-xml-dag"));
        CliRun.run(common, "generate-course-blocks", "--source", courses.toString(), "--all-courses", "--with-storage");
        var html = courses.resolve("edx-toy/html/toyhtml.html");
        Files.writeString(html, Files.readString(html) + "<p>One more line.</p>");

        var run = CliRun.run(common, "generate-course-blocks", "--source", courses.toString(), "--all-courses",
                "--with-storage");

        assertThat(run.out()).contains("collected  course-v1:edX+toy+2012_Fall")
                .contains("unchanged  course-v1:testX+dag+2012_Fall").contains("(1 collected, 1 unchanged)");
    }

    @Test
    void generate_brokenCourseAmongGoodOnes_reportsItAndGoesOn() throws IOException {
        var courses = temp.resolve("courses");
        SharedCourses.copyTree(SharedCourses.course("edx-xml-dag"), courses.resolve("edx-xml-dag"));
        SharedCourses.copyTree(SharedCourses.course("edx-toy"), courses.resolve("edx-toy"));
        Files.writeString(courses.resolve("edx-toy/chapter/poll_test.xml"), "<sequential><unclosed></sequential>");

        var run = CliRun.run(common, "generate-course-blocks", "--source", courses.toString(), "--all-courses",
                "--with-storage");

        assertThat(run.status()).isEqualTo(1);
        assertThat(run.out()).contains("FAILED     course-v1:edX+toy+2012_Fall").contains("chapter/poll_test.xml")
                .contains("collected  course-v1:testX+dag+2012_Fall").contains("1 failed");
    }

    @Test
    void generate_everySharedCourse_succeeds() {
        var run = CliRun.run(common, "generate-course-blocks", "--source", SharedCourses.course("").toString(),
                "--all-courses", "--with-storage");

        assertThat(run.status()).as(run.out()).isZero();
        assertThat(run.out()).contains("6 done (6 collected, 0 unchanged), 0 failed");
    }

    @Test
    void generate_emptyFolder_failsSayingNoCourseWasFound() throws IOException {
        var empty = Files.createDirectories(temp.resolve("empty"));

        var run = CliRun.run(common, "generate-course-blocks", "--source", empty.toString(), "--all-courses");

        assertThat(run.status()).isEqualTo(1);
        assertThat(run.out()).contains("no course found").contains("1 failed");
    }

    @Test
    void listCourses_sharedFolder_printsEveryCourseKey() {
        var run = CliRun.run(common, "list-courses", "--source", SharedCourses.course("").toString());

        assertThat(run.status()).isZero();
        assertThat(run.out().lines()).containsExactly("course-v1:DartmouthX+DART.ENGS.01.X+course",
                "course-v1:OpenedX+DemoX+DemoCourse", "course-v1:edX+Test101+course", "course-v1:edX+toy+2012_Fall",
                "course-v1:hisp+GEN-D003-en+2022Q1", "course-v1:testX+dag+2012_Fall");
    }

    @Test
    void courseBlocks_missingSource_isUsageError() {
        var run = CliRun.run(common, "course-blocks", "--course", SAMPLE, "--all-blocks",
                "--source", temp.resolve("absent").toString());

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains("--source[").contains("does not exist");
    }

    @Test
    void anyCommand_adapterRefusesItsConfiguration_printsOneLineNamingTheKey() {
        var run = CliRun.run(List.of(), "generate-course-blocks", "--all-courses",
                "--set", "durable.filesystem.folder=/");

        assertThat(run.status()).isEqualTo(1);
        assertThat(run.err()).contains("durable.filesystem.folder[/]").doesNotContain("Exception");
    }

    @Test
    void anyCommand_malformedLearnersFile_printsOneLineNamingTheFile() throws IOException {
        var learners = Files.writeString(temp.resolve("learners.yaml"),
                "learners:\n  - username: x\n    roles: [god]\n");

        var run = CliRun.run(common, "course-blocks", "--course", SAMPLE, "--all-blocks",
                "--set", "learners.file=" + learners);

        assertThat(run.status()).isEqualTo(1);
        assertThat(run.err()).contains("learners.yaml").contains("god").doesNotContain("Exception");
    }

    @Test
    void courseBlocks_afterGenerate_equalsCollectingAndServingInMemory() throws IOException {
        CliRun.run(common, "generate-course-blocks", "--all-courses", "--with-storage");
        var payload = storedPayloads().get(0);
        var storedAt = Files.getLastModifiedTime(payload);

        var served = CliRun.run(common, "course-blocks", "--course", SAMPLE, "--username", "audit_learner",
                "--requested-fields", "children,graded,format,due,start", "--nav-depth", "3",
                "--block-counts", "problem,video");

        assertThat(served.status()).isZero();
        assertThat(JSON.readTree(served.out())).isEqualTo(inMemoryResponse());
        assertThat(storedPayloads()).as("served from the stored payload, not recollected").containsExactly(payload);
        assertThat(Files.getLastModifiedTime(payload)).isEqualTo(storedAt);
    }

    @Test
    void courseBlocks_nothingStored_collectsAndStores() throws IOException {
        var run = CliRun.run(common, "course-blocks", "--course", SAMPLE, "--username", "audit_learner");

        assertThat(run.status()).isZero();
        assertThat(JSON.readTree(run.out()).get("root").asText()).isEqualTo(
                "block-v1:StrataX+SAMPLE101+2026+type@course+block@2026");
        assertThat(storedPayloads()).hasSize(1);
    }

    @Test
    void courseBlocks_learner_seesNeitherStaffOnlyNorFutureUnit() throws IOException {
        var blocks = blockIds("--username", "audit_learner");

        assertThat(blocks).doesNotContain(STAFF_UNIT, FUTURE_UNIT).hasSize(45);
    }

    @Test
    void courseBlocks_staff_seesBothHiddenUnits() throws IOException {
        var blocks = blockIds("--username", "staff");

        assertThat(blocks).contains(STAFF_UNIT, FUTURE_UNIT).hasSize(49);
    }

    @Test
    void courseBlocks_asOfBeforeCourseStart_showsLearnerNothing() throws IOException {
        var run = CliRun.run(common, "course-blocks", "--course", SAMPLE, "--username", "audit_learner",
                "--as-of", "2025-12-01T00:00:00Z");

        assertThat(run.status()).as(run.err()).isZero();
        assertThat(JSON.readTree(run.out()).get("blocks").size()).isZero();
    }

    @Test
    void courseBlocks_asOfAfterFutureUnitStarts_showsItToLearner() throws IOException {
        var blocks = blockIds("--username", "audit_learner", "--as-of", "2099-06-01T00:00:00Z");

        assertThat(blocks).contains(FUTURE_UNIT).doesNotContain(STAFF_UNIT);
    }

    @Test
    void courseBlocks_badAsOf_isUsageErrorNamingIt() {
        var run = CliRun.run(common, "course-blocks", "--course", SAMPLE, "--username", "staff", "--as-of", "soon");

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains("--as-of[soon]");
    }

    @Test
    void courseBlocks_badApiVersion_isUsageErrorNamingIt() {
        var run = CliRun.run(common, "course-blocks", "--course", SAMPLE, "--username", "staff",
                "--api-version", "v3");

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains("--api-version[v3]");
    }

    @Test
    void courseBlocks_apiVersionTwo_servesSameSampleOutline() throws IOException {
        var v1 = blockIds("--username", "audit_learner", "--api-version", "v1");

        var v2 = blockIds("--username", "audit_learner", "--api-version", "v2");

        assertThat(v2).isEqualTo(v1);
    }

    @Test
    void courseBlocks_allBlocks_returnsEveryBlock() throws IOException {
        assertThat(blockIds("--all-blocks")).hasSize(49);
    }

    @Test
    void courseBlocks_listReturnType_printsAListWithRootFirst() throws IOException {
        var run = CliRun.run(common, "course-blocks", "--course", SAMPLE, "--username", "staff",
                "--return-type", "list");

        var list = JSON.readTree(run.out());
        assertThat(list.isArray()).isTrue();
        assertThat(list.get(0).get("type").asText()).isEqualTo("course");
        assertThat(list).hasSize(49);
    }

    @Test
    void courseBlocks_depthOne_returnsRootAndChapters() throws IOException {
        assertThat(blockIds("--username", "staff", "--depth", "1")).hasSize(4);
    }

    @Test
    void courseBlocks_storedPayloadCorrupted_recollectsWarnsOnceAndServesRightAnswer() throws IOException {
        CliRun.run(common, "generate-course-blocks", "--all-courses", "--with-storage");
        var expected = blockIds("--username", "audit_learner");
        var payload = storedPayloads().get(0);
        var bytes = Files.readAllBytes(payload);
        bytes[bytes.length / 2] ^= 0x01;
        Files.write(payload, bytes);

        try (var logs = new LogCapture()) {
            var actual = blockIds("--username", "audit_learner");

            assertThat(actual).isEqualTo(expected);
            assertThat(logs.messages(Level.WARN)).hasSize(1).first().asString().contains("corrupt");
        }
        assertThat(Files.readAllBytes(payload)).isNotEqualTo(bytes);
    }

    @Test
    void courseBlocks_storedPointerCorrupted_recollectsWarnsOnceAndServesRightAnswer() throws IOException {
        CliRun.run(common, "generate-course-blocks", "--all-courses", "--with-storage");
        var expected = blockIds("--username", "audit_learner");
        var pointer = storedPayloads().get(0).resolveSibling("current");
        var bytes = Files.readAllBytes(pointer);
        bytes[bytes.length / 2] ^= 0x01;
        Files.write(pointer, bytes);

        try (var logs = new LogCapture()) {
            var actual = blockIds("--username", "audit_learner");

            assertThat(actual).isEqualTo(expected);
            assertThat(logs.messages(Level.WARN)).hasSize(1).first().asString().contains("corrupt");
        }
        assertThat(Files.readAllBytes(pointer)).isNotEqualTo(bytes);
    }

    @Test
    void courseBlocks_storedPayloadDeleted_recollectsAndServesRightAnswer() throws IOException {
        CliRun.run(common, "generate-course-blocks", "--all-courses", "--with-storage");
        var expected = blockIds("--username", "audit_learner");
        Files.delete(storedPayloads().get(0));

        var actual = blockIds("--username", "audit_learner");

        assertThat(actual).isEqualTo(expected);
        assertThat(storedPayloads()).hasSize(1);
    }

    @Test
    void courseBlocks_standardOutput_holdsOnlyJson() throws IOException {
        var run = CliRun.run(common, "course-blocks", "--course", SAMPLE, "--username", "audit_learner");

        assertThat(JSON.readTree(run.out()).has("blocks")).isTrue();
        assertThat(run.out()).doesNotContain("INFO").doesNotContain("Tier[");
    }

    @Test
    void courseBlocks_unknownUser_failsNamingUser() {
        var run = CliRun.run(common, "course-blocks", "--course", SAMPLE, "--username", "nobody");

        assertThat(run.status()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("User[nobody]").contains("learners file");
    }

    @Test
    void courseBlocks_badCourseKey_failsNamingKey() {
        var run = CliRun.run(common, "course-blocks", "--course", "not-a-key", "--username", "staff");

        assertThat(run.status()).isEqualTo(1);
        assertThat(run.err()).contains("course key[not-a-key]");
    }

    @Test
    void courseBlocks_courseNotInSource_failsNamingCourse() {
        var run = CliRun.run(common, "course-blocks", "--course", "course-v1:No+Such+Course", "--username", "staff");

        assertThat(run.status()).isEqualTo(1);
        assertThat(run.err()).contains("course-v1:No+Such+Course");
    }

    @Test
    void courseBlocks_badDepth_isUsageError() {
        var run = CliRun.run(common, "course-blocks", "--course", SAMPLE, "--username", "staff", "--depth", "-1");

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains("--depth[-1]");
    }

    @Test
    void courseBlocks_neitherUserNorAllBlocks_isUsageError() {
        var run = CliRun.run(common, "course-blocks", "--course", SAMPLE);

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains("--username").contains("--all-blocks");
    }

    @Test
    void anyCommand_unknownConfigValue_failsListingAllowedValues() {
        var run = CliRun.run(common, "course-blocks", "--course", SAMPLE, "--all-blocks", "--set", "durable.type=s4");

        assertThat(run.status()).isEqualTo(1);
        assertThat(run.err()).contains("durable.type[s4]").contains("allowed values: filesystem");
    }

    private JsonNode inMemoryResponse() throws IOException {
        var course = new OlxCourseSource(OlxCourseSourceConfig.of(BundledSamples.extractSampleCourse()))
                .read(SAMPLE);
        var registry = TransformerRegistry.standard();
        var structure = registry.collect(course);
        var request = new BlocksRequest(Optional.empty(), Optional.empty(),
                Optional.of(3), Set.of("children", "graded", "format", "due", "start"),
                Set.of("problem", "video"), ReturnType.DICT, "http://localhost:18000");
        var user = UserContext.of(LearnerRecord.learner("audit_learner"), Instant.now());
        var response = new BlocksApi(registry).render(structure, request, user).toJsonValue();
        // Through text, as the command prints it, so that numbers compare by value, not by Java type.
        return JSON.readTree(JSON.writeValueAsString(response));
    }

    private List<String> blockIds(String... viewer) throws IOException {
        var args = new ArrayList<>(List.of("course-blocks", "--course", SAMPLE));
        args.addAll(List.of(viewer));
        var run = CliRun.run(common, args.toArray(String[]::new));
        assertThat(run.status()).as(run.err()).isZero();
        var ids = new ArrayList<String>();
        JSON.readTree(run.out()).get("blocks").fieldNames().forEachRemaining(ids::add);
        return ids;
    }

    private List<Path> storedPayloads() {
        try (Stream<Path> files = Files.walk(store)) {
            return files.filter(path -> path.toString().endsWith(".strb")).sorted().toList();
        } catch (IOException e) {
            throw new AssertionError("Cannot list the store " + store, e);
        }
    }
}
