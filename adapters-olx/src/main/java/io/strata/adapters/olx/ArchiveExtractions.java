package io.strata.adapters.olx;

import io.strata.ports.BackendUnavailableException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Locale;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;

/*
 * Keeps the one extraction of the source's tarball that reads use, and removes the ones it
 * supersedes. An extraction lives in EXTRACTION_FOLDER/strata-olx-<path digest>-<content digest>:
 * the same archive content at the same path always lands in the same folder, so a process that
 * starts again (each command line run) reuses it instead of leaving one more copy behind, and the
 * folders of earlier content of that path are recognised by their prefix and deleted.
 *
 * Reads hold the read lock while they are inside the extraction; replacing it takes the write
 * lock only to swap the reference, so it waits for running reads and no read ever starts in a
 * folder that is about to be deleted. The stamp (size, modification time) spares hashing the
 * archive on every call.
 */
final class ArchiveExtractions {
    private static final String PREFIX = "strata-olx-";
    private static final int PATH_DIGEST_HEX_CHARS = 16;
    private static final int CONTENT_DIGEST_HEX_CHARS = 32;

    private final OlxCourseSourceConfig config;
    private final Object refreshLock = new Object();
    private final ReadWriteLock useLock = new ReentrantReadWriteLock();
    private Extraction current;

    ArchiveExtractions(OlxCourseSourceConfig config) {
        this.config = config;
    }

    /** Runs {@code work} on the extraction of the archive's current content. */
    <T> T withExtraction(Path archive, Function<Path, T> work) {
        refresh(archive);
        useLock.readLock().lock();
        try {
            return work.apply(current.folder());
        } finally {
            useLock.readLock().unlock();
        }
    }

    private void refresh(Path archive) {
        synchronized (refreshLock) {
            var stamp = Stamp.of(archive);
            if (current != null && current.stamp().equals(stamp) && Files.isDirectory(current.folder())) {
                return;
            }
            var prefix = prefixOf(archive);
            var target = config.extractionFolder().toAbsolutePath().resolve(prefix + contentDigest(archive));
            var extractor = new TarballExtractor(config.maxArchiveBytes(), config.maxArchiveEntries());
            var folder = extractor.extract(archive, target);

            useLock.writeLock().lock();
            try {
                current = new Extraction(folder, stamp);
            } finally {
                useLock.writeLock().unlock();
            }
            deleteSuperseded(target, prefix);
        }
    }

    /** Deletes the extractions of this archive path whose content is not the current one. */
    private static void deleteSuperseded(Path target, String prefix) {
        var superseded = new ArrayList<Path>();
        try (var siblings = Files.list(target.getParent())) {
            siblings.filter(sibling -> sibling.getFileName().toString().startsWith(prefix))
                    .filter(sibling -> !sibling.getFileName().equals(target.getFileName()))
                    .forEach(superseded::add);
        } catch (IOException e) {
            throw new BackendUnavailableException(String.format(Locale.ROOT,
                    "Cannot list extraction folder[%s]; check the disk and permissions", target.getParent()), e);
        }
        superseded.forEach(TarballExtractor::deleteQuietly);
    }

    /** Returns the start of the name of every extraction of the archive at this path. */
    static String prefixOf(Path archive) {
        var path = archive.toAbsolutePath().normalize().toString().getBytes(StandardCharsets.UTF_8);
        return PREFIX + digest(path, PATH_DIGEST_HEX_CHARS) + "-";
    }

    private static String contentDigest(Path archive) {
        var digest = Digests.sha256();
        try (InputStream in = Files.newInputStream(archive)) {
            var buffer = new byte[64 * 1024];
            int read;
            while ((read = in.read(buffer)) > 0) {
                digest.update(buffer, 0, read);
            }
        } catch (IOException e) {
            throw new BackendUnavailableException(String.format(Locale.ROOT,
                    "Cannot read archive[%s]; check that it exists and is readable", archive), e);
        }
        return HexFormat.of().formatHex(digest.digest()).substring(0, CONTENT_DIGEST_HEX_CHARS);
    }

    private static String digest(byte[] bytes, int hexChars) {
        return HexFormat.of().formatHex(Digests.sha256().digest(bytes)).substring(0, hexChars);
    }

    /** Is one extraction and the file state it was made from. */
    private record Extraction(Path folder, Stamp stamp) {
    }

    /**
     * Tells two states of the archive apart by size, modification time and file identity (the
     * inode where the file system has one), so that a file moved into place is seen as new even
     * within the modification time's resolution.
     */
    private record Stamp(long size, FileTime modified, Object fileKey) {
        static Stamp of(Path archive) {
            try {
                var attributes = Files.readAttributes(archive, BasicFileAttributes.class);
                return new Stamp(attributes.size(), attributes.lastModifiedTime(), attributes.fileKey());
            } catch (IOException e) {
                throw new BackendUnavailableException(String.format(Locale.ROOT,
                        "Cannot read archive[%s]; check that it exists and is readable", archive), e);
            }
        }
    }
}
