package io.strata.adapters.filesystem;

import java.nio.file.Path;
import java.util.Locale;

import static java.util.Objects.requireNonNull;

/**
 * Configures the file-backed learner source.
 *
 * @param file the learners file (key {@code learners.file}); YAML when its name ends in
 *     {@code .yaml} or {@code .yml}, JSON when it ends in {@code .json}. It need not exist yet.
 */
public record FileLearnerSourceConfig(Path file) {
    public FileLearnerSourceConfig {
        requireNonNull(file, "file is null");
        if (LearnersFileParser.Format.of(file).isEmpty()) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "Invalid learners.file[%s]: the name must end in .yaml, .yml or .json", file));
        }
        file = file.toAbsolutePath().normalize();
    }
}
