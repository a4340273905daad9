package io.strata.adapters.olx;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * Configures an {@link OlxCourseSource}.
 *
 * @param source a course export folder (holding {@code course.xml}), a folder whose direct
 *     subfolders are course exports, or a {@code .tar.gz}/{@code .tgz} Studio export
 * @param maxArchiveBytes the most uncompressed bytes a tarball may hold, all entries together
 * @param maxArchiveEntries the most entries (files, folders, links) a tarball may hold
 * @param extractionFolder the folder under which each tarball is extracted, into a subfolder named
 *     after the archive's path and content
 * @param courseKey when present, the key the one course of the source is listed and read under,
 *     in place of the key its {@code course.xml} gives (as a Studio import into a chosen course
 *     does); a source holding several courses then lists none and reports why
 */
public record OlxCourseSourceConfig(Path source, long maxArchiveBytes, int maxArchiveEntries, Path extractionFolder,
        Optional<String> courseKey) {
    /** Is the default limit on a tarball's uncompressed size: 512 MiB. */
    public static final long DEFAULT_MAX_ARCHIVE_BYTES = 512L * 1024 * 1024;

    /** Is the default limit on a tarball's entry count. */
    public static final int DEFAULT_MAX_ARCHIVE_ENTRIES = 100_000;

    private static final Pattern COURSE_KEY = Pattern.compile(
            "course-v1:[A-Za-z0-9_.~%-]+\\+[A-Za-z0-9_.~%-]+\\+[A-Za-z0-9_.~%-]+"
                    + "|[A-Za-z0-9_.~%-]+/[A-Za-z0-9_.~%-]+/[A-Za-z0-9_.~%-]+");

    public OlxCourseSourceConfig {
        requireNonNull(source, "source is null");
        requireNonNull(extractionFolder, "extractionFolder is null");
        requireNonNull(courseKey, "courseKey is null");
        if (maxArchiveBytes <= 0) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "maxArchiveBytes must be positive: %d", maxArchiveBytes));
        }
        if (maxArchiveEntries <= 0) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "maxArchiveEntries must be positive: %d", maxArchiveEntries));
        }
        courseKey.ifPresent(key -> {
            if (!COURSE_KEY.matcher(key).matches()) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "courseKey[%s] is not a course key; write course-v1:ORG+NUMBER+RUN", key));
            }
        });
    }

    /** Creates a config that keeps the key each {@code course.xml} gives. */
    public OlxCourseSourceConfig(Path source, long maxArchiveBytes, int maxArchiveEntries, Path extractionFolder) {
        this(source, maxArchiveBytes, maxArchiveEntries, extractionFolder, Optional.empty());
    }

    /**
     * Returns a config reading {@code source} with the default limits, extracting tarballs under
     * the system temporary folder ({@code java.io.tmpdir}).
     */
    public static OlxCourseSourceConfig of(Path source) {
        var temporaryFolder = Path.of(System.getProperty("java.io.tmpdir"));
        return new OlxCourseSourceConfig(source, DEFAULT_MAX_ARCHIVE_BYTES, DEFAULT_MAX_ARCHIVE_ENTRIES,
                temporaryFolder);
    }

    /** Returns this config with the archive limits replaced. */
    public OlxCourseSourceConfig withArchiveLimits(long maxBytes, int maxEntries) {
        return new OlxCourseSourceConfig(source, maxBytes, maxEntries, extractionFolder, courseKey);
    }

    /** Returns this config reading the source's one course under {@code key}. */
    public OlxCourseSourceConfig withCourseKey(String key) {
        return new OlxCourseSourceConfig(source, maxArchiveBytes, maxArchiveEntries, extractionFolder,
                Optional.of(requireNonNull(key, "key is null")));
    }
}
