package io.strata.adapters.filesystem;

import io.strata.ports.BackendFailureException;
import io.strata.ports.DurableEntry;
import io.strata.ports.DurablePaths;
import io.strata.ports.DurableStore;
import io.strata.ports.InputRejectedException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Is the {@link DurableStore} on a local folder: each path is a file below the base folder.
 *
 * <p>A write goes to a temporary file beside the target ({@code .tmp-<random>.part}), is forced
 * to disk, and is renamed over the target atomically, and the folder is then forced too; so a
 * reader or a crash sees the whole old file or the whole new one. The filesystem must support
 * atomic renames (local disks do; some network filesystems do not).
 *
 * <p>Each path segment becomes a file or folder name as {@link FileNames} says: characters other
 * than letters, digits and {@code - . _ ~} are percent-encoded ({@code course-v1:A+B+C} is kept
 * as {@code course-v1%3AA%2BB%2BC}), and a name over 143 characters (the shortest common limit)
 * is split into folders, so any key gets a valid file name and a listing returns the paths stored.
 *
 * <p>Limits: segments starting with {@code .tmp-} are reserved for temporary files and rejected;
 * files below the base folder whose names this store would not write are not listed. A path can
 * not be stored both as a file and as a folder of other paths ({@code a} and {@code a/b}); the second
 * write fails. Deleting leaves empty folders behind; {@link #list} ignores them. Symbolic links
 * that lead outside the base folder are refused, but a process that can change the base folder
 * while the store runs can race these checks.
 *
 * <p>Conditional writes: a revision is the SHA-256 of the file's bytes. {@link #storeIfUnchanged}
 * holds, for the whole check-then-rename, a lock of this process and an exclusive {@code flock}-style
 * lock ({@link java.nio.channels.FileChannel#lock()}) on the file {@code .tmp-conditional.lock} of the
 * target's folder, so conditional writers in this and in other processes on the same host are ordered.
 * Locks on a network filesystem are only as good as its lock support (NFSv4 has it; some others do not).
 */
public final class FilesystemDurableStore implements DurableStore {
    private static final Logger log = LoggerFactory.getLogger(FilesystemDurableStore.class);
    static final String TEMP_PREFIX = ".tmp-";
    private static final String TEMP_SUFFIX = ".part";
    private static final int TEMP_RANDOM_BYTES = 8;
    private static final String CONDITIONAL_LOCK = TEMP_PREFIX + "conditional.lock";

    private final Path base;
    private final SecureRandom random = new SecureRandom();
    private final AtomicFiles atomicFiles = new AtomicFiles(this::createTemp);

    /** Creates a store under the configured folder; the folder is created on the first write. */
    public FilesystemDurableStore(FilesystemDurableStoreConfig config) {
        requireNonNull(config, "config is null");
        this.base = config.baseFolder();
    }

    /**
     * Creates the base folder when absent and checks that a file can be written in it, so that a
     * folder the service cannot use fails start-up rather than the first write.
     *
     * @throws IllegalArgumentException naming {@code durable.filesystem.folder} when the folder
     *     cannot be created (a file in the way, no permission) or written
     */
    public void checkWritable() {
        try {
            Files.createDirectories(base);
            Files.delete(Files.createTempFile(base, TEMP_PREFIX + "probe-", TEMP_SUFFIX));
        } catch (IOException e) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "Invalid durable.filesystem.folder[%s]: cannot create or write it (%s); %s", base, reason(e),
                    remedy(e)), e);
        }
        log.debug("Checked that folder[{}] is writable", base);
    }

    /** Returns what went wrong in words, without the exception's class name. */
    private static String reason(IOException e) {
        if (e instanceof FileAlreadyExistsException || e instanceof NotDirectoryException) {
            return "a file is in the way at " + e.getMessage();
        }
        if (e instanceof AccessDeniedException denied) {
            return "permission denied at " + denied.getFile();
        }
        if (e instanceof FileSystemException fileSystem && fileSystem.getReason() != null) {
            return fileSystem.getReason() + " at " + fileSystem.getFile();
        }
        return String.valueOf(e.getMessage());
    }

    @Override
    public String describe() {
        return "filesystem[" + base + "]";
    }

    @Override
    public Optional<byte[]> load(String path) {
        checkPath(path);
        try {
            var realBase = existingRealBase();
            if (realBase.isEmpty()) {
                return Optional.empty();
            }
            var target = resolve(realBase.get(), path);
            if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                return Optional.empty();
            }
            var real = checkInside(realBase.get(), target.toRealPath(), path);
            if (!Files.isRegularFile(real)) {
                return Optional.empty();
            }
            return Optional.of(Files.readAllBytes(real));
        } catch (NoSuchFileException e) {
            // Deleted (or its link target removed) between the checks and the read.
            return Optional.empty();
        } catch (IOException e) {
            throw failure("load", path, e);
        }
    }

    @Override
    public void store(String path, byte[] bytes) {
        checkPath(path);
        requireNonNull(bytes, "bytes is null");

        try {
            Files.createDirectories(base);
            var realBase = base.toRealPath();
            var target = resolve(realBase, path);
            var folder = target.getParent();
            checkInside(realBase, deepestExisting(folder).toRealPath(), path);
            Files.createDirectories(folder);
            checkInside(realBase, folder.toRealPath(), path);
            atomicFiles.write(target, bytes);
        } catch (IOException e) {
            throw failure("store", path, e);
        }
        log.debug("Stored path[{}] bytes[{}] in store[{}]", path, bytes.length, base);
    }

    @Override
    public Optional<DurableEntry> loadEntry(String path) {
        // One read gives the bytes, and the revision is computed from them, so the pair is consistent.
        return load(path).map(bytes -> new DurableEntry(bytes, digest(bytes)));
    }

    @Override
    public boolean storeIfUnchanged(String path, Optional<String> expectedRevision, byte[] bytes) {
        checkPath(path);
        requireNonNull(expectedRevision, "expectedRevision is null");
        requireNonNull(bytes, "bytes is null");

        boolean stored;
        try {
            Files.createDirectories(base);
            var realBase = base.toRealPath();
            var target = resolve(realBase, path);
            var folder = target.getParent();
            checkInside(realBase, deepestExisting(folder).toRealPath(), path);
            Files.createDirectories(folder);
            checkInside(realBase, folder.toRealPath(), path);
            stored = storeLocked(folder, target, expectedRevision, bytes);
        } catch (IOException e) {
            throw failure("store", path, e);
        }
        log.debug("Stored path[{}] if unchanged from revision[{}]: stored[{}] in store[{}]", path,
                expectedRevision.orElse("(absent)"), stored, base);
        return stored;
    }

    private boolean storeLocked(Path folder, Path target, Optional<String> expectedRevision, byte[] bytes)
            throws IOException {
        return FileLocks.call(folder.resolve(CONDITIONAL_LOCK), /* isCreating= */ true, () -> {
            if (!currentRevision(target).equals(expectedRevision)) {
                return false;
            }
            atomicFiles.write(target, bytes);
            return true;
        });
    }

    /*
     * A folder whose last stored file was deleted would otherwise keep the lock file of its
     * conditional writes for ever. It is deleted under both locks; a writer of another process that
     * opened it before and waits for its lock then checks the revision against the folder as it is,
     * which stays correct unless a third writer creates a new lock file meanwhile.
     */
    private static void deleteLockIfAlone(Path folder) throws IOException {
        var lockFile = folder.resolve(CONDITIONAL_LOCK);
        if (!Files.isRegularFile(lockFile, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try {
            FileLocks.run(lockFile, /* isCreating= */ false, () -> {
                try (var entries = Files.list(folder)) {
                    if (entries.allMatch(lockFile::equals)) {
                        Files.deleteIfExists(lockFile);
                    }
                }
            });
        } catch (NoSuchFileException e) {
            // Another delete removed it first.
        }
    }

    private static Optional<String> currentRevision(Path target) throws IOException {
        if (!Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        try {
            return Optional.of(digest(Files.readAllBytes(target)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    private static String digest(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java platform has SHA-256", e);
        }
    }

    @Override
    public void delete(String path) {
        checkPath(path);

        try {
            var realBase = existingRealBase();
            if (realBase.isEmpty()) {
                return;
            }
            var target = resolve(realBase.get(), path);
            if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)
                    || Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
                return;
            }
            checkInside(realBase.get(), target.getParent().toRealPath(), path);
            Files.deleteIfExists(target);
            deleteLockIfAlone(target.getParent());
        } catch (IOException e) {
            throw failure("delete", path, e);
        }
        log.debug("Deleted path[{}] in store[{}]", path, base);
    }

    @Override
    public List<String> list(String prefix) {
        checkPath(prefix);

        try {
            var realBase = existingRealBase();
            if (realBase.isEmpty()) {
                return List.of();
            }
            var folder = resolve(realBase.get(), prefix);
            if (!Files.isDirectory(folder)) {
                return List.of();
            }
            var realFolder = checkInside(realBase.get(), folder.toRealPath(), prefix);
            return walk(realFolder, prefix);
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw failure("list", prefix, e);
        }
    }

    private Path createTemp(Path folder) throws IOException {
        return Files.createFile(folder.resolve(TEMP_PREFIX + HexFormat.of().formatHex(randomBytes()) + TEMP_SUFFIX));
    }

    private static List<String> walk(Path realFolder, String prefix) throws IOException {
        var found = new ArrayList<String>();
        Files.walkFileTree(realFolder, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                if (attributes.isRegularFile() && !file.getFileName().toString().startsWith(TEMP_PREFIX)) {
                    storePath(prefix, realFolder.relativize(file)).ifPresent(found::add);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                // A file or folder deleted while the walk runs is simply not listed.
                if (e instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                throw e;
            }
        });
        found.sort(null);
        return found;
    }

    /** Returns the store path of a file below the prefix's folder; empty for a name this store does not write. */
    private static Optional<String> storePath(String prefix, Path relative) {
        var names = new ArrayList<>(List.of(FileNames.toFilePath(prefix).split("/")));
        relative.forEach(name -> names.add(name.toString()));
        return FileNames.toStorePath(names);
    }

    private Optional<Path> existingRealBase() throws IOException {
        try {
            return Optional.of(base.toRealPath());
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    private static Path deepestExisting(Path folder) {
        var existing = folder;
        while (!Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
            existing = existing.getParent();
        }
        return existing;
    }

    private Path checkInside(Path realBase, Path real, String path) {
        if (!real.startsWith(realBase)) {
            throw new InputRejectedException(String.format(Locale.ROOT,
                    "Refused path[%s] in store[%s]: it leads outside the base folder through a symbolic link;"
                            + " remove the link",
                    DurablePaths.printable(path), base));
        }
        return real;
    }

    private static Path resolve(Path realBase, String path) {
        return realBase.resolve(FileNames.toFilePath(path));
    }

    private byte[] randomBytes() {
        var bytes = new byte[TEMP_RANDOM_BYTES];
        random.nextBytes(bytes);
        return bytes;
    }

    private BackendFailureException failure(String action, String path, IOException e) {
        return new BackendFailureException(String.format(Locale.ROOT,
                "Cannot %s path[%s] in store[%s]: %s; %s", action, DurablePaths.printable(path), base, reason(e),
                remedy(e)), e);
    }

    private static String remedy(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "give the service's user read and write access to the base folder";
        }
        if (e instanceof AtomicMoveNotSupportedException) {
            return "put the base folder on a local filesystem that supports atomic renames";
        }
        return "check that the base folder is a writable folder on a disk with free space";
    }

    private static void checkPath(String path) {
        DurablePaths.check(path);
        for (var segment : path.split("/", -1)) {
            if (segment.startsWith(TEMP_PREFIX)) {
                throw new InputRejectedException(String.format(Locale.ROOT,
                        "Invalid path[%s]: a segment starts with '%s', which the store reserves for temporary"
                                + " files; use another name", DurablePaths.printable(path), TEMP_PREFIX));
            }
        }
    }
}
