package io.strata.adapters.filesystem;

import java.nio.file.Path;
import java.util.Locale;

import static java.util.Objects.requireNonNull;

/**
 * Configures the file-backed learner source.
 *
 * @param file the learners file (key {@code learners.file}); YAML when its name ends in
 *     {@code .yaml} or {@code .yml}, JSON when it ends in {@code .json}. It need not exist yet.
 * @param selectionsFile the JSON file where the source saves item-bank selections (key
 *     {@code learners.selections-file}); it need not exist yet, and must not be the learners file
 */
public record FileLearnerSourceConfig(Path file, Path selectionsFile) {
    private static final String SELECTIONS_SUFFIX = ".selections.json";

    public FileLearnerSourceConfig {
        requireNonNull(file, "file is null");
        requireNonNull(selectionsFile, "selectionsFile is null");
        if (LearnersFileParser.Format.of(file).isEmpty()) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "Invalid learners.file[%s]: the name must end in .yaml, .yml or .json", file));
        }
        file = file.toAbsolutePath().normalize();
        selectionsFile = selectionsFile.toAbsolutePath().normalize();
        if (selectionsFile.equals(file)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "Invalid learners.selections-file[%s]: it is the learners file; name another file", file));
        }
    }

    /** Creates a configuration that saves selections beside the learners file ({@link #besideLearnersFile}). */
    public FileLearnerSourceConfig(Path file) {
        this(file, besideLearnersFile(file));
    }

    /**
     * Returns the default selections file: in the learners file's folder, named after it without its
     * extension, plus {@code .selections.json} ({@code learners.yaml} gives {@code learners.selections.json}).
     */
    public static Path besideLearnersFile(Path file) {
        requireNonNull(file, "file is null");
        var absolute = file.toAbsolutePath().normalize();
        var name = absolute.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return absolute.resolveSibling((dot > 0 ? name.substring(0, dot) : name) + SELECTIONS_SUFFIX);
    }
}
