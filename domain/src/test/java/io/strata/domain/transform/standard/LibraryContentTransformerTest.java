package io.strata.domain.transform.standard;

import io.strata.domain.structure.BlockStructure;
import io.strata.domain.transform.SourceCourses;
import io.strata.domain.transform.TransformerRegistry;
import io.strata.domain.transform.UserContext;
import io.strata.ports.LearnerRecord;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import static io.strata.domain.transform.standard.Learners.childIds;
import static io.strata.domain.transform.standard.Learners.staff;
import static org.assertj.core.api.Assertions.assertThat;

class LibraryContentTransformerTest {
    private static final Instant NOW = Instant.parse("2026-03-01T00:00:00Z");
    private static final TransformerRegistry REGISTRY = new TransformerRegistry(List.of(
            new LibraryContentTransformer(), new LibraryContentOrderTransformer()));
    private static final String BANK = SourceCourses.usage("library_content", "bank").toString();

    private static BlockStructure course(String... problems) {
        var builder = SourceCourses.builder()
                .block("course", "root")
                .block("vertical", "unit", "root")
                .block("library_content", "bank", Map.of("max_count", 2L), "unit");
        for (var problem : problems) {
            builder.block("problem", problem, "bank");
        }
        return REGISTRY.collect(builder.build());
    }

    private static String id(String problem) {
        return SourceCourses.usage("problem", problem).toString();
    }

    private static UserContext learner(String name, List<String> saved) {
        var record = LearnerRecord.learner(name);
        return UserContext.of(saved.isEmpty() ? record : record.withItemBankSelections(Map.of(BANK, saved)), NOW);
    }

    @Test
    void transform_noSavedSelection_selectsMaxCountStablyPerLearner() {
        var structure = course("p1", "p2", "p3", "p4", "p5");

        var first = REGISTRY.transform(structure, learner("ann", List.of()));
        var again = REGISTRY.transform(structure, learner("ann", List.of()));

        assertThat(childIds(first, "bank")).hasSize(2).isEqualTo(childIds(again, "bank"));
        assertThat(LibraryContentTransformer.changedSelections(first)).containsOnlyKeys(BANK);
    }

    @Test
    void transform_savedSelection_keepsItInSavedOrder() {
        var view = REGISTRY.transform(course("p1", "p2", "p3"), learner("ann", List.of(id("p3"), id("p1"))));

        assertThat(childIds(view, "bank")).containsExactly("p3", "p1");
        assertThat(LibraryContentTransformer.changedSelections(view)).isEmpty();
    }

    @Test
    void transform_savedChildDisappeared_refreshesSelection() {
        var view = REGISTRY.transform(course("p1", "p2", "p3"), learner("ann", List.of(id("p9"), id("p1"))));

        assertThat(childIds(view, "bank")).hasSize(2).contains("p1").doesNotContain("p9");
        assertThat(LibraryContentTransformer.changedSelections(view).get(BANK)).hasSize(2).contains(id("p1"));
    }

    @Test
    void transform_fewerChildrenThanMaxCount_selectsAll() {
        var view = REGISTRY.transform(course("p1"), learner("ann", List.of()));

        assertThat(childIds(view, "bank")).containsExactly("p1");
    }

    @Test
    void transform_staffIsNotExempt_getsASelectionToo() {
        var view = REGISTRY.transform(course("p1", "p2", "p3", "p4"), staff(NOW));

        assertThat(childIds(view, "bank")).hasSize(2);
    }

    @Test
    void transform_allBlocks_keepsEveryChild() {
        var view = REGISTRY.transform(course("p1", "p2", "p3", "p4"), UserContext.allBlocks(NOW));

        assertThat(childIds(view, "bank")).containsExactly("p1", "p2", "p3", "p4");
    }

    @Test
    void makeSelection_tooManySaved_dropsToMaxCount() {
        var selection = LibraryContentTransformer.makeSelection(List.of("a", "b", "c"),
                new LinkedHashSet<>(List.of("a", "b", "c", "d")), 1, 42);

        assertThat(selection).hasSize(1).isSubsetOf("a", "b", "c");
    }
}
