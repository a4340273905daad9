package io.strata.app.config;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Keeps docs/configuration.md in step with the keys and defaults of {@link ConfigKey}. */
class ConfigurationDocTest {
    @Test
    void configurationDoc_everyKey_isListedWithItsDefault() throws IOException {
        var doc = Files.readString(Path.of("..", "docs", "configuration.md"));

        for (var key : ConfigKey.values()) {
            var cell = key.defaultValue().isEmpty() ? "*(empty)*" : "`" + key.defaultValue() + "`";
            assertThat(doc).as("row of key[%s]", key.key()).contains("| `" + key.key() + "` | " + cell + " |");
        }
    }
}
