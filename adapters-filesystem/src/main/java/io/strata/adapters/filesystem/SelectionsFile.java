package io.strata.adapters.filesystem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.strata.adapters.filesystem.FileLearnerSource.UserCourse;
import io.strata.ports.BackendFailureException;
import io.strata.ports.InputRejectedException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;

/*
 * Format (JSON, written sorted so that equal contents give equal bytes):
 *   {"version": 1, "learners": {USERNAME: {COURSE_KEY: {BLOCK_USAGE_ID: [CHILD_USAGE_ID, ...]}}}}
 *
 * Several processes may share the file. A save holds this instance's lock, a lock shared by the
 * instances of this process on the same lock file (the JVM refuses a second FileChannel lock on a
 * file it already locks), and an exclusive FileChannel lock on the hidden sibling lock file; under
 * them it reads the file as it is now, merges this process's unwritten saves into it, and writes the
 * result to a temporary file in the same folder, forces it to disk, renames it over the old one and
 * forces the folder, so that the rename survives a crash.
 * So no save of another process is lost, and a reader or a crash sees the old file or the new one,
 * never a mix. Readers take no lock: they check the fingerprint at most once per CHECK_INTERVAL and
 * reload, which the atomic rename makes safe. The lock file is never deleted: a process waiting on
 * the lock of a deleted lock file would hold it while another locks a new one.
 *
 * Which save wins: each save remembers, as its base, the selection this process had read for its
 * block (from the file at the last reload, or written by its own last save of the block). Merging
 * writes it when the file holds no selection for the block, or the base, or the same selection;
 * otherwise another process saved a different one since this one read the file, and that one stays:
 * the save is dropped and this process adopts the stored selection. Concurrent first saves thus
 * converge on the first one written, while a process that replaces a selection it has read (a
 * refresh when children disappeared) still replaces it. A save does not bring the other saves it
 * read into this process's view (the next check does, since the file changed), so that a base is
 * always something a request could have read. The base is what the process had read, not what the
 * request saw: a request whose read and save straddle a reload that brought in another process's
 * first selection replaces that one, and every process holds the replacement after its next check.
 *
 * A save costs a read and a write of every saved selection: fine for the few thousand learners a
 * file source serves; a larger deployment wants a database-backed source.
 */
/**
 * Is the file where {@link FileLearnerSource} keeps the item-bank selections it saves, so that they
 * outlive the process and are shared with the other processes using the file; holds them in memory
 * too. Thread-safe.
 */
final class SelectionsFile {
    private static final Logger log = LoggerFactory.getLogger(SelectionsFile.class);
    private static final int FORMAT_VERSION = 1;

    private final Path file;
    private final Path lockFile;
    private final AtomicFiles atomicFiles;
    private final Clock clock;
    private final Duration checkInterval;
    private final ObjectMapper json = JsonMapper.builder().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();
    // Guards every field below except the volatile ones, which it only orders writes of.
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<Slot, Save> unwritten = new LinkedHashMap<>();
    // The file as of the last reload, with the outcome of each save of this process written since.
    private Map<UserCourse, Map<String, List<String>>> lastRead;
    private FileFingerprint seen;
    private boolean isWriteFailing;
    private boolean isReadFailing;
    private volatile Map<UserCourse, Map<String, List<String>>> selections;
    private volatile long nextCheckMillis;

    /**
     * Creates the file's reader and writer and reads the file.
     *
     * @throws InputRejectedException when the file is not a selections file; the message names it
     * @throws BackendFailureException when the file exists but cannot be read
     */
    SelectionsFile(Path file, Clock clock, Duration checkInterval) {
        this.file = file;
        this.lockFile = file.resolveSibling("." + file.getFileName() + ".lock");
        this.atomicFiles = new AtomicFiles(folder -> Files.createTempFile(folder, "." + file.getFileName(), ".tmp"));
        this.clock = clock;
        this.checkInterval = checkInterval;
        nextCheckMillis = clock.millis() + checkInterval.toMillis();
        try {
            seen = FileFingerprint.of(file);
            lastRead = read();
        } catch (IOException e) {
            throw new BackendFailureException(String.format(Locale.ROOT,
                    "Cannot read selections file[%s]: %s; give the service's user read and write access to it",
                    file, e), e);
        }
        selections = lastRead;
    }

