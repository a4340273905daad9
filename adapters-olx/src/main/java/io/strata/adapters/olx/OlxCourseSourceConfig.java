package io.strata.adapters.olx;

import java.nio.file.Path;
import java.util.Locale;

import static java.util.Objects.requireNonNull;

/**
 * Configures an {@link OlxCourseSource}.
 *
 * @param source a course export folder (holding {@code course.xml}), a folder whose direct
 *     subfolders are course exports, or a {@code .tar.gz}/{@code .tgz} Studio export
 * @param maxArchiveBytes the most uncompressed bytes a tarball may hold, all entries together
 * @param maxArchiveEntries the most entries (files, folders, links) a tarball may hold
 * @param extractionFolder the folder under which each tarball extraction gets a fresh subfolder
 */
public record OlxCourseSourceConfig(Path source, long maxArchiveBytes, int maxArchiveEntries, Path extractionFolder) {
    /** Is the default limit on a tarball's uncompressed size: 512 MiB. */
    public static final long DEFAULT_MAX_ARCHIVE_BYTES = 512L * 1024 * 1024;

    /** Is the default limit on a tarball's entry count. */
    public static final int DEFAULT_MAX_ARCHIVE_ENTRIES = 100_000;

    public OlxCourseSourceConfig {
        requireNonNull(source, "source is null");
        requireNonNull(extractionFolder, "extractionFolder is null");
        if (maxArchiveBytes <= 0) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "maxArchiveBytes must be positive: %d", maxArchiveBytes));
        }
        if (maxArchiveEntries <= 0) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "maxArchiveEntries must be positive: %d", maxArchiveEntries));
        }
    }

    /**
     * Returns a config reading {@code source} with the default limits, extracting tarballs into a
     * fresh folder under the system temporary folder ({@code java.io.tmpdir}).
     */
    public static OlxCourseSourceConfig of(Path source) {
        var temporaryFolder = Path.of(System.getProperty("java.io.tmpdir"));
        return new OlxCourseSourceConfig(source, DEFAULT_MAX_ARCHIVE_BYTES, DEFAULT_MAX_ARCHIVE_ENTRIES,
                temporaryFolder);
    }
}
