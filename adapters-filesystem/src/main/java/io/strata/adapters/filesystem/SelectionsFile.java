package io.strata.adapters.filesystem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.strata.ports.BackendFailureException;
import io.strata.ports.InputRejectedException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/*
 * Format (JSON, written sorted so that equal contents give equal bytes):
 *   {"version": 1, "learners": {USERNAME: {COURSE_KEY: {BLOCK_USAGE_ID: [CHILD_USAGE_ID, ...]}}}}
 * Every save writes the whole file to a temporary file in the same folder, forces it to disk and
 * renames it over the old one, so a reader or a crash sees the old file or the new one, never a
 * mix. A save costs a write of every saved selection: fine for the few thousand learners a file
 * source serves; a larger deployment wants a database-backed source.
 */
/**
 * Is the file where {@link FileLearnerSource} keeps the item-bank selections it saves, so that
 * they outlive the process. Thread-safe: writes are serialized.
 */
final class SelectionsFile {
    private static final Logger log = LoggerFactory.getLogger(SelectionsFile.class);
    private static final int FORMAT_VERSION = 1;

    private final Path file;
    private final ObjectMapper json = JsonMapper.builder().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();
    private final ReentrantLock writeLock = new ReentrantLock();
    private boolean isFailing;

    SelectionsFile(Path file) {
        this.file = file;
    }

    Path file() {
        return file;
    }

    /**
     * Returns the selections the file holds, by user and course; empty when there is no file.
     *
     * @throws InputRejectedException when the file is not a selections file; the message names it
     * @throws BackendFailureException when the file exists but cannot be read
     */
    Map<FileLearnerSource.UserCourse, Map<String, List<String>>> read() {
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return Map.of();
        } catch (IOException e) {
            throw new BackendFailureException(String.format(Locale.ROOT,
                    "Cannot read selections file[%s]: %s; give the service's user read and write access to it",
                    file, e), e);
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

    private Map<FileLearnerSource.UserCourse, Map<String, List<String>>> parse(JsonNode root) {
        if (root == null || !root.isObject() || root.path("version").asInt() != FORMAT_VERSION
                || !root.path("learners").isObject()) {
            throw rejected("expected {\"version\": " + FORMAT_VERSION + ", \"learners\": {...}}", null);
        }
        var selections = new HashMap<FileLearnerSource.UserCourse, Map<String, List<String>>>();
        root.get("learners").fields().forEachRemaining(user -> object(user.getValue(), user.getKey()).fields()
                .forEachRemaining(course -> {
                    var blocks = new HashMap<String, List<String>>();
                    object(course.getValue(), course.getKey()).fields().forEachRemaining(block -> blocks.put(
                            block.getKey(), children(block.getValue(), block.getKey())));
                    selections.put(new FileLearnerSource.UserCourse(user.getKey(), course.getKey()), blocks);
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

    /**
     * Replaces the file with the selections the supplier gives at the time of writing. A failure is
     * logged, once until a write succeeds again, and leaves the file as it was: the caller keeps the
     * selections in memory and the next save writes them all.
     */
    void write(Supplier<Map<FileLearnerSource.UserCourse, Map<String, List<String>>>> selections) {
        writeLock.lock();
        try {
            // Read under the lock, so that a write never replaces a newer snapshot with an older one.
            writeAtomically(json.writeValueAsBytes(document(selections.get())));
            isFailing = false;
        } catch (IOException e) {
            if (!isFailing) {
                isFailing = true;
                log.warn("Cannot write selections file[{}]; keeping saved selections in memory until a write "
                        + "succeeds", file, e);
            }
        } finally {
            writeLock.unlock();
        }
    }

    private Map<String, Object> document(Map<FileLearnerSource.UserCourse, Map<String, List<String>>> selections) {
        var learners = new TreeMap<String, Map<String, Map<String, List<String>>>>();
        selections.forEach((key, blocks) -> learners.computeIfAbsent(key.username(), user -> new TreeMap<>())
                .put(key.courseKey(), new TreeMap<>(blocks)));
        var document = new TreeMap<String, Object>();
        document.put("version", FORMAT_VERSION);
        document.put("learners", learners);
        return document;
    }

    private void writeAtomically(byte[] content) throws IOException {
        var folder = file.getParent();
        Files.createDirectories(folder);
        var temporary = Files.createTempFile(folder, "." + file.getFileName(), ".tmp");
        try {
            try (var channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                var buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private InputRejectedException rejected(String reason, Exception cause) {
        var message = String.format(Locale.ROOT, "Invalid selections file[%s]: %s; fix it or move it away, which "
                + "forgets the saved selections", file, reason);
        return cause == null ? new InputRejectedException(message) : new InputRejectedException(message, cause);
    }
}
