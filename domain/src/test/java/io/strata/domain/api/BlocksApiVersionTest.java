package io.strata.domain.api;

import io.strata.domain.structure.BlockStructure;
import io.strata.domain.transform.SourceCourses;
import io.strata.domain.transform.TransformerRegistry;
import io.strata.domain.transform.UserContext;
import io.strata.ports.LearnerRecord;
import io.strata.testkit.InMemoryLearnerSource;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static io.strata.domain.transform.SourceCourses.usage;
import static org.assertj.core.api.Assertions.assertThat;

class BlocksApiVersionTest {
    private static final Instant NOW = Instant.parse("2026-03-01T00:00:00Z");
    private static final TransformerRegistry REGISTRY = TransformerRegistry.standard();
    private static final String UNIT = usage("vertical", "verified_unit").toString();
    private static final String BANK = usage("library_content", "bank").toString();

    private static BlockStructure course() {
        return REGISTRY.collect(SourceCourses.builder()
                .block("course", "root", Map.of("start", Instant.parse("2026-01-01T00:00:00Z")))
                .block("chapter", "ch", "root")
                .block("sequential", "seq", "ch")
                .block("vertical", "verified_unit", Map.of("group_access", Map.of("50", List.of(2L))), "seq")
                .block("vertical", "open_unit", "seq")
                .block("library_content", "bank", Map.of("max_count", 1L), "open_unit")
                .block("problem", "p1", "bank")
                .block("problem", "p2", "bank")
                .build());
    }

    private static UserContext audit() {
        return UserContext.of(new LearnerRecord("ann", Set.of(), Optional.of("audit"), Map.of()), NOW);
    }

    private static BlocksRequest request(BlocksApiVersion version) {
        return BlocksRequest.wholeCourse("https://lms.example.com").withRequestedFields(Set.of("children"))
                .withApiVersion(version);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> blocks(BlocksResponse response) {
        return (Map<String, Map<String, Object>>) ((Map<String, Object>) response.toJsonValue()).get("blocks");
    }

    @Test
    void render_v1AuditLearner_leavesOutVerifiedOnlyUnit() {
        var response = new BlocksApi(REGISTRY).render(course(), request(BlocksApiVersion.V1), audit());

        assertThat(blocks(response)).doesNotContainKey(UNIT);
    }

    @Test
    void render_v2AuditLearner_returnsVerifiedOnlyUnitWithReason() {
        var response = new BlocksApi(REGISTRY).render(course(), request(BlocksApiVersion.V2), audit());

        assertThat(blocks(response).get(UNIT))
                .containsEntry("authorization_denial_reason", "Enrollment Track Groups")
                .containsKey("authorization_denial_message");
    }

    @Test
    void render_v2VerifiedLearner_returnsUnitWithoutReason() {
        var verified = UserContext.of(new LearnerRecord("vic", Set.of(), Optional.of("verified"), Map.of()), NOW);

        var response = new BlocksApi(REGISTRY).render(course(), request(BlocksApiVersion.V2), verified);

        assertThat(blocks(response).get(UNIT)).doesNotContainKey("authorization_denial_reason");
    }

    @Test
    void render_learnerSourceSavingSelections_savesNewSelectionOnceAndReusesIt() {
        var learners = new InMemoryLearnerSource();
        learners.addUser("ann");
        var api = new BlocksApi(REGISTRY, learners);
        var structure = course();
        var course = SourceCourses.COURSE;

        var first = api.render(structure, request(BlocksApiVersion.V1), audit());
        var saved = learners.loadSelections("ann", course);
        var reloaded = UserContext.of(learners.find("ann", course).orElseThrow(), NOW);
        var second = api.render(structure, request(BlocksApiVersion.V1), reloaded);

        assertThat(saved).containsOnlyKeys(BANK);
        assertThat(saved.get(BANK)).hasSize(1);
        assertThat(blocks(first).get(BANK).get("children")).isEqualTo(saved.get(BANK));
        assertThat(blocks(second).get(BANK).get("children")).isEqualTo(saved.get(BANK));
    }

    @Test
    void renderOnce_firstRequestSavesThenTheSavedRecordGivesTheSameResponseWithoutSaving() {
        var learners = new InMemoryLearnerSource();
        var course = SourceCourses.COURSE;
        learners.putRecord(course, audit().learner().orElseThrow());
        var api = new BlocksApi(REGISTRY, learners);
        var structure = course();

        var first = api.renderOnce(structure, request(BlocksApiVersion.V1), audit());
        var reloaded = UserContext.of(learners.find("ann", course).orElseThrow(), NOW);
        var second = api.renderOnce(structure, request(BlocksApiVersion.V1), reloaded);

        assertThat(first.hasSavedSelections()).isTrue();
        assertThat(reloaded.learner()).isNotEqualTo(audit().learner());
        assertThat(second.hasSavedSelections()).isFalse();
        assertThat(second.response().toJsonValue()).isEqualTo(first.response().toJsonValue());
    }

    @Test
    void renderOnce_learnerSourceNotSaving_savesNothing() {
        var rendered = new BlocksApi(REGISTRY).renderOnce(course(), request(BlocksApiVersion.V1), audit());

        assertThat(rendered.hasSavedSelections()).isFalse();
    }
}
