package io.strata.domain.api;

import io.strata.domain.structure.BlockStructure;
import io.strata.domain.transform.BlockTransformer;
import io.strata.domain.transform.CollectContext;
import io.strata.domain.transform.SourceCourses;
import io.strata.domain.transform.TransformContext;
import io.strata.domain.transform.TransformerRegistry;
import io.strata.domain.transform.UserContext;
import io.strata.ports.ItemNotFoundException;
import io.strata.ports.LearnerRecord;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static io.strata.domain.transform.SourceCourses.usage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BlocksApiTest {
    private static final String LMS = "https://lms.example.com";
    private static final Instant NOW = Instant.parse("2026-03-01T00:00:00Z");
    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant DUE = Instant.parse("2026-04-01T23:30:00.250Z");
    private static final TransformerRegistry REGISTRY = TransformerRegistry.standard();
    private static final BlocksApi API = new BlocksApi(REGISTRY);
    private static final UserContext LEARNER = UserContext.of(LearnerRecord.learner("ada"), NOW);

    /** Root → ch (→ seq (→ unit (→ p1, video), hidden unit)), ch2 with an empty name. */
    private static BlockStructure course() {
        return REGISTRY.collect(SourceCourses.builder()
                .block("course", "root", Map.of("display_name", "Strata 101", "start", START))
                .block("chapter", "ch", Map.of("display_name", "Week 1"), "root")
                .block("sequential", "seq", Map.of("display_name", "Lesson", "graded", true, "format", "Homework",
                        "due", DUE), "ch")
                .block("vertical", "unit", "seq")
                .block("problem", "p1", Map.of("display_name", "Q1", "weight", 2, "data", "<problem/>"), "unit")
                .block("video", "clip", Map.of("display_name", "Clip"), "unit")
                .block("vertical", "hidden", Map.of("display_name", "Staff", "visible_to_staff_only", true), "seq")
                .block("chapter", "ch2", Map.of("display_name", ""), "root")
                .build());
    }

    private static BlocksRequest request(ReturnType returnType, Set<String> fields) {
        return new BlocksRequest(Optional.empty(), Optional.empty(), Optional.empty(), fields, Set.of(), returnType,
                LMS + "/");
    }

    private static String id(String type, String id) {
        return usage(type, id).toString();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> blocksOf(Object dict) {
        return (Map<String, Map<String, Object>>) ((Map<String, Object>) dict).get("blocks");
    }

    @Test
    void render_dict_givesRootAndBlocksInPreOrder() {
        var response = API.render(course(), request(ReturnType.DICT, Set.of()), LEARNER);

        @SuppressWarnings("unchecked")
        var body = (Map<String, Object>) response.toJsonValue();
        assertThat(body.keySet()).containsExactly("root", "blocks");
        assertThat(body.get("root")).isEqualTo(id("course", "root"));
        assertThat(blocksOf(body).keySet()).containsExactly(id("course", "root"), id("chapter", "ch"),
                id("sequential", "seq"), id("vertical", "unit"), id("problem", "p1"), id("video", "clip"),
                id("chapter", "ch2"));
    }

    @Test
    void render_defaultFields_giveIdsUrlsTypeAndName() {
        var response = API.render(course(), request(ReturnType.DICT, Set.of()), LEARNER);

        var unit = blocksOf(response.toJsonValue()).get(id("vertical", "unit"));
        var course = SourceCourses.COURSE;
        var usage = id("vertical", "unit");
        var jumpTo = LMS + "/courses/" + course + "/jump_to/" + usage;
        assertThat(unit.keySet()).containsExactly("id", "block_id", "lms_web_url", "legacy_web_url",
                "student_view_url", "type", "display_name");
        assertThat(unit).containsEntry("id", usage)
                .containsEntry("block_id", "unit")
                .containsEntry("lms_web_url", jumpTo)
                .containsEntry("legacy_web_url", jumpTo + "?experience=legacy")
                .containsEntry("student_view_url", LMS + "/xblock/" + usage)
                .containsEntry("type", "vertical")
                .containsEntry("display_name", "Unit");
    }

    @Test
    void render_missingOrEmptyDisplayName_usesTypeDefault() {
        var response = API.render(course(), request(ReturnType.DICT, Set.of()), LEARNER);

        var blocks = blocksOf(response.toJsonValue());
        assertThat(blocks.get(id("chapter", "ch2"))).containsEntry("display_name", "Section");
        assertThat(blocks.get(id("chapter", "ch"))).containsEntry("display_name", "Week 1");
    }

    @Test
    void render_list_givesBlockObjectsInPreOrder() {
        var response = API.render(course(), request(ReturnType.LIST, Set.of()), LEARNER);

        var list = (List<?>) response.toJsonValue();
        assertThat(list).hasSize(7);
        assertThat(list.stream().map(block -> (String) ((Map<?, ?>) block).get("block_id")))
                .containsExactly("root", "ch", "seq", "unit", "p1", "clip", "ch2");
    }

    @Test
    void render_requestedFields_addsThemInOrderWithIsoDates() {
        var fields = Set.of("children", "graded", "format", "due", "start", "visible_to_staff_only", "weight", "data");

        var response = API.render(course(), request(ReturnType.DICT, fields), LEARNER);

        var blocks = blocksOf(response.toJsonValue());
        var seq = blocks.get(id("sequential", "seq"));
        assertThat(seq.keySet()).containsExactly("id", "block_id", "lms_web_url", "legacy_web_url",
                "student_view_url", "type", "display_name", "children", "graded", "format", "due",
                "visible_to_staff_only");
        assertThat(seq).containsEntry("children", List.of(id("vertical", "unit")))
                .containsEntry("graded", true)
                .containsEntry("format", "Homework")
                .containsEntry("due", "2026-04-01T23:30:00Z")
                .containsEntry("visible_to_staff_only", false);
        assertThat(blocks.get(id("course", "root"))).containsEntry("start", "2026-01-01T00:00:00Z")
                .containsEntry("children", List.of(id("chapter", "ch"), id("chapter", "ch2")));
        assertThat(blocks.get(id("problem", "p1"))).containsEntry("weight", 2.0)
                .doesNotContainKeys("children", "data");
    }

    @Test
    void render_staff_seesHiddenUnitAsLastChild() {
        var staff = UserContext.allBlocks(NOW);

        var response = API.render(course(), request(ReturnType.DICT, Set.of("children")), staff);

        assertThat(blocksOf(response.toJsonValue()).get(id("sequential", "seq")))
                .containsEntry("children", List.of(id("vertical", "unit"), id("vertical", "hidden")));
    }

    @Test
    void render_navDepthAndBlockCounts_addDescendantsAndCounts() {
        var request = new BlocksRequest(Optional.empty(), Optional.empty(), Optional.of(1), Set.of(),
                Set.of("problem", "video"), ReturnType.DICT, LMS);

        var response = API.render(course(), request, LEARNER);

        var blocks = blocksOf(response.toJsonValue());
        assertThat(blocks.get(id("course", "root")))
                .containsEntry("descendants", List.of(id("chapter", "ch"), id("chapter", "ch2")))
                .containsEntry("block_counts", Map.of("problem", 1L, "video", 1L));
        assertThat(blocks.get(id("chapter", "ch"))).containsEntry("descendants",
                List.of(id("sequential", "seq"), id("vertical", "unit"), id("problem", "p1"), id("video", "clip")));
        assertThat(blocks.get(id("sequential", "seq"))).doesNotContainKey("descendants");
        assertThat(List.copyOf(blocks.get(id("course", "root")).keySet())).endsWith("descendants", "block_counts");
    }

    @Test
    void render_startBlockAndDepth_returnsThatSubtreeOnly() {
        var request = new BlocksRequest(Optional.of(usage("sequential", "seq")), Optional.of(1), Optional.empty(),
                Set.of("children"), Set.of("problem"), ReturnType.DICT, LMS);

        var response = API.render(course(), request, LEARNER);

        var body = (Map<?, ?>) response.toJsonValue();
        assertThat(body.get("root")).isEqualTo(id("sequential", "seq"));
        assertThat(blocksOf(body).keySet()).containsExactly(id("sequential", "seq"), id("vertical", "unit"));
        assertThat(blocksOf(body).get(id("vertical", "unit"))).doesNotContainKey("children")
                .containsEntry("block_counts", Map.of("problem", 1L));
    }

    @Test
    void render_unknownStartBlock_throwsItemNotFound() {
        var request = new BlocksRequest(Optional.of(usage("vertical", "nope")), Optional.empty(), Optional.empty(),
                Set.of(), Set.of(), ReturnType.DICT, LMS);

        assertThatThrownBy(() -> API.render(course(), request, LEARNER))
                .isInstanceOf(ItemNotFoundException.class)
                .hasMessageContaining("is not in this course's structure");
    }

    @Test
    void render_startBlockHiddenFromUser_givesRootAndNoBlocks() {
        var request = new BlocksRequest(Optional.of(usage("vertical", "hidden")), Optional.empty(), Optional.empty(),
                Set.of(), Set.of(), ReturnType.DICT, LMS);

        var response = API.render(course(), request, LEARNER);

        assertThat(response.toJsonValue()).isEqualTo(Map.of("root", id("vertical", "hidden"), "blocks", Map.of()));
    }

    @Test
    void render_oneRequest_transformsOnce() {
        var calls = new AtomicInteger();
        var transformers = new ArrayList<BlockTransformer>(REGISTRY.transformers());
        transformers.add(new CountingTransformer(calls));
        var registry = new TransformerRegistry(transformers);
        var structure = registry.collect(SourceCourses.builder().block("course", "root").build());

        new BlocksApi(registry).render(structure, request(ReturnType.DICT, Set.of("children")), LEARNER);

        assertThat(calls).hasValue(1);
    }

    /** Counts its transform calls. */
    private record CountingTransformer(AtomicInteger calls) implements BlockTransformer {
        @Override
        public String name() {
            return "counting";
        }

        @Override
        public int writeVersion() {
            return 1;
        }

        @Override
        public int readVersion() {
            return 1;
        }

        @Override
        public void collect(CollectContext context) {
            // Nothing to record.
        }

        @Override
        public void transform(TransformContext context) {
            calls.incrementAndGet();
        }
    }
}
