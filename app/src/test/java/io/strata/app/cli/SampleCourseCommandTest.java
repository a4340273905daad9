package io.strata.app.cli;

import io.strata.adapters.olx.OlxCourseSource;
import io.strata.adapters.olx.OlxCourseSourceConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs {@code strata sample-course} as a user would: a course written, and each refusal. */
class SampleCourseCommandTest {
    @TempDir
    Path temp;

    @Test
    void sampleCourse_newFolder_writesACourseTheImporterReadsAndExitsZero() {
        var out = temp.resolve("big");

        var run = CliRun.run(List.of(), "sample-course", "--blocks", "300", "--seed", "4", "--out", out.toString());

        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.out()).contains("course-v1:StrataX+GEN300+S4", "300 blocks", out.toString());
        assertThat(out.resolve("course.xml")).isRegularFile();
        var source = new OlxCourseSource(OlxCourseSourceConfig.of(out));
        assertThat(source.listCourses().courseKeys()).containsExactly("course-v1:StrataX+GEN300+S4");
        assertThat(source.read("course-v1:StrataX+GEN300+S4").blocks()).hasSize(300);
    }

    @Test
    void sampleCourse_folderAlreadyHoldsACourse_refusesNamingItAndExitsOne() throws IOException {
        Files.writeString(temp.resolve("course.xml"), "<course url_name=\"mine\"/>\n");

        var run = CliRun.run(List.of(), "sample-course", "--blocks", "50", "--out", temp.toString());

        assertThat(run.status()).isEqualTo(1);
        assertThat(run.err()).contains("Folder[" + temp + "] already holds a course.xml", "choose an empty or new");
        assertThat(Files.readString(temp.resolve("course.xml"))).isEqualTo("<course url_name=\"mine\"/>\n");
        assertThat(temp.resolve("chapter")).doesNotExist();
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-5", "10000001"})
    void sampleCourse_blocksOutOfRange_isUsageErrorNamingTheCount(String count) {
        var out = temp.resolve("none");

        var run = CliRun.run(List.of(), "sample-course", "--blocks", count, "--out", out.toString());

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains("--blocks[" + count + "] must be between 1 and 10000000");
        assertThat(out).doesNotExist();
    }

    @Test
    void sampleCourse_blocksNotANumber_isUsageErrorNamingTheOption() {
        var run = CliRun.run(List.of(), "sample-course", "--blocks", "many", "--out", temp.toString());

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains("--blocks", "many");
        assertThat(temp.resolve("course.xml")).doesNotExist();
    }
}
