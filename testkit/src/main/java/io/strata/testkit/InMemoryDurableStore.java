package io.strata.testkit;

import io.strata.ports.BackendUnavailableException;
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
        checkPath(path);
        checkAvailable();

        return Optional.ofNullable(entries.get(path)).map(byte[]::clone);
    }

    @Override
    public void store(String path, byte[] bytes) {
        checkPath(path);
        requireNonNull(bytes, "bytes is null");
        checkAvailable();

        entries.put(path, bytes.clone());
    }

    @Override
    public void delete(String path) {
        checkPath(path);
        checkAvailable();

        entries.remove(path);
    }

    @Override
    public List<String> list(String prefix) {
        checkPath(prefix);
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

    private static void checkPath(String path) {
        requireNonNull(path, "path is null");
        for (var segment : path.split("/", -1)) {
            var reason = segmentProblem(segment);
            if (reason != null) {
                throw new InputRejectedException(String.format(Locale.ROOT,
                        "Invalid path[%s]: %s; use relative '/'-separated segments without '.', '..',"
                                + " NUL or backslash",
                        escape(path), reason));
            }
        }
    }

    private static String segmentProblem(String segment) {
        if (segment.isEmpty()) {
            return "a segment is empty";
        }
        if (segment.equals(".") || segment.equals("..")) {
            return "a segment is '" + segment + "'";
        }
        if (segment.indexOf('\0') >= 0) {
            return "it contains NUL";
        }
        if (segment.indexOf('\\') >= 0) {
            return "it contains a backslash";
        }
        return null;
    }

    private static String escape(String path) {
        var escaped = new StringBuilder(path.length());
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (Character.isISOControl(c)) {
                escaped.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else {
                escaped.append(c);
            }
        }
        return escaped.toString();
    }
}
