package io.strata.domain.codec;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Reads the primitives {@link ByteSink} writes, checking every bound: running past the end, an
 * overlong varint or a count larger than the bytes left throws {@link CorruptPayloadException}.
 */
final class ByteReader {
    private final byte[] bytes;
    private final int end;
    private int position;

    ByteReader(byte[] bytes, int offset, int length) {
        this.bytes = bytes;
        this.position = offset;
        this.end = offset + length;
    }

    int remaining() {
        return end - position;
    }

    int readByte() {
        if (position >= end) {
            throw truncated(1);
        }
        return bytes[position++] & 0xFF;
    }

    long readVarint() {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            int b = readByte();
            value |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw new CorruptPayloadException("Corrupt body: varint longer than 10 bytes");
    }

    long readZigZag() {
        long raw = readVarint();
        return (raw >>> 1) ^ -(raw & 1);
    }

    /** Reads an unsigned varint that must fit an int no larger than {@code max}. */
    int readInt(String what, long max) {
        long value = readVarint();
        if (value < 0 || value > max) {
            throw new CorruptPayloadException(String.format(Locale.ROOT,
                    "Corrupt body: %s[%d] is out of range 0..%d", what, value, max));
        }
        return (int) value;
    }

    /** Reads an element count; every element takes at least one byte, so it cannot exceed those left. */
    int readCount(String what) {
        long count = readVarint();
        if (count < 0 || count > remaining()) {
            throw new CorruptPayloadException(String.format(Locale.ROOT,
                    "Corrupt body: %s[%d] is out of range 0..%d", what, count, remaining()));
        }
        return (int) count;
    }

    long readLong() {
        if (remaining() < 8) {
            throw truncated(8);
        }
        long value = 0;
        for (int i = 0; i < 8; i++) {
            value = (value << 8) | (bytes[position++] & 0xFF);
        }
        return value;
    }

    String readUtf8(int length) {
        if (remaining() < length) {
            throw truncated(length);
        }
        var text = new String(bytes, position, length, StandardCharsets.UTF_8);
        position += length;
        return text;
    }

    private CorruptPayloadException truncated(int wanted) {
        return new CorruptPayloadException(String.format(Locale.ROOT,
                "Truncated body: needed %d more bytes at offset[%d], body ends at %d", wanted, position, end));
    }
}
