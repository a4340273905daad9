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
    void new_nullPaths_areRejected() {
        assertThatThrownBy(() -> new OlxCourseSourceConfig(null, 1, 1, Path.of("tmp")))
                .isInstanceOf(NullPointerException.class).hasMessage("source is null");
        assertThatThrownBy(() -> new OlxCourseSourceConfig(Path.of("a.tgz"), 1, 1, null))
                .isInstanceOf(NullPointerException.class).hasMessage("extractionFolder is null");
    }
}
