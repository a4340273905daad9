package io.strata.adapters.filesystem;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Runs an action while holding a lock of this process and an exclusive {@code flock}-style lock
 * ({@link FileChannel#lock()}) on a lock file, so that the holders of one lock file in this and in
 * other processes on the same host are ordered. Locks on a network filesystem are only as good as
 * its lock support.
 */
final class FileLocks {
    /**
     * Orders the holders of this process, which a file lock alone cannot do: the JVM refuses a second
     * lock on a file it already locks (OverlappingFileLockException). Shared by every caller, so two
     * callers on one lock file are ordered too; striped by lock file, so holders of unrelated lock files
     * seldom wait for each other.
     */
    private static final ReentrantLock[] PROCESS_LOCKS = newLocks(64);

    private FileLocks() {
    }

    /** Is an action to run under the locks. */
    @FunctionalInterface
    interface LockedCall<T> {
        T call() throws IOException;
    }

    /** Is an action without a result to run under the locks. */
    @FunctionalInterface
    interface LockedRun {
        void run() throws IOException;
    }

    /**
     * Returns the action's result, computed while both locks on the lock file are held.
     *
     * @param isCreating whether to create the lock file when absent; when not, an absent lock file
     *     fails with {@link java.nio.file.NoSuchFileException}
     * @throws IOException when the lock file cannot be opened or locked, or the action fails
     */
    static <T> T call(Path lockFile, boolean isCreating, LockedCall<T> action) throws IOException {
        var processLock = PROCESS_LOCKS[Math.floorMod(lockFile.hashCode(), PROCESS_LOCKS.length)];
        processLock.lock();
        try (var channel = open(lockFile, isCreating)) {
            // Released when the channel closes.
            channel.lock();
            return action.call();
        } finally {
            processLock.unlock();
        }
    }

    /** Runs the action while both locks on the lock file are held; see {@link #call}. */
    static void run(Path lockFile, boolean isCreating, LockedRun action) throws IOException {
        call(lockFile, isCreating, () -> {
            action.run();
            return null;
        });
    }

    private static FileChannel open(Path lockFile, boolean isCreating) throws IOException {
        if (isCreating) {
            return FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        }
        return FileChannel.open(lockFile, StandardOpenOption.WRITE);
    }

    private static ReentrantLock[] newLocks(int count) {
        var locks = new ReentrantLock[count];
        for (int i = 0; i < count; i++) {
            locks[i] = new ReentrantLock();
        }
        return locks;
    }
}