    /**
     * Returns the selections saved for the user in the course, by item-bank block; empty when none.
     * Reads the file again first when it is time to check it and it changed.
     */
    Map<String, List<String>> load(UserCourse key) {
        reloadIfDue();
        return selections.getOrDefault(key, Map.of());
    }

    /**
     * Saves a selection and writes the file, and returns the selection now saved for the block:
     * the one given, or the different one another process saved first. A failure to write is
     * logged, once until a write succeeds again, and keeps the save in memory for the next write.
     */
    List<String> save(UserCourse key, String block, List<String> selected) {
        var slot = new Slot(key, block);
        lock.lock();
        try {
            var earlier = unwritten.get(slot);
            var base = earlier != null ? earlier.base() : Optional.ofNullable(lookUp(lastRead, slot));
            unwritten.put(slot, new Save(base, List.copyOf(selected)));
            writeUnwritten();
            return lookUp(selections, slot);
        } finally {
            lock.unlock();
        }
    }

    private void reloadIfDue() {
        long now = clock.millis();
        if (now < nextCheckMillis || !lock.tryLock()) {
            return;
        }
        try {
            if (now >= nextCheckMillis) {
                nextCheckMillis = now + checkInterval.toMillis();
                reloadIfChanged();
            }
        } finally {
            lock.unlock();
        }
    }

    private void reloadIfChanged() {
        try {
            var current = FileFingerprint.of(file);
            if (Objects.equals(current, seen)) {
                return;
            }
            // A malformed file is not parsed again until it changes; an unreadable one is retried.
            seen = current;
            lastRead = read();
            isReadFailing = false;
            selections = merge(lastRead);
            log.debug("Reloaded selections file[{}] with user courses[{}]", file, lastRead.size());
        } catch (IOException | InputRejectedException e) {
            warnReadFailingOnce(e);
        }
    }

    private void writeUnwritten() {
        try {
            Files.createDirectories(file.getParent());
            FileLocks.run(lockFile, /* isCreating= */ true, this::writeLocked);
            isWriteFailing = false;
        } catch (IOException e) {
            warnWriteFailingOnce(e);
            selections = merge(lastRead);
        } catch (InputRejectedException e) {
            // Not overwritten: it may hold other processes' saves, or an edit someone is making.
            warnReadFailingOnce(e);
            selections = merge(lastRead);
        }
    }

    private void writeLocked() throws IOException {
        var saved = List.copyOf(unwritten.keySet());
        var stored = read();
        var merged = merge(stored);
        if (!merged.equals(stored)) {
            atomicFiles.write(file, json.writeValueAsBytes(document(merged)));
        }
        isReadFailing = false;
        unwritten.clear();
        // The other saves read here reach this process at the next reload; see the class comment.
        lastRead = withOutcomes(lastRead, merged, saved);
        selections = lastRead;
    }

    private static Map<UserCourse, Map<String, List<String>>> withOutcomes(
            Map<UserCourse, Map<String, List<String>>> view, Map<UserCourse, Map<String, List<String>>> merged,
            List<Slot> slots) {
        var updated = new HashMap<>(view);
        for (var slot : slots) {
            var blocks = new HashMap<>(updated.getOrDefault(slot.key(), Map.of()));
            blocks.put(slot.block(), lookUp(merged, slot));
            updated.put(slot.key(), Map.copyOf(blocks));
        }
        return Map.copyOf(updated);
    }

    /**
     * Returns the stored selections with the unwritten saves applied, and drops each save that lost
     * to a different selection stored for its block by another process.
     */
    private Map<UserCourse, Map<String, List<String>>> merge(Map<UserCourse, Map<String, List<String>>> stored) {
        var merged = new HashMap<UserCourse, Map<String, List<String>>>();
        stored.forEach((key, blocks) -> merged.put(key, new HashMap<>(blocks)));
        for (var iterator = unwritten.entrySet().iterator(); iterator.hasNext(); ) {
            var entry = iterator.next();
            var slot = entry.getKey();
            var save = entry.getValue();
            if (save.isReplacing(lookUp(stored, slot))) {
                merged.computeIfAbsent(slot.key(), key -> new HashMap<>()).put(slot.block(), save.selected());
            } else {
                iterator.remove();
                log.debug("Kept item-bank selection of user[{}] in block[{}] that another process saved first",
                        slot.key().username(), slot.block());
            }
        }
        var frozen = new HashMap<UserCourse, Map<String, List<String>>>();
        merged.forEach((key, blocks) -> frozen.put(key, Map.copyOf(blocks)));
        return Map.copyOf(frozen);
    }

