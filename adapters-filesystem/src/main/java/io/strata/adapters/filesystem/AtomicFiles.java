package io.strata.adapters.filesystem;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicBoolean;

import static java.util.Objects.requireNonNull;

/**
 * Replaces files atomically: writes to a temporary file beside the target, forces it to disk,
 * renames it over the target and forces the folder; so a reader or a crash sees the whole old file
 * or the whole new one. The filesystem must support atomic renames (local disks do; some network
 * filesystems do not). Warns once per instance when the folder cannot be forced. Thread-safe.
 */
final class AtomicFiles {
    private static final Logger log = LoggerFactory.getLogger(AtomicFiles.class);

    private final TempFiles temps;
    private final AtomicBoolean folderSyncWarned = new AtomicBoolean();

    /** Creates a writer whose temporary files the given function creates. */
    AtomicFiles(TempFiles temps) {
        this.temps = requireNonNull(temps, "temps is null");
    }

    /** Is how an owner names its temporary files, so that its readers and listings can skip them. */
    @FunctionalInterface
    interface TempFiles {
        /** Creates a new, empty temporary file in the folder and returns it. */
        Path create(Path folder) throws IOException;
    }

    /**
     * Replaces the target, whose folder must exist, with the bytes. On failure the temporary file is
     * deleted and the target is left as it was.
     *
     * @throws IOException when the temporary file cannot be created, written or renamed
     */
    void write(Path target, byte[] bytes) throws IOException {
        var folder = target.getParent();
        var temp = temps.create(folder);
        try {
            try (var channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                var buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(/* metaData= */ true);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            deleteQuietly(temp, e);
            throw e;
        }
        forceFolder(folder);
    }

    // The rename is only durable once the folder's entry is on disk (POSIX; see fsync(2)).
    private void forceFolder(Path folder) {
        try (var channel = FileChannel.open(folder, StandardOpenOption.READ)) {
            channel.force(/* metaData= */ true);
        } catch (IOException e) {
            if (folderSyncWarned.compareAndSet(false, true)) {
                log.warn("Cannot force folder[{}] to disk; a crash may lose the latest renames", folder, e);
            }
        }
    }

    private static void deleteQuietly(Path temp, IOException failure) {
        try {
            Files.deleteIfExists(temp);
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }
}
