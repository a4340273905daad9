package io.strata.testkit;

import io.strata.ports.BackendUnavailableException;
import io.strata.ports.DurableEntry;
import io.strata.ports.DurablePaths;
import io.strata.ports.DurableStore;
import io.strata.ports.InputRejectedException;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

import static java.util.Objects.requireNonNull;

/**
 * Is a {@link DurableStore} held in a sorted map, for tests. It checks paths exactly as the port
 * requires, copies values on the way in and out, and goes down on {@link #setAvailable(boolean)}.
 * Each write gets a new revision from a counter, so conditional writes behave as on a store with
 * generation numbers (GCS).
 */
public final class InMemoryDurableStore implements DurableStore {
    private final ConcurrentNavigableMap<String, Stored> entries = new ConcurrentSkipListMap<>();
    private final AtomicLong revisions = new AtomicLong();
    private volatile boolean available = true;

    /** Makes every later call succeed (true) or throw {@link BackendUnavailableException} (false). */
    public void setAvailable(boolean available) {
        this.available = available;
    }

    /** Returns every stored path, sorted. */
    public List<String> paths() {
        return List.copyOf(entries.keySet());
    }

    @Override
    public String describe() {
        return "in-memory";
    }

    @Override
    public Optional<byte[]> load(String path) {
        DurablePaths.check(path);
        checkAvailable();

        return Optional.ofNullable(entries.get(path)).map(stored -> stored.bytes().clone());
    }

    @Override
    public Optional<DurableEntry> loadEntry(String path) {
        DurablePaths.check(path);
        checkAvailable();

        return Optional.ofNullable(entries.get(path))
                .map(stored -> new DurableEntry(stored.bytes().clone(), Long.toString(stored.revision())));
    }

    @Override
    public void store(String path, byte[] bytes) {
        DurablePaths.check(path);
        requireNonNull(bytes, "bytes is null");
        checkAvailable();

        entries.put(path, newStored(bytes));
    }

    @Override
    public boolean storeIfUnchanged(String path, Optional<String> expectedRevision, byte[] bytes) {
        DurablePaths.check(path);
        requireNonNull(expectedRevision, "expectedRevision is null");
        requireNonNull(bytes, "bytes is null");
        checkAvailable();

        if (expectedRevision.isEmpty()) {
            return entries.putIfAbsent(path, newStored(bytes)) == null;
        }
        var current = entries.get(path);
        if (current == null || !Long.toString(current.revision()).equals(expectedRevision.get())) {
            return false;
        }
        // Replaces only the very entry that was checked; a writer that came in between makes this fail.
        return entries.replace(path, current, newStored(bytes));
    }

    @Override
    public void delete(String path) {
        DurablePaths.check(path);
        checkAvailable();

        entries.remove(path);
    }

    @Override
    public List<String> list(String prefix) {
        DurablePaths.check(prefix);
        checkAvailable();

        // '0' follows '/' in ASCII, so this range holds exactly the paths below the prefix.
        return List.copyOf(entries.subMap(prefix + "/", prefix + "0").keySet());
    }

    private Stored newStored(byte[] bytes) {
        return new Stored(bytes.clone(), revisions.incrementAndGet());
    }

    private void checkAvailable() {
        if (!available) {
            throw new BackendUnavailableException(String.format(Locale.ROOT,
                    "Durable store[%s] is unavailable (simulated); call setAvailable(true)", describe()), null);
        }
    }

    /** Is one stored value; compared by identity of its array, so each write is a distinct entry. */
    private record Stored(byte[] bytes, long revision) {
    }
}
