package io.strata.adapters.filesystem;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FilesystemDurableStoreConfigTest {
    @Test
    void constructor_relativeFolder_makesItAbsoluteAndNormal() {
        var config = new FilesystemDurableStoreConfig(Path.of("data/./strata"));

        assertThat(config.baseFolder()).isEqualTo(Path.of("data/strata").toAbsolutePath());
    }

    @Test
    void constructor_emptyFolder_throwsNamingKey() {
        assertThatThrownBy(() -> new FilesystemDurableStoreConfig(Path.of("")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("durable.filesystem.folder");
    }

    @Test
    void constructor_filesystemRoot_throwsNamingKey() {
        assertThatThrownBy(() -> new FilesystemDurableStoreConfig(Path.of("/")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("durable.filesystem.folder[/]");
    }

    @Test
    void constructor_nullFolder_throwsNullPointer() {
        assertThatThrownBy(() -> new FilesystemDurableStoreConfig(null)).isInstanceOf(NullPointerException.class);
    }
}
