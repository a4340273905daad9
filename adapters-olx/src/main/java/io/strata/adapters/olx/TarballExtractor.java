package io.strata.adapters.olx;

import io.strata.ports.BackendUnavailableException;
import io.strata.ports.CourseImportException;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/*
 * Extracts a Studio export (.tar.gz) in two passes. The first pass reads only the headers (the
 * gzip stream is still inflated, but nothing is stored) and refuses the archive, before anything
 * is written, when an entry name could leave the extraction folder, a link points outside it, or
 * the entry count or the total uncompressed size passes the configured limit. The second pass
 * writes into a fresh folder and checks every entry again, because the file may have changed in
 * between; if that check fails the half-written folder is deleted. A complete extraction is moved
 * to its final name in one step, so a folder with that name is always complete.
 *
 * Links are never created: an export needs none, and a link written first can redirect a later
 * entry out of the folder. Links that stay inside are skipped; links that point outside are refused.
 */
final class TarballExtractor {
    private static final Logger log = LoggerFactory.getLogger(TarballExtractor.class);
    private static final Pattern DRIVE_LETTER = Pattern.compile("^[A-Za-z]:[/\\\\].*");
    private static final int BUFFER_BYTES = 64 * 1024;
    /** Starts the name of a folder still being written; such a folder is never read. */
    static final String PARTIAL_PREFIX = ".strata-olx-partial-";

    private final long maxBytes;
    private final int maxEntries;

    TarballExtractor(long maxBytes, int maxEntries) {
        this.maxBytes = maxBytes;
        this.maxEntries = maxEntries;
    }

