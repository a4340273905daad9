package io.strata.adapters.olx;

import io.strata.ports.BackendUnavailableException;
import io.strata.ports.CourseImportException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/*
 * Every file an import reads goes through here, so one place holds the two guarantees the import
 * gives: no read leaves the course folder (checked on the name, on the normalized path, and on the
 * real path after links are followed), and the version is a digest of exactly what was read.
 * Not thread-safe: one instance serves one import.
 */
final class CourseFiles {
    /**
     * Is the largest file an import reads. The largest XML, html or policy file of the shared real
     * exports is under 1 MB; a file of gigabytes would exhaust the heap before parsing could fail.
     */
    static final long MAX_FILE_BYTES = 64L * 1024 * 1024;

    private static final Pattern DRIVE_LETTER = Pattern.compile("^[A-Za-z]:[/\\\\].*");

    private final Path folder;
    private final String namePrefix;
    private final MessageDigest digest;

    CourseFiles(Path folder) {
        this(folder, "");
    }

    /**
     * Creates a reader whose error messages name files as {@code namePrefix + relativePath}, such
     * as {@code edx-toy/course.xml} when listing a folder of courses.
     */
    CourseFiles(Path folder, String namePrefix) {
        this.folder = realFolder(folder);
        this.namePrefix = namePrefix;
        this.digest = Digests.sha256();
    }

    /** Returns the course folder, links resolved. */
    Path folder() {
        return folder;
    }

    /**
     * Refuses a name taken from the export (a url_name, a filename, a policy key) that could leave
     * the folder it is resolved in.
     *
     * @throws CourseImportException naming the value, the file, the line and the attribute
     */
    static void checkName(String value, String file, int line, String attribute) {
        String problem = null;
        if (value.indexOf('\0') >= 0) {
            problem = "contains a NUL character";
        } else if (value.contains("..")) {
            problem = "contains '..'";
        } else if (value.indexOf('\\') >= 0) {
            problem = "contains a backslash";
        } else if (value.startsWith("/") || value.startsWith(":") || DRIVE_LETTER.matcher(value).matches()) {
            problem = "is an absolute path";
        }
        if (problem != null) {
            throw new CourseImportException(file, line, attribute, String.format(Locale.ROOT,
                    "value[%s] %s, which could leave the course folder; use a plain name", printable(value),
                    problem), null);
        }
    }

    /** Returns whether the file exists inside the folder (a name that would leave it does not). */
    boolean exists(String relativePath) {
        var path = folder.resolve(relativePath).normalize();
        return path.startsWith(folder) && Files.isRegularFile(path);
    }

    /**
     * Reads one file and adds its name and bytes to the version digest.
     *
     * @param relativePath the file, relative to the course folder, with '/' separators
     * @param referencedBy the file that named it, for the message when it is missing, or null
     * @param line the line of the reference, or 0
     * @throws CourseImportException when the file is missing, resolves outside the folder, or is
     *     larger than {@link #MAX_FILE_BYTES}
     */
    byte[] read(String relativePath, String referencedBy, int line) {
        var path = inside(relativePath, referencedBy, line);
        try {
            long size = Files.size(path);
            if (size > MAX_FILE_BYTES) {
                throw new CourseImportException(namePrefix + relativePath, String.format(Locale.ROOT,
                        "the file has bytes[%d], over the limit[%d] for one OLX file; an export's XML, html and"
                                + " policy files are far smaller, so check that this is the right file",
                        size, MAX_FILE_BYTES));
            }
            var bytes = Files.readAllBytes(path);
            record(relativePath, bytes);
            return bytes;
        } catch (IOException e) {
            throw new BackendUnavailableException(String.format(Locale.ROOT,
                    "Cannot read file[%s] in course folder[%s]; check the disk and permissions",
                    relativePath, folder), e);
        }
    }

    /** Returns the hex SHA-256 of the names and bytes of every file read so far, in read order. */
    String version() {
        try {
            var copy = (MessageDigest) digest.clone();
            return HexFormat.of().formatHex(copy.digest());
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("SHA-256 digest cannot be cloned", e);
        }
    }

    private Path inside(String relativePath, String referencedBy, int line) {
        var path = folder.resolve(relativePath).normalize();
        if (!path.startsWith(folder)) {
            throw outside(relativePath, referencedBy, line);
        }
        if (!Files.exists(path)) {
            var reason = referencedBy == null
                    ? String.format(Locale.ROOT, "file[%s] does not exist; add it", relativePath)
                    : String.format(Locale.ROOT, "the referenced file[%s] does not exist; add it or fix the reference",
                            relativePath);
            throw new CourseImportException(namePrefix + (referencedBy == null ? relativePath : referencedBy),
                    line, null, reason, null);
        }
        Path real;
        try {
            real = path.toRealPath();
        } catch (IOException e) {
            throw new BackendUnavailableException(String.format(Locale.ROOT,
                    "Cannot resolve file[%s] in course folder[%s]; check the disk and permissions",
                    relativePath, folder), e);
        }
        if (!real.startsWith(folder)) {
            throw outside(relativePath, referencedBy, line);
        }
        if (!Files.isRegularFile(real)) {
            throw new CourseImportException(namePrefix + relativePath,
                    "it is not a regular file; replace it with a file");
        }
        return real;
    }

    private CourseImportException outside(String relativePath, String referencedBy, int line) {
        return new CourseImportException(namePrefix + (referencedBy == null ? relativePath : referencedBy), line, null,
                String.format(Locale.ROOT, "file[%s] resolves outside the course folder, which is refused; "
                        + "replace the link with the file itself", relativePath), null);
    }

    private void record(String relativePath, byte[] bytes) {
        var name = relativePath.getBytes(StandardCharsets.UTF_8);
        digest.update(ByteBuffer.allocate(Integer.BYTES).putInt(name.length).array());
        digest.update(name);
        digest.update(ByteBuffer.allocate(Long.BYTES).putLong(bytes.length).array());
        digest.update(bytes);
    }

    private static Path realFolder(Path folder) {
        try {
            return folder.toRealPath();
        } catch (IOException e) {
            throw new BackendUnavailableException(String.format(Locale.ROOT,
                    "Cannot open course folder[%s]; check that it exists and is readable", folder), e);
        }
    }

    static String printable(String value) {
        return value.replace("\0", "\\0");
    }
}