    private static List<String> lookUp(Map<UserCourse, Map<String, List<String>>> selections, Slot slot) {
        return selections.getOrDefault(slot.key(), Map.of()).get(slot.block());
    }

    private void warnWriteFailingOnce(IOException e) {
        if (!isWriteFailing) {
            isWriteFailing = true;
            log.warn("Cannot write selections file[{}]; keeping saved selections in memory until a write "
                    + "succeeds", file, e);
        }
    }

    private void warnReadFailingOnce(Exception e) {
        if (!isReadFailing) {
            isReadFailing = true;
            log.warn("Cannot read selections file[{}] or it is malformed; keeping the selections read before, "
                    + "and new saves in memory, until it is fixed", file, e);
        }
    }

    /**
     * Returns the selections the file holds, by user and course; empty when there is no file.
     *
     * @throws InputRejectedException when the file is not a selections file; the message names it
     * @throws IOException when the file exists but cannot be read
     */
    private Map<UserCourse, Map<String, List<String>>> read() throws IOException {
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return Map.of();
        }
        try {
            return parse(json.readTree(content));
        } catch (JsonProcessingException e) {
            throw rejected("it is not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            // The content is already in memory; only the parser itself can fail here.
            throw rejected("it cannot be parsed: " + e.getMessage(), e);
        }
    }

    private Map<UserCourse, Map<String, List<String>>> parse(JsonNode root) {
        if (root == null || !root.isObject() || root.path("version").asInt() != FORMAT_VERSION
                || !root.path("learners").isObject()) {
            throw rejected("expected {\"version\": " + FORMAT_VERSION + ", \"learners\": {...}}", null);
        }
        var selections = new HashMap<UserCourse, Map<String, List<String>>>();
        root.get("learners").fields().forEachRemaining(user -> object(user.getValue(), user.getKey()).fields()
                .forEachRemaining(course -> {
                    var blocks = new HashMap<String, List<String>>();
                    object(course.getValue(), course.getKey()).fields().forEachRemaining(block -> blocks.put(
                            block.getKey(), children(block.getValue(), block.getKey())));
                    selections.put(new UserCourse(user.getKey(), course.getKey()), blocks);
                }));
        return selections;
    }

    private JsonNode object(JsonNode node, String name) {
        if (!node.isObject()) {
            throw rejected("the entry of [" + name + "] must be a map", null);
        }
        return node;
    }

    private List<String> children(JsonNode node, String block) {
        var children = new ArrayList<String>();
        if (!node.isArray()) {
            throw rejected("the selection of block[" + block + "] must be a list of usage ids", null);
        }
        node.forEach(child -> {
            if (!child.isTextual()) {
                throw rejected("the selection of block[" + block + "] must be a list of usage ids", null);
            }
            children.add(child.asText());
        });
        return List.copyOf(children);
    }

    private Map<String, Object> document(Map<UserCourse, Map<String, List<String>>> selections) {
        var learners = new TreeMap<String, Map<String, Map<String, List<String>>>>();
        selections.forEach((key, blocks) -> learners.computeIfAbsent(key.username(), user -> new TreeMap<>())
                .put(key.courseKey(), new TreeMap<>(blocks)));
        var document = new TreeMap<String, Object>();
        document.put("version", FORMAT_VERSION);
        document.put("learners", learners);
        return document;
    }

    private InputRejectedException rejected(String reason, Exception cause) {
        var message = String.format(Locale.ROOT, "Invalid selections file[%s]: %s; fix it or move it away, which "
                + "forgets the saved selections", file, reason);
        return cause == null ? new InputRejectedException(message) : new InputRejectedException(message, cause);
    }

    /** Is one item-bank block of one user in one course. */
    private record Slot(UserCourse key, String block) {
    }

    /** Is a save not yet written, and the selection this process held for the block before it. */
    private record Save(Optional<List<String>> base, List<String> selected) {
        /** Returns whether this save replaces the stored selection, which may be null. */
        boolean isReplacing(List<String> stored) {
            return stored == null || stored.equals(selected) || base.filter(stored::equals).isPresent();
        }
    }
}
