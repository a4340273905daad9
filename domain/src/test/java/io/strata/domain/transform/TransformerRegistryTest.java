package io.strata.domain.transform;

import io.strata.domain.codec.StructureCodec;
import io.strata.domain.key.CourseKey;
import io.strata.domain.key.InvalidKeyException;
import io.strata.domain.store.StructureAddress;
import io.strata.domain.structure.BlockStructure;
import io.strata.ports.CourseRole;
import io.strata.ports.InputRejectedException;
import io.strata.ports.LearnerRecord;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static io.strata.domain.transform.SourceCourses.usage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TransformerRegistryTest {
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final Instant PAST = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant FUTURE = Instant.parse("2026-06-01T00:00:00Z");
    private static final LearnerRecord LEARNER = LearnerRecord.learner("ada");
    private static final LearnerRecord STAFF =
            new LearnerRecord("grace", Set.of(CourseRole.STAFF), Optional.empty(), Map.of());

    /** A course with a released unit, a staff-only unit and a future unit in one subsection. */
    private static SourceCourses outline() {
        return SourceCourses.builder()
                .block("course", "root", Map.of("display_name", "Course", "start", PAST))
                .block("chapter", "week1", Map.of("display_name", "Week 1"), "root")
                .block("sequential", "lesson", Map.of("display_name", "Lesson", "graded", true), "week1")
                .block("vertical", "open", Map.of("display_name", "Open"), "lesson")
                .block("vertical", "staff", Map.of("visible_to_staff_only", true), "lesson")
                .block("vertical", "later", Map.of("start", FUTURE), "lesson")
                .block("problem", "p1", Map.of("data", "<problem>big body</problem>", "weight", 2), "open");
    }

    private static List<String> visibleIds(TransformView view) {
        return Arrays.stream(view.preOrder()).mapToObj(block -> view.key(block).id()).toList();
    }

    @Test
    void collect_course_buildsStructureWithKeptFieldsOnly() {
        var structure = TransformerRegistry.standard().collect(outline().build());

        assertThat(structure.courseKey()).isEqualTo(SourceCourses.COURSE_KEY);
        assertThat(structure.courseVersion()).isEqualTo("v1");
        assertThat(structure.size()).isEqualTo(7);
        assertThat(structure.key(0)).isEqualTo(usage("course", "root"));
        int lesson = structure.indexOf(usage("sequential", "lesson")).orElseThrow();
        assertThat(Arrays.stream(structure.children(lesson)).mapToObj(b -> structure.key(b).id()))
                .containsExactly("open", "staff", "later");
        int problem = structure.indexOf(usage("problem", "p1")).orElseThrow();
        assertThat(structure.fields(problem)).containsOnlyKeys("weight").containsEntry("weight", 2.0);
        assertThat(structure.field(lesson, "graded")).isEqualTo(true);
        assertThat(structure.transformerVersions()).containsOnlyKeys("block_counts", "block_depth",
                "block_navigation", "extra_fields", "hidden_content", "hide_empty", "library_content",
                "library_content_order", "split_test",
                "start_date", "student_view", "user_partitions", "visibility");
    }

    @Test
    void collect_sourceStringsForTypedFields_normalizesThem() {
        var course = SourceCourses.builder()
                .block("course", "root", Map.of("start", "2026-01-01T00:00", "self_paced", "True",
                        "days_early_for_beta", "2.5"))
                .block("chapter", "c", Map.of("due", "\"2026-02-01T10:00:00+02:00\""), "root")
                .build();

        var structure = TransformerRegistry.standard().collect(course);

        assertThat(structure.field(0, "start")).isEqualTo(PAST);
        assertThat(structure.field(0, "self_paced")).isEqualTo(true);
        assertThat(structure.field(0, "days_early_for_beta")).isEqualTo(2.5);
        assertThat(structure.field(1, "due")).isEqualTo(Instant.parse("2026-02-01T08:00:00Z"));
    }

    @Test
    void collect_weightWrittenAsNullText_keepsNoWeight() {
        var course = SourceCourses.builder()
                .block("course", "root")
                .block("vertical", "v", Map.of("weight", "null"), "root")
                .build();

        var structure = TransformerRegistry.standard().collect(course);

        assertThat(structure.field(1, "weight")).isNull();
    }

    @Test
    void collect_unreadableDate_throwsInputRejectedNamingBlockAndField() {
        var course = SourceCourses.builder()
                .block("course", "root")
                .block("chapter", "c", Map.of("start", "next tuesday"), "root")
                .build();

        assertThatThrownBy(() -> TransformerRegistry.standard().collect(course))
                .isInstanceOf(InputRejectedException.class)
                .hasMessageContaining("value[next tuesday]")
                .hasMessageContaining("field[start]")
                .hasMessageContaining("type@chapter+block@c");
    }

    @Test
    void collect_invalidCourseKey_throwsInvalidKeyNamingIt() {
        var course = SourceCourses.builder("course-v1:bad key").block("course", "root").build();

        assertThatThrownBy(() -> TransformerRegistry.standard().collect(course))
                .isInstanceOf(InvalidKeyException.class)
                .hasMessageContaining("[course-v1:bad key]");
    }

    @Test
    void collect_invalidBlockId_throwsInvalidKeyNamingIt() {
        var course = SourceCourses.builder().block("course", "root").block("html", "a/../b", "root").build();

        assertThatThrownBy(() -> TransformerRegistry.standard().collect(course))
                .isInstanceOf(InvalidKeyException.class)
                .hasMessageContaining("block id[html@a/../b]");
    }

    @Test
    void collect_cycle_throwsInputRejectedNamingBlock() {
        var course = SourceCourses.builder()
                .block("course", "root")
                .block("chapter", "a", "root")
                .block("sequential", "b", "a")
                .relation("b", "a")
                .build();

        assertThatThrownBy(() -> TransformerRegistry.standard().collect(course))
                .isInstanceOf(InputRejectedException.class)
                .hasMessageContaining("type@chapter+block@a] of course[" + SourceCourses.COURSE
                        + "] is its own ancestor");
    }

    @Test
    void collect_unreachableBlock_throwsInputRejectedNamingIt() {
        var course = SourceCourses.builder().block("course", "root").block("chapter", "orphan").build();

        assertThatThrownBy(() -> TransformerRegistry.standard().collect(course))
                .isInstanceOf(InputRejectedException.class)
                .hasMessageContaining("block@orphan] of course[" + SourceCourses.COURSE + "] is not reachable");
    }

    @Test
    void collect_sameCourseTwice_givesSameStructure() {
        var registry = TransformerRegistry.standard();

        assertThat(registry.collect(outline().build()).isSameAs(registry.collect(outline().build()))).isTrue();
    }

    @Test
    void constructor_duplicateName_throws() {
        var first = new RecordingTransformer("same", 1, 1, new ArrayList<>());
        var second = new RecordingTransformer("same", 2, 1, new ArrayList<>());

        assertThatThrownBy(() -> new TransformerRegistry(List.of(first, second)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("name[same] is registered twice");
    }

    @Test
    void writeVersionHash_versionChanges_hashChanges() {
        var events = new ArrayList<String>();
        var before = new TransformerRegistry(List.of(new RecordingTransformer("a", 1, 1, events),
                new RecordingTransformer("b", 1, 1, events)));
        var reordered = new TransformerRegistry(List.of(new RecordingTransformer("b", 1, 1, events),
                new RecordingTransformer("a", 1, 1, events)));
        var bumped = new TransformerRegistry(List.of(new RecordingTransformer("a", 2, 1, events),
                new RecordingTransformer("b", 1, 1, events)));

        assertThat(before.writeVersionHash()).matches("[0-9a-f]{12}");
        assertThat(reordered.writeVersionHash()).isEqualTo(before.writeVersionHash());
        assertThat(bumped.writeVersionHash()).isNotEqualTo(before.writeVersionHash());
        assertThat(TransformerRegistry.standard().writeVersionHash())
                .isEqualTo(TransformerRegistry.standard().writeVersionHash());
    }

    @Test
    void writeVersionHash_transformerAdded_hashAndStorageKeyChange() {
        var events = new ArrayList<String>();
        var before = new TransformerRegistry(List.of(new RecordingTransformer("a", 1, 1, events)));
        var added = new TransformerRegistry(List.of(new RecordingTransformer("a", 1, 1, events),
                new RecordingTransformer("b", 1, 1, events)));
        var standard = TransformerRegistry.standard();
        var standardPlusOne = new TransformerRegistry(Stream.concat(standard.transformers().stream(),
                Stream.of(new RecordingTransformer("extra", 1, 1, events))).toList());
        var course = CourseKey.parse("course-v1:edX+DemoX+2024");

        assertThat(added.writeVersionHash()).isNotEqualTo(before.writeVersionHash());
        assertThat(standardPlusOne.writeVersionHash()).isNotEqualTo(standard.writeVersionHash());
        assertThat(address(course, standardPlusOne).cacheKey()).isNotEqualTo(address(course, standard).cacheKey());
        assertThat(address(course, standardPlusOne).versionName())
                .isNotEqualTo(address(course, standard).versionName());
        assertThat(address(course, added).cacheKey()).isNotEqualTo(address(course, before).cacheKey());
    }

    @Test
    void isUpToDate_recordedVersionBelowReadVersion_isFalseAndTransformRefuses() {
        var events = new ArrayList<String>();
        var old = new TransformerRegistry(List.of(new RecordingTransformer("a", 1, 1, events)));
        var structure = old.collect(outline().build());
        var newer = new TransformerRegistry(List.of(new RecordingTransformer("a", 2, 2, events)));
        var compatible = new TransformerRegistry(List.of(new RecordingTransformer("a", 2, 1, events)));
        var withAnother = new TransformerRegistry(List.of(new RecordingTransformer("a", 1, 1, events),
                new RecordingTransformer("b", 1, 1, events)));

        assertThat(old.isUpToDate(structure)).isTrue();
        assertThat(compatible.isUpToDate(structure)).isTrue();
        assertThat(newer.isUpToDate(structure)).isFalse();
        assertThat(withAnother.isUpToDate(structure)).isFalse();
        assertThatThrownBy(() -> newer.transform(structure, UserContext.anonymous(NOW)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("transformer[a] version[1], below its read version[2]");
    }

    @Test
    void transform_mixedTransformers_filtersFirstInOnePassThenOthersInOrder() {
        var events = new ArrayList<String>();
        var registry = new TransformerRegistry(List.of(new RecordingTransformer("first", 1, 1, events),
                new RecordingFilter("filter1", events), new RecordingTransformer("second", 1, 1, events),
                new RecordingFilter("filter2", events)));
        var structure = registry.collect(outline().build());
        events.clear();

        registry.transform(structure, UserContext.anonymous(NOW));

        assertThat(events).startsWith("filter1:filter", "filter2:filter")
                .endsWith("first:transform", "second:transform")
                .filteredOn(event -> event.endsWith(":ask")).hasSize(2 * structure.size());
        assertThat(events.subList(2, 4)).containsExactly("filter1:ask", "filter2:ask");
    }

    @Test
    void collect_transformers_eachCollectsOnceAndRecordsVersion() {
        var events = new ArrayList<String>();
        var registry = new TransformerRegistry(List.of(new RecordingTransformer("a", 3, 1, events)));

        var structure = registry.collect(outline().build());

        assertThat(events).containsExactly("a:collect");
        assertThat(structure.transformerVersions()).containsExactly(Map.entry("a", 3));
        assertThat(structure.transformerData("a", 0, "seen")).isEqualTo(7L);
    }

    @Test
    void transform_learner_seesNeitherStaffOnlyNorFutureUnit() {
        var registry = TransformerRegistry.standard();
        var structure = registry.collect(outline().build());

        var view = registry.transform(structure, UserContext.of(LEARNER, NOW));

        assertThat(visibleIds(view)).containsExactly("root", "week1", "lesson", "open", "p1");
    }

    @Test
    void transform_staffAndAllBlocks_seeStaffOnlyAndFutureUnits() {
        var registry = TransformerRegistry.standard();
        var structure = registry.collect(outline().build());

        var staffView = registry.transform(structure, UserContext.of(STAFF, NOW));
        var allView = registry.transform(structure, UserContext.allBlocks(NOW));

        var everything = List.of("root", "week1", "lesson", "open", "p1", "staff", "later");
        assertThat(visibleIds(staffView)).containsExactlyElementsOf(everything);
        assertThat(visibleIds(allView)).containsExactlyElementsOf(everything);
    }

    @Test
    void transform_twoUsersConcurrently_eachGetsOwnViewAndSharedStructureStaysUnchanged() throws Exception {
        var registry = TransformerRegistry.standard();
        var structure = registry.collect(outline().build());
        var copy = registry.collect(outline().build());
        var executor = Executors.newFixedThreadPool(2);
        var learnerExpected = List.of("root", "week1", "lesson", "open", "p1");
        var staffExpected = List.of("root", "week1", "lesson", "open", "p1", "staff", "later");
        Callable<Integer> learner = () -> repeatTransform(registry, structure, UserContext.of(LEARNER, NOW),
                learnerExpected);
        Callable<Integer> staff = () -> repeatTransform(registry, structure, UserContext.of(STAFF, NOW),
                staffExpected);

        var results = executor.invokeAll(List.of(learner, staff));
        executor.shutdown();

        assertThat(executor.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        assertThat(results.get(0).get()).isEqualTo(1000);
        assertThat(results.get(1).get()).isEqualTo(1000);
        assertThat(structure.isSameAs(copy)).isTrue();
    }

    private static StructureAddress address(CourseKey course, TransformerRegistry registry) {
        return new StructureAddress(course, "0123456789abcdef", registry.writeVersionHash(),
                StructureCodec.FORMAT_VERSION);
    }

    private static int repeatTransform(TransformerRegistry registry, BlockStructure structure, UserContext user,
            List<String> expected) {
        int matches = 0;
        for (int i = 0; i < 1000; i++) {
            var view = registry.transform(structure, user, new TransformOptions(Optional.empty(), Optional.of(4),
                    Optional.of(2), Set.of("problem")));
            if (visibleIds(view).equals(expected)) {
                matches++;
            }
        }
        return matches;
    }

    /** Records what the registry asks of it; records how many blocks it saw while collecting. */
    private record RecordingTransformer(String name, int writeVersion, int readVersion, List<String> events)
            implements BlockTransformer {
        @Override
        public void collect(CollectContext context) {
            events.add(name + ":collect");
            context.setData(context.root(), "seen", context.topologicalOrder().length);
        }

        @Override
        public void transform(TransformContext context) {
            events.add(name + ":transform");
        }
    }

    /** Records when its filter is made and each block it is asked about; removes nothing. */
    private record RecordingFilter(String name, List<String> events) implements FilteringTransformer {
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
        public BlockFilter filter(TransformContext context) {
            events.add(name + ":filter");
            return BlockFilter.removing(block -> {
                events.add(name + ":ask");
                return false;
            });
        }
    }
}
