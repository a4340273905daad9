package io.strata.domain.transform.standard;

import io.strata.domain.structure.BlockStructure;
import io.strata.domain.transform.SourceCourses;
import io.strata.domain.transform.TransformOptions;
import io.strata.domain.transform.TransformerRegistry;
import io.strata.domain.transform.UserContext;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class StudentViewTransformerTest {
    private static final Instant NOW = Instant.parse("2026-03-01T00:00:00Z");
    private static final TransformerRegistry REGISTRY = new TransformerRegistry(List.of(new StudentViewTransformer()));

    private static BlockStructure course() {
        return REGISTRY.collect(SourceCourses.builder()
                .block("course", "root")
                .block("video", "clip", Map.of("youtube_id_1_0", "AOUEsgFrYeg",
                        "html5_sources", "[\"https://cdn.example.org/a.mp4\"]"), "root")
                .block("discussion", "talk", Map.of("discussion_id", "topic-1"), "root")
                .block("html", "page", "root")
                .build());
    }

    private static int index(BlockStructure structure, String type, String id) {
        return structure.indexOf(SourceCourses.usage(type, id)).orElseThrow();
    }

    private static TransformOptions requesting(String... types) {
        return new TransformOptions(Optional.empty(), Optional.empty(), Optional.empty(), Set.of(), false, false,
                Set.of(types));
    }

    @Test
    void transform_videoRequested_givesVideoDataOnly() {
        var structure = course();

        var view = REGISTRY.transform(structure, UserContext.anonymous(NOW), requesting("video"));

        assertThat(view.data(index(structure, "video", "clip"), StudentViewTransformer.STUDENT_VIEW_DATA))
                .isEqualTo(Map.of("only_on_web", false,
                        "encoded_videos", Map.of("youtube",
                                Map.of("url", "https://www.youtube.com/watch?v=AOUEsgFrYeg", "file_size", 0L)),
                        "all_sources", List.of("https://cdn.example.org/a.mp4")));
        assertThat(view.data(index(structure, "discussion", "talk"), StudentViewTransformer.STUDENT_VIEW_DATA))
                .isNull();
    }

    @Test
    void transform_discussionRequested_givesTopicId() {
        var structure = course();

        var view = REGISTRY.transform(structure, UserContext.anonymous(NOW), requesting("discussion"));

        assertThat(view.data(index(structure, "discussion", "talk"), StudentViewTransformer.STUDENT_VIEW_DATA))
                .isEqualTo(Map.of("topic_id", "topic-1"));
    }

    @Test
    void collect_multiDeviceTypes_areMarked() {
        var structure = course();

        assertThat(structure.transformerData(StudentViewTransformer.NAME, index(structure, "html", "page"),
                StudentViewTransformer.MULTI_DEVICE)).isEqualTo(true);
        assertThat(structure.transformerData(StudentViewTransformer.NAME, index(structure, "discussion", "talk"),
                StudentViewTransformer.MULTI_DEVICE)).isNull();
    }
}
