package io.strata.adapters.olx;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OlxCourseSourceConfigTest {
    @Test
    void of_source_usesDefaultLimitsAndTemporaryFolder() {
        var config = OlxCourseSourceConfig.of(Path.of("courses"));

        assertThat(config.source()).isEqualTo(Path.of("courses"));
        assertThat(config.maxArchiveBytes()).isEqualTo(512L * 1024 * 1024);
        assertThat(config.maxArchiveEntries()).isEqualTo(100_000);
        assertThat(config.extractionFolder()).isEqualTo(Path.of(System.getProperty("java.io.tmpdir")));
    }

    @Test
    void new_smallestLimits_areAccepted() {
        var config = new OlxCourseSourceConfig(Path.of("a.tgz"), 1, 1, Path.of("tmp"));

        assertThat(config.maxArchiveBytes()).isEqualTo(1);
        assertThat(config.maxArchiveEntries()).isEqualTo(1);
    }

    @Test
    void new_zeroBytes_isRejected() {
        assertThatThrownBy(() -> new OlxCourseSourceConfig(Path.of("a.tgz"), 0, 1, Path.of("tmp")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxArchiveBytes");
    }

    @Test
    void new_zeroEntries_isRejected() {
        assertThatThrownBy(() -> new OlxCourseSourceConfig(Path.of("a.tgz"), 1, 0, Path.of("tmp")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxArchiveEntries");
    }

    @Test
    void of_source_keepsTheExportKeys() {
        assertThat(OlxCourseSourceConfig.of(Path.of("courses")).courseKey()).isEmpty();
    }

    @Test
    void withArchiveLimits_replacesOnlyTheLimits() {
        var config = OlxCourseSourceConfig.of(Path.of("a.tgz")).withCourseKey("ORG/NUM/RUN").withArchiveLimits(7, 3);

        assertThat(config.maxArchiveBytes()).isEqualTo(7);
        assertThat(config.maxArchiveEntries()).isEqualTo(3);
        assertThat(config.courseKey()).contains("ORG/NUM/RUN");
        assertThat(config.source()).isEqualTo(Path.of("a.tgz"));
    }

    @Test
    void withArchiveLimits_zero_isRejected() {
        var config = OlxCourseSourceConfig.of(Path.of("a.tgz"));

        assertThatThrownBy(() -> config.withArchiveLimits(0, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxArchiveBytes");
        assertThatThrownBy(() -> config.withArchiveLimits(1, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxArchiveEntries");
    }

    @Test
    void withCourseKey_bothKeyForms_areAccepted() {
        var config = OlxCourseSourceConfig.of(Path.of("c"));

        assertThat(config.withCourseKey("course-v1:A.b+C-d+2030_T1").courseKey()).contains("course-v1:A.b+C-d+2030_T1");
        assertThat(config.withCourseKey("A/B/C").courseKey()).contains("A/B/C");
    }

    @Test
    void withCourseKey_malformedKey_isRejectedNamingIt() {
        var config = OlxCourseSourceConfig.of(Path.of("c"));

        assertThatThrownBy(() -> config.withCourseKey("course-v1:A+B")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("courseKey[course-v1:A+B]");
        assertThatThrownBy(() -> config.withCourseKey("course-v1:A+B+C D")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("courseKey[course-v1:A+B+C D]");
        assertThatThrownBy(() -> config.withCourseKey(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void new_nullPaths_areRejected() {
        assertThatThrownBy(() -> new OlxCourseSourceConfig(null, 1, 1, Path.of("tmp")))
                .isInstanceOf(NullPointerException.class).hasMessage("source is null");
        assertThatThrownBy(() -> new OlxCourseSourceConfig(Path.of("a.tgz"), 1, 1, null))
                .isInstanceOf(NullPointerException.class).hasMessage("extractionFolder is null");
    }
}
