package io.strata.ports;

import java.util.List;
import java.util.Optional;

/**
 * Keeps encoded payloads durably: a folder, an S3 bucket, a GCS bucket.
 *
 * <p>Unlike a {@link CacheTier}, a durable store must not lose what it acknowledged: once
 * {@link #store} returns, a later {@link #load} of the same path returns those bytes until the
 * path is stored again or deleted, across restarts of the process.
 *
 * <p>Paths are relative, {@code /}-separated and made of non-empty segments; a segment may not be
 * {@code .} or {@code ..} and may not contain a NUL byte or a backslash. The store rejects any
 * other path with {@link InputRejectedException} naming it, and never reads or writes outside its
 * configured base (folder, bucket and prefix). The layout of paths (course, version, pointer) is
 * the caller's; the store only keeps bytes. Implementations are thread-safe.
 */
public interface DurableStore {
    /** Returns where this store keeps its data, for logs, such as {@code filesystem[/var/strata]}. */
    String describe();

    /**
     * Returns the bytes stored at the path, or empty when nothing is stored there.
     *
     * @throws InputRejectedException when the path is not valid
     * @throws BackendUnavailableException when the store cannot be reached in its configured time
     * @throws BackendFailureException when the store answered with an error
     */
    Optional<byte[]> load(String path);

    /**
     * Stores the bytes at the path, replacing what was there. The write is atomic: a concurrent or
     * later reader sees either the whole old value or the whole new one, never a part.
     *
     * @throws InputRejectedException when the path is not valid
     * @throws BackendUnavailableException when the store cannot be reached in its configured time
     * @throws BackendFailureException when the store refused the write
     */
    void store(String path, byte[] bytes);

    /**
     * Deletes what is stored at the path; deleting an absent path is not an error.
     *
     * @throws InputRejectedException when the path is not valid
     * @throws BackendUnavailableException when the store cannot be reached in its configured time
     * @throws BackendFailureException when the store refused the delete
     */
    void delete(String path);

    /**
     * Returns the paths stored under the prefix (the prefix followed by {@code /} and more
     * segments), sorted, or an empty list when there are none.
     *
     * @throws InputRejectedException when the prefix is not a valid path
     * @throws BackendUnavailableException when the store cannot be reached in its configured time
     */
    List<String> list(String prefix);
}
