package io.strata.app.sample;

import io.strata.adapters.olx.OlxCourseSource;
import io.strata.adapters.olx.OlxCourseSourceConfig;
import io.strata.ports.SourceBlock;
import io.strata.ports.SourceCourse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.withinPercentage;

class SampleCourseGeneratorTest {
    private static final int BLOCKS = 2_000;

    @TempDir
    static Path shared;

    private static SampleCourseGenerator.Result generated;
    private static SourceCourse imported;

    @TempDir
    Path temp;

    @BeforeAll
    static void generateAndImportOnce() {
        generated = SampleCourseGenerator.generate(BLOCKS, 7, shared.resolve("course"));
        imported = new OlxCourseSource(OlxCourseSourceConfig.of(generated.folder())).read(generated.courseKey());
    }

    @Test
    void generate_twoThousandBlocks_importsWithAboutThatManyBlocks() {
        var course = imported;

        assertThat(course.courseKey()).isEqualTo("course-v1:StrataX+GEN2000+S7");
        assertThat(course.blocks().size()).isCloseTo(BLOCKS, withinPercentage(2)).isEqualTo(generated.blocks());
    }

    @Test
    void generate_twoThousandBlocks_hasTheShapeOfARealCourse() {
        var course = imported;

        var countsByType = course.blocks().stream()
                .collect(Collectors.groupingBy(block -> block.id().type(), TreeMap::new, Collectors.counting()));

        assertThat(countsByType).containsKeys("chapter", "sequential", "vertical", "html", "problem", "video",
                "discussion", "split_test", "library_content");
        assertThat(share(countsByType, "html")).isBetween(0.25, 0.45);
        assertThat(share(countsByType, "problem")).isBetween(0.15, 0.35);
        assertThat(share(countsByType, "video")).isBetween(0.04, 0.12);
        assertThat(course.blocks()).anyMatch(block -> Boolean.TRUE.equals(block.fields().get("visible_to_staff_only")));
        assertThat(course.blocks()).anyMatch(block -> block.fields().containsKey("due"));
        assertThat(course.blocks()).anyMatch(block -> Boolean.TRUE.equals(block.fields().get("hide_after_due")));
        assertThat(course.blocks()).anyMatch(block -> block.fields().get("group_access") instanceof Map<?, ?> access
                && access.containsKey("50"));
        assertThat(course.blocks()).filteredOn(block -> block.id().type().equals("chapter"))
                .allMatch(block -> block.fields().containsKey("start"));
        assertThat(parentCounts(course).values()).anyMatch(parents -> parents > 1);
    }

    @Test
    void generate_sameSeedTwice_writesIdenticalFiles() throws IOException {
        SampleCourseGenerator.generate(300, 11, temp.resolve("first"));
        SampleCourseGenerator.generate(300, 11, temp.resolve("second"));

        assertThat(contents(temp.resolve("second"))).isEqualTo(contents(temp.resolve("first")));
    }

    @Test
    void generate_otherSeed_writesOtherCourse() throws IOException {
        SampleCourseGenerator.generate(300, 11, temp.resolve("first"));
        SampleCourseGenerator.generate(300, 12, temp.resolve("second"));

        assertThat(contents(temp.resolve("second")).values()).doesNotContainAnyElementsOf(
                contents(temp.resolve("first")).values().stream().filter(text -> text.length() > 200).toList());
    }

    @Test
    void generate_folderHoldsACourse_refusesNamingFolder() {
        SampleCourseGenerator.generate(10, 1, temp);

        assertThatThrownBy(() -> SampleCourseGenerator.generate(10, 2, temp))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Folder[" + temp + "] already holds a course.xml");
    }

    @Test
    void generate_zeroBlocks_refuses() {
        assertThatThrownBy(() -> SampleCourseGenerator.generate(0, 1, temp))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("blocks[0]");
    }

    private static double share(Map<String, Long> countsByType, String type) {
        long total = countsByType.values().stream().mapToLong(Long::longValue).sum();
        return (double) countsByType.get(type) / total;
    }

    private static Map<String, Long> parentCounts(SourceCourse course) {
        return course.blocks().stream().map(SourceBlock::children).flatMap(List::stream)
                .collect(Collectors.groupingBy(child -> child.type() + "@" + child.id(), Collectors.counting()));
    }

    private static Map<String, String> contents(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile).collect(Collectors.toMap(
                    file -> folder.relativize(file).toString(), SampleCourseGeneratorTest::read, (a, b) -> a,
                    TreeMap::new));
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