    /** Returns whether the file's name marks it as a gzip-compressed tarball. */
    static boolean isTarball(Path file) {
        var name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".tar.gz") || name.endsWith(".tgz");
    }

    /**
     * Extracts the archive into {@code target}, a folder that must not exist yet unless an earlier
     * extraction of the same content made it. Every entry is checked first; the files are then
     * written into a fresh folder beside the target, which is moved into place in one step, so the
     * target is either absent or complete.
     *
     * @return the target folder, real path
     * @throws CourseImportException when the archive is malformed, hostile or over a limit
     * @throws BackendUnavailableException when the archive or the folder cannot be read or written
     */
    Path extract(Path archive, Path target) {
        var archiveName = archive.getFileName().toString();
        var entries = walk(archive, archiveName, null);
        if (Files.isDirectory(target)) {
            log.debug("Reused extraction folder[{}] for archive[{}]", target, archive);
            return realPath(target);
        }

        var partial = createPartialFolder(target.getParent());
        try {
            walk(archive, archiveName, partial);
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
            // Another reader of the same content finished first; its folder is as good as ours.
            deleteQuietly(partial);
        } catch (IOException e) {
            deleteQuietly(partial);
            throw new BackendUnavailableException(String.format(Locale.ROOT,
                    "Cannot move extraction folder[%s] to folder[%s]; check the disk and permissions",
                    partial, target), e);
        } catch (RuntimeException e) {
            deleteQuietly(partial);
            throw e;
        }
        log.debug("Extracted archive[{}] entries[{}] into folder[{}]", archive, entries, target);
        return realPath(target);
    }

    private static Path createPartialFolder(Path parent) {
        try {
            Files.createDirectories(parent);
            return Files.createTempDirectory(parent, PARTIAL_PREFIX).toRealPath();
        } catch (IOException e) {
            throw new BackendUnavailableException(String.format(Locale.ROOT,
                    "Cannot create an extraction folder under folder[%s]; check the disk and permissions",
                    parent), e);
        }
    }

    private static Path realPath(Path folder) {
        try {
            return folder.toRealPath();
        } catch (IOException e) {
            throw new BackendUnavailableException(String.format(Locale.ROOT,
                    "Cannot open extraction folder[%s]; check the disk and permissions", folder), e);
        }
    }

    /** Reads every entry, checking it; writes it under target unless target is null. */
    private int walk(Path archive, String archiveName, Path target) {
        var tally = new Tally();
        try (InputStream file = open(archive);
                var tar = new TarArchiveInputStream(new GzipCompressorInputStream(new BufferedInputStream(file)))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                var name = check(entry, archiveName, tally);
                if (target != null && name != null) {
                    write(tar, entry, name, target, archiveName, tally);
                }
            }
        } catch (EOFException e) {
            throw new CourseImportException(archiveName, 0, null,
                    "the archive ends before its last entry; it is truncated: copy or export the course again", e);
        } catch (IOException | IllegalArgumentException e) {
            throw new CourseImportException(archiveName, 0, null, "the archive cannot be read as a .tar.gz ("
                    + reason(e) + "); export the course again", e);
        }
        return tally.entries;
    }

    /** Returns what went wrong in words: some decoder failures carry no message, only their type. */
    private static String reason(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static InputStream open(Path archive) {
        try {
            return Files.newInputStream(archive);
        } catch (IOException e) {
            throw new BackendUnavailableException(String.format(Locale.ROOT,
                    "Cannot read archive[%s]; check that it exists and is readable", archive), e);
        }
    }

    /** Returns the entry's safe relative name, or null when the entry is to be skipped. */
    private String check(TarArchiveEntry entry, String archiveName, Tally tally) {
        tally.entries++;
        if (tally.entries > maxEntries) {
            throw refused(archiveName, entry.getName(), String.format(Locale.ROOT,
                    "makes the archive hold more than %d entries, the limit; raise "
                            + "course.archive.max-entries or split the export", maxEntries));
        }
        var name = safeName(entry.getName(), archiveName);
        if (entry.isSymbolicLink() || entry.isLink()) {
            checkLink(entry, name, archiveName);
            return null;
        }
        if (!entry.isDirectory() && !entry.isFile()) {
            log.debug("Skipped special entry[{}] of archive[{}]", entry.getName(), archiveName);
            return null;
        }
        tally.declaredBytes += Math.max(entry.getSize(), 0);
        checkBytes(tally.declaredBytes, entry.getName(), archiveName);
        return name.isEmpty() ? null : name;
    }

    private String safeName(String raw, String archiveName) {
        var name = raw;
        while (name.startsWith("./")) {
            name = name.substring(2);
        }
        if (name.endsWith("/")) {
            name = name.substring(0, name.length() - 1);
        }
        if (name.equals(".")) {
            name = "";
        }
        String problem = null;
        if (name.indexOf('\0') >= 0) {
            problem = "contains a NUL character";
        } else if (name.startsWith("/") || DRIVE_LETTER.matcher(name).matches()) {
            problem = "is an absolute path";
        } else if (name.indexOf('\\') >= 0) {
            problem = "contains a backslash";
        } else if (Stream.of(name.split("/")).anyMatch(".."::equals)) {
            problem = "contains '..'";
        }
        if (problem != null) {
            throw refused(archiveName, raw, problem + ", which could leave the extraction folder; "
                    + "export the course again");
        }
        return name;
    }

    private void checkLink(TarArchiveEntry entry, String name, String archiveName) {
        var linkTarget = entry.getLinkName();
        var base = entry.isSymbolicLink() && name.contains("/") ? name.substring(0, name.lastIndexOf('/')) : "";
        var resolved = Path.of("/root").resolve(base).resolve(linkTarget.replace('\0', '_')).normalize();
        var absolute = linkTarget.startsWith("/") || DRIVE_LETTER.matcher(linkTarget).matches();
        if (absolute || linkTarget.indexOf('\0') >= 0 || !resolved.startsWith("/root")) {
            throw refused(archiveName, entry.getName(), String.format(Locale.ROOT,
                    "is a link to target[%s] outside the extraction folder; export the course without links",
                    CourseFiles.printable(linkTarget)));
        }
        log.debug("Skipped link entry[{}] of archive[{}]", entry.getName(), archiveName);
    }

    private void checkBytes(long bytes, String entryName, String archiveName) {
        if (bytes > maxBytes) {
            throw refused(archiveName, entryName, String.format(Locale.ROOT,
                    "makes the archive hold more than %d uncompressed bytes, the limit; raise "
                            + "course.archive.max-bytes or split the export", maxBytes));
        }
    }

    private void write(TarArchiveInputStream tar, TarArchiveEntry entry, String name, Path target,
            String archiveName, Tally tally) throws IOException {
        var path = target.resolve(name).normalize();
        if (!path.startsWith(target) || path.equals(target)) {
            throw refused(archiveName, entry.getName(), "leaves the extraction folder; export the course again");
        }
        if (entry.isDirectory()) {
            createFolder(path);
            return;
        }
        createFolder(path.getParent());
        try (OutputStream out = newFile(path, target, entry.getName(), archiveName)) {
            var buffer = new byte[BUFFER_BYTES];
            int read;
            while ((read = tar.read(buffer)) > 0) {
                tally.writtenBytes += read;
                checkBytes(tally.writtenBytes, entry.getName(), archiveName);
                writeTo(out, buffer, read, path);
            }
        } catch (WriteFailure e) {
            throw new BackendUnavailableException(String.format(Locale.ROOT,
                    "Cannot write file[%s] while extracting archive[%s]; check the disk and permissions",
                    path, archiveName), e.getCause());
        }
    }

    private static void createFolder(Path folder) {
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new BackendUnavailableException(String.format(Locale.ROOT,
                    "Cannot create folder[%s] while extracting; check the disk and permissions", folder), e);
        }
    }

    private static OutputStream newFile(Path path, Path target, String entryName, String archiveName) {
        try {
            if (!path.getParent().toRealPath().startsWith(target)) {
                throw refused(archiveName, entryName, "leaves the extraction folder; export the course again");
            }
            return Files.newOutputStream(path, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            throw new BackendUnavailableException(String.format(Locale.ROOT,
                    "Cannot create file[%s] while extracting; check the disk and permissions", path), e);
        }
    }

    private static void writeTo(OutputStream out, byte[] buffer, int length, Path path) {
        try {
            out.write(buffer, 0, length);
        } catch (IOException e) {
            throw new WriteFailure(e);
        }
    }

    private static CourseImportException refused(String archiveName, String entryName, String problem) {
        return new CourseImportException(archiveName, 0, null, String.format(Locale.ROOT,
                "entry[%s] %s", CourseFiles.printable(entryName), problem), null);
    }

    /** Deletes a folder tree; on failure warns and leaves the rest, since the caller can go on. */
    static void deleteQuietly(Path folder) {
        try (var paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | RuntimeException e) {
            log.warn("Cannot delete extraction folder[{}]; delete it by hand", folder, e);
        }
    }

    /** Carries a write error out of the copy loop, apart from read errors of the archive. */
    private static final class WriteFailure extends RuntimeException {
        WriteFailure(IOException cause) {
            super(cause);
        }
    }

    /** Counts what one pass has seen. */
    private static final class Tally {
        private int entries;
        private long declaredBytes;
        private long writtenBytes;
    }
}
