package io.strata.domain.transform.standard;

import io.strata.domain.api.BlocksApi;
import io.strata.domain.api.BlocksRequest;
import io.strata.domain.transform.SourceCourses;
import io.strata.domain.transform.TransformerRegistry;
import io.strata.domain.transform.UserContext;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ExtraFieldsTransformerTest {
    private static final Instant NOW = Instant.parse("2026-03-01T00:00:00Z");

    @Test
    void render_requestedExtraField_isReturnedOnBlocksThatHaveIt() {
        var registry = new TransformerRegistry(List.of(new ExtraFieldsTransformer(Set.of("showanswer"))));
        var structure = registry.collect(SourceCourses.builder()
                .block("course", "root")
                .block("problem", "p", Map.of("showanswer", "never"), "root")
                .build());
        var request = BlocksRequest.wholeCourse("https://lms.example.com")
                .withRequestedFields(Set.of("showanswer"));

        var blocks = new BlocksApi(registry).render(structure, request, UserContext.anonymous(NOW)).blocks();

        assertThat(blocks.get(1)).containsEntry("showanswer", "never");
        assertThat(blocks.get(0)).doesNotContainKey("showanswer");
    }

    @Test
    void writeVersion_otherFields_differs() {
        assertThat(new ExtraFieldsTransformer(Set.of("a")).writeVersion())
                .isNotEqualTo(new ExtraFieldsTransformer(Set.of("b")).writeVersion());
    }

    @Test
    void constructor_blankField_throws() {
        assertThatThrownBy(() -> new ExtraFieldsTransformer(Set.of(" "))).isInstanceOf(IllegalArgumentException.class);
    }
}
