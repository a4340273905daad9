package io.strata.testkit;

import io.strata.ports.BackendUnavailableException;
import io.strata.ports.DurablePaths;
import io.strata.ports.DurableStore;
import io.strata.ports.InputRejectedException;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;

import static java.util.Objects.requireNonNull;

/**
 * Is a {@link DurableStore} held in a sorted map, for tests. It checks paths exactly as the port
 * requires, copies values on the way in and out, and goes down on {@link #setAvailable(boolean)}.
 */
public final class InMemoryDurableStore implements DurableStore {
    private final ConcurrentNavigableMap<String, byte[]> entries = new ConcurrentSkipListMap<>();
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

        return Optional.ofNullable(entries.get(path)).map(byte[]::clone);
    }

    @Override
    public void store(String path, byte[] bytes) {
        DurablePaths.check(path);
        requireNonNull(bytes, "bytes is null");
        checkAvailable();

        entries.put(path, bytes.clone());
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

    private void checkAvailable() {
        if (!available) {
            throw new BackendUnavailableException(String.format(Locale.ROOT,
                    "Durable store[%s] is unavailable (simulated); call setAvailable(true)", describe()), null);
        }
    }
}
