package io.strata.app.sample;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class BundledSamplesTest {
    /** Is the sample course in the source tree; the test runs from the app module's folder. */
    private static final Path SOURCE = Path.of("src/main/resources/io/strata/app/sample-course");

    @Test
    void sampleCourseIndex_listsExactlyTheBundledFiles() throws IOException {
        try (Stream<Path> files = Files.walk(SOURCE)) {
            var onDisk = files.filter(Files::isRegularFile)
                    .map(path -> SOURCE.relativize(path).toString().replace('\\', '/')).sorted().toList();

            assertThat(BundledSamples.sampleCourseFiles()).containsExactlyElementsOf(onDisk);
        }
    }

    @Test
    void extractSampleCourse_copiesEveryFileWithItsBytes() throws IOException {
        var copy = BundledSamples.extractSampleCourse();

        for (var file : BundledSamples.sampleCourseFiles()) {
            assertThat(Files.readAllBytes(copy.resolve(file))).as(file)
                    .isEqualTo(Files.readAllBytes(SOURCE.resolve(file)));
        }
    }

    @Test
    void extractSampleLearners_givesTheLearnersFile() throws IOException {
        var learners = BundledSamples.extractSampleLearners();

        assertThat(Files.readString(learners)).contains("username: staff").contains("username: audit_learner");
    }
}
