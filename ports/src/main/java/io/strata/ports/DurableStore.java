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
 *
 * <p>Conditional writes: {@link #loadEntry} returns the bytes with their revision and
 * {@link #storeIfUnchanged} replaces them only if the revision is still the path's, as one atomic
 * step, so that two processes moving the same small object (a course's current pointer) cannot both
 * act on what they read. Only writers that all use {@code storeIfUnchanged} on a path are ordered
 * this way; a plain {@link #store} or {@link #delete} of the same path at the same time may be lost.
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
     * Returns the bytes stored at the path together with their revision, read as one consistent
     * pair, or empty when nothing is stored there.
     *
     * @throws InputRejectedException when the path is not valid
     * @throws BackendUnavailableException when the store cannot be reached in its configured time
     * @throws BackendFailureException when the store answered with an error
     */
    Optional<DurableEntry> loadEntry(String path);

    /**
     * Stores the bytes at the path only if the path still holds the expected revision or, when the
     * expected revision is empty, only if nothing is stored there; the check and the write are one
     * atomic step against every other {@code storeIfUnchanged} of the path, in this process or any
     * other sharing the store. The write itself is atomic as in {@link #store}.
     *
     * <p>Returns true when the bytes were stored, and false, storing nothing, when the path's revision
     * was not the expected one: another writer stored or deleted it since it was read (reload it and
     * decide again). Not idempotent: repeating a call that stored returns false.
     *
     * @param expectedRevision a revision {@link #loadEntry} returned for this path, or empty for "absent"
     * @throws InputRejectedException when the path is not valid
     * @throws BackendUnavailableException when the store cannot be reached in its configured time;
     *     the write may or may not have happened
     * @throws BackendFailureException when the store refused the write for another reason
     */
    boolean storeIfUnchanged(String path, Optional<String> expectedRevision, byte[] bytes);

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
