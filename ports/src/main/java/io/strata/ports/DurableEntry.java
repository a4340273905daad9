package io.strata.ports;

import static java.util.Objects.requireNonNull;

/**
 * Is what a {@link DurableStore} holds at one path, read together: the bytes and the revision the
 * store holds them at. Pass the revision to {@link DurableStore#storeIfUnchanged} to replace these
 * bytes only if no other writer replaced them first.
 *
 * <p>A revision is an opaque, non-empty token that only means something for its path in its store:
 * a generation number, an ETag or a digest of the bytes. Two loads of unchanged bytes give equal
 * revisions; a store of other bytes gives another revision. A store may give equal bytes equal
 * revisions (a digest), so a revision proves the bytes are unchanged, not that nobody wrote them.
 *
 * <p>The array is the caller's own copy; equality is that of records (the array by identity).
 *
 * @param bytes the stored bytes, never null
 * @param revision the revision they were read at, never null or empty
 */
public record DurableEntry(byte[] bytes, String revision) {
    public DurableEntry {
        requireNonNull(bytes, "bytes is null");
        requireNonNull(revision, "revision is null");
        if (revision.isEmpty()) {
            throw new IllegalArgumentException("revision must not be empty");
        }
    }
}
