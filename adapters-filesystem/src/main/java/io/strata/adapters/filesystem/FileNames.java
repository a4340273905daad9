package io.strata.adapters.filesystem;

import io.strata.ports.DurablePaths;
import io.strata.ports.InputRejectedException;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Maps a store path to the relative file path it is kept under, and back, one segment at a time.
 *
 * <p>A segment's letters, digits and {@code - . _ ~} (RFC 3986's unreserved characters, safe in
 * file names on every common filesystem) are kept; every other character, such as {@code : + @ %}
 * or a space, is written as {@code %XX} for each byte of its UTF-8 encoding, with upper-case hex
 * digits (RFC 3986 percent-encoding). {@code course-v1:Org+Course+Run} becomes
 * {@code course-v1%3AOrg%2BCourse%2BRun}; a segment of unreserved characters only keeps its name.
 *
 * <p>An encoded segment longer than {@link #MAX_NAME_LENGTH} characters is split into folders
 * {@code +<part>} and a last name {@code =<part>}, each at most {@link #MAX_NAME_LENGTH} long.
 * {@code +} and {@code =} are always percent-encoded inside a segment, so such names come only from
 * splitting; the mapping is therefore one-to-one, and {@link #toStorePath} returns the store path
 * of every file path {@link #toFilePath} gives (and nothing for any other name).
 *
 * <p>Every name is printable ASCII from {@code A-Z a-z 0-9 - . _ ~ % + =}, never {@code .} or
 * {@code ..} (store paths have no such segment, and a split part starts with its marker), so no
 * name leads out of the folder it is resolved against. Names differing only in case stay distinct
 * only on a case-sensitive filesystem.
 *
 * <p>Stateless and thread-safe.
 */
final class FileNames {
    /**
     * Is the longest file name written: the shortest common name limit (eCryptfs allows 143
     * bytes; ext4, XFS and btrfs 255), so a course key of any length gets a file.
     */
    static final int MAX_NAME_LENGTH = 143;

    private static final char CONTINUED = '+';
    private static final char LAST = '=';
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private FileNames() {
    }

    /**
     * Returns the relative file path, {@code /}-separated, that keeps the store path.
     *
     * @throws InputRejectedException when the path breaks the rules of {@link DurablePaths}, or
     *     holds a character that is not valid Unicode (an unpaired surrogate)
     */
    static String toFilePath(String path) {
        DurablePaths.check(path);
        var names = new ArrayList<String>();
        for (var segment : path.split("/", -1)) {
            names.addAll(split(encode(segment, path)));
        }
        return String.join("/", names);
    }

    /**
     * Returns the store path kept under the relative file path, or empty when no store path maps
     * to it (a file this store did not write under its own name).
     */
    static Optional<String> toStorePath(List<String> names) {
        var segments = new ArrayList<String>();
        var pending = new StringBuilder();
        for (var name : names) {
            if (!name.isEmpty() && name.charAt(0) == CONTINUED) {
                pending.append(name, 1, name.length());
            } else if (!name.isEmpty() && name.charAt(0) == LAST && pending.length() > 0) {
                pending.append(name, 1, name.length());
                segments.add(pending.toString());
                pending.setLength(0);
            } else if (pending.length() > 0) {
                return Optional.empty();
            } else {
                segments.add(name);
            }
        }
        if (pending.length() > 0) {
            return Optional.empty();
        }
        return decodeCanonical(segments, names);
    }

    private static Optional<String> decodeCanonical(List<String> encodedSegments, List<String> names) {
        var decoded = new ArrayList<String>();
        for (var encoded : encodedSegments) {
            var segment = decode(encoded);
            if (segment.isEmpty()) {
                return Optional.empty();
            }
            decoded.add(segment.get());
        }
        var path = String.join("/", decoded);
        // Only the names toFilePath writes map back: no other spelling (%41 for A, a short name
        // split in parts) may make two files list as one path.
        try {
            return toFilePath(path).equals(String.join("/", names)) ? Optional.of(path) : Optional.empty();
        } catch (InputRejectedException e) {
            return Optional.empty();
        }
    }

    private static String encode(String segment, String path) {
        var bytes = utf8(segment, path);
        var encoded = new StringBuilder(bytes.remaining());
        while (bytes.hasRemaining()) {
            int b = bytes.get() & 0xff;
            if (isUnreserved(b)) {
                encoded.append((char) b);
            } else {
                encoded.append('%').append(HEX[b >> 4]).append(HEX[b & 0xf]);
            }
        }
        return encoded.toString();
    }

    private static Optional<String> decode(String encoded) {
        var bytes = ByteBuffer.allocate(encoded.length());
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (c == '%' && i + 2 < encoded.length()) {
                int high = Character.digit(encoded.charAt(i + 1), 16);
                int low = Character.digit(encoded.charAt(i + 2), 16);
                if (high < 0 || low < 0) {
                    return Optional.empty();
                }
                bytes.put((byte) (high << 4 | low));
                i += 2;
            } else if (c < 0x80 && isUnreserved(c)) {
                bytes.put((byte) c);
            } else {
                return Optional.empty();
            }
        }
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(bytes.flip()).toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    private static List<String> split(String name) {
        if (name.length() <= MAX_NAME_LENGTH) {
            return List.of(name);
        }
        var parts = new ArrayList<String>();
        int part = MAX_NAME_LENGTH - 1;
        for (int from = 0; from < name.length(); from += part) {
            char marker = from + part >= name.length() ? LAST : CONTINUED;
            parts.add(marker + name.substring(from, Math.min(name.length(), from + part)));
        }
        return parts;
    }

    private static ByteBuffer utf8(String segment, String path) {
        try {
            return StandardCharsets.UTF_8.newEncoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).encode(CharBuffer.wrap(segment));
        } catch (CharacterCodingException e) {
            throw new InputRejectedException(String.format(Locale.ROOT,
                    "Invalid path[%s]: it is not valid Unicode (an unpaired surrogate); use well-formed text",
                    DurablePaths.printable(path)), e);
        }
    }

    private static boolean isUnreserved(int c) {
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9'
                || c == '-' || c == '.' || c == '_' || c == '~';
    }
}
