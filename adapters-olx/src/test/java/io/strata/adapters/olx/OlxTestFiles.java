package io.strata.adapters.olx;

import io.strata.testkit.SharedCourses;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** Finds the shared course exports and writes small fixtures: files, folders and tarballs. */
final class OlxTestFiles {
    private OlxTestFiles() {
    }

    /** Returns the shared OLX folder; fails (never skips) when it is absent. */
    static Path sharedOlx() {
        return SharedCourses.folder();
    }

    static Path sharedCourse(String name) {
        return sharedOlx().resolve(name);
    }

    /** Writes a UTF-8 file, creating its folders. */
    static Path write(Path folder, String relativePath, String content) {
        try {
            var file = folder.resolve(relativePath);
            Files.createDirectories(file.getParent());
            return Files.writeString(file, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Copies a folder tree. */
    static void copyTree(Path from, Path to) {
        try (var paths = Files.walk(from)) {
            for (var path : paths.collect(Collectors.toList())) {
                var target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(path, target);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Returns every file of a folder tree by relative name, for packing into a tarball. */
    static Map<String, byte[]> filesOf(Path folder, String prefix) {
        var files = new LinkedHashMap<String, byte[]>();
        try (var paths = Files.walk(folder)) {
            for (var path : paths.sorted().collect(Collectors.toList())) {
                if (Files.isRegularFile(path)) {
                    files.put(prefix + folder.relativize(path).toString(), Files.readAllBytes(path));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    /** Writes a .tar.gz holding the given regular files, names kept exactly as given. */
    static Path tarGz(Path archive, Map<String, byte[]> files) {
        return tarGz(archive, files, Map.of());
    }

    /** Writes a .tar.gz holding the given regular files and symbolic links (name to target). */
    static Path tarGz(Path archive, Map<String, byte[]> files, Map<String, String> links) {
        try (OutputStream out = Files.newOutputStream(archive);
                var tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(out))) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (var file : files.entrySet()) {
                var entry = new TarArchiveEntry(file.getKey(), /* preserveAbsolutePath= */ true);
                entry.setSize(file.getValue().length);
                tar.putArchiveEntry(entry);
                tar.write(file.getValue());
                tar.closeArchiveEntry();
            }
            for (var link : links.entrySet()) {
                var entry = new TarArchiveEntry(link.getKey(), TarConstants.LF_SYMLINK);
                entry.setLinkName(link.getValue());
                tar.putArchiveEntry(entry);
                tar.closeArchiveEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return archive;
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
