package io.strata.domain.store;

import io.strata.domain.codec.CorruptPayloadException;
import io.strata.domain.key.CourseKey;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.zip.CRC32C;

/**
 * Writes and parses a course's current-version pointer: UTF-8 lines {@code name=value} for
 * {@code course}, {@code version}, {@code hash} and {@code codec}, each ended by a newline, then a
 * last line {@code crc32c} with the checksum of the lines before it.
 * Unknown names are ignored so that later writers may add lines.
 *
 * <p>Optional lines: {@code generation}, when the build behind the pointer read its source (epoch
 * milliseconds; a pointer is never moved back to an older generation), and {@code previous}, the
 * version names of the payloads published before it, newest first, separated by commas (what
 * pruning deletes). A pointer without them has generation 0 and no previous versions.
 */
final class PointerText {
    /** Is a decoded pointer: the address it names, its generation and the versions published before it. */
    record Pointer(StructureAddress address, long generation, List<String> previous) {
        Pointer {
            previous = List.copyOf(previous);
        }
    }

    /** Is the name of the last line: the CRC32C of every line before it, so a flipped byte is caught. */
    private static final String CHECKSUM = "crc32c";

    private PointerText() {
    }

    static byte[] encode(StructureAddress address) {
        return encode(new Pointer(address, 0, List.of()));
    }

    static byte[] encode(Pointer pointer) {
        var address = pointer.address();
        var text = "course=" + address.course() + "\n"
                + "version=" + address.courseVersion() + "\n"
                + "hash=" + address.transformerHash() + "\n"
                + "codec=" + address.codecVersion() + "\n"
                + "generation=" + pointer.generation() + "\n"
                + "previous=" + String.join(",", pointer.previous()) + "\n";
        return (text + CHECKSUM + "=" + checksum(text) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /** Returns the CRC32C of the text's UTF-8 bytes as 8 hex digits. */
    private static String checksum(String text) {
        var crc = new CRC32C();
        crc.update(text.getBytes(StandardCharsets.UTF_8));
        return String.format(Locale.ROOT, "%08x", crc.getValue());
    }

    /**
     * Returns the address the pointer names.
     *
     * @throws CorruptPayloadException when a line is malformed or missing, or the pointer names
     *     another course
     */
    static StructureAddress decode(CourseKey course, byte[] bytes) {
        return decodePointer(course, bytes).address();
    }

    /**
     * Returns the pointer with its generation and previous versions.
     *
     * @throws CorruptPayloadException as {@link #decode}, or when the generation is not a number
     */
    static Pointer decodePointer(CourseKey course, byte[] bytes) {
        var values = new HashMap<String, String>();
        var text = new String(bytes, StandardCharsets.UTF_8);
        if (!text.endsWith("\n")) {
            throw corrupt(course, "it does not end with a newline");
        }
        int checksumLine = text.lastIndexOf("\n" + CHECKSUM + "=");
        if (checksumLine < 0) {
            throw corrupt(course, "line[" + CHECKSUM + "] is missing");
        }
        var covered = text.substring(0, checksumLine + 1);
        var stored = text.substring(checksumLine + CHECKSUM.length() + 2, text.length() - 1);
        if (!stored.equals(checksum(covered))) {
            throw corrupt(course, "its checksum does not match its content");
        }
        text = covered;
        for (var line : text.split("\n")) {
            int equals = line.indexOf('=');
            if (equals <= 0 || values.put(line.substring(0, equals), line.substring(equals + 1)) != null) {
                throw corrupt(course, "line[" + line + "] is not a single name=value");
            }
        }
        if (!course.toString().equals(values.get("course"))) {
            throw corrupt(course, "it names course[" + values.get("course") + "]");
        }
        try {
            var address = new StructureAddress(course, required(course, values, "version"),
                    required(course, values, "hash"), Integer.parseInt(required(course, values, "codec")));
            long generation = Long.parseLong(values.getOrDefault("generation", "0"));
            var previousText = values.getOrDefault("previous", "");
            return new Pointer(address, generation,
                    previousText.isEmpty() ? List.of() : List.of(previousText.split(",")));
        } catch (IllegalArgumentException e) {
            throw new CorruptPayloadException(String.format(Locale.ROOT,
                    "Bad pointer of course[%s]: %s", course, e.getMessage()), e);
        }
    }

    private static String required(CourseKey course, HashMap<String, String> values, String name) {
        var value = values.get(name);
        if (value == null) {
            throw corrupt(course, "line[" + name + "] is missing");
        }
        return value;
    }

    private static CorruptPayloadException corrupt(CourseKey course, String reason) {
        return new CorruptPayloadException(String.format(Locale.ROOT, "Bad pointer of course[%s]: %s", course, reason));
    }
}
