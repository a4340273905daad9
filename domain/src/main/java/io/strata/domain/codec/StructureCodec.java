package io.strata.domain.codec;

import io.strata.domain.structure.BlockStructure;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import java.util.zip.CRC32C;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

import static java.util.Objects.requireNonNull;

/**
 * Encodes a collected {@link BlockStructure} into the bytes every tier stores, and decodes them.
 *
 * <p>A payload is a plain header followed by a body compressed with {@link Deflater} (zlib format)
 * at {@link Deflater#BEST_SPEED}: collect and serve are latency-bound, and level 1 already removes
 * most of the repetition the string table leaves. zstd was measured once against it on the
 * 10,000-block sample course (a 701 kB body): level 3 made 299 kB instead of 327 kB and
 * decompressed in 0.9 ms instead of 3.6 ms, but the whole decode took 17 ms, most of it reading
 * the body into objects, so a native library in the domain would buy little.
 * Fixed-width integers are big-endian.
 *
 * <pre>
 * Header
 *   4 bytes   magic "STRB"
 *   1 byte    format version, 4
 *   2 bytes   N, the UTF-8 length of the course version; N bytes of it
 *   2 bytes   M, the UTF-8 length of the transformer hash; M bytes of it
 *   4 bytes   uncompressed body length
 *   4 bytes   compressed body length C
 *   4 bytes   CRC32C of every header byte before this field, then of the C compressed body bytes
 * Body (C bytes, compressed); varint = unsigned LEB128, zigzag = signed varint, ref = varint index
 * into the string table
 *   string table   count, then per string: UTF-8 length, bytes. Every distinct string (course keys,
 *                  block types, field and transformer names, string values) appears once; block
 *                  ids are not in it.
 *   course table   count (at least 1), then refs; entry 0 is the structure's course, the others
 *                  courses named by old-form usage keys
 *   blocks         count B (at least 1, the root first), then three columns of B entries each:
 *                  course-table indexes, type refs, ids (each its UTF-8 length, then its bytes:
 *                  every block has its own id, so a table entry would only add a lookup)
 *   children       per block: count, then the child indexes in course order
 *   parent orders  count, then per block whose parents were not added in ascending index order:
 *                  block index, parent count, parent indexes. All other parents are derived from
 *                  the children lists (ascending), so relations are stored once.
 *   shapes         count (at least 1), then per shape: name count, name refs. A shape is the
 *                  ordered field names of a row; shape 0 is the empty one. Blocks of one type
 *                  mostly share a shape, so names are stored once per shape, not once per block.
 *   fields         per block, a row: 0 when it holds exactly the previous block's row (same names
 *                  in the same order, equal values, nested maps in the same order), else the shape
 *                  index plus one, then one value per name of the shape. Neighbouring blocks often
 *                  share a row (the merged start of a unit's components), and the reader then
 *                  shares one object, so repeats cost neither bytes nor objects.
 *   transformers   count, then per transformer (sorted by name): name ref, then one row per block,
 *                  repeats coded as in the fields
 *   versions       count, then per transformer: name ref, zigzag write version
 * Value: a tag byte, then
 *   0 string   ref            1 long     zigzag         2 double   8 bytes IEEE 754 bits
 *   3 false    nothing        4 true     nothing        5 instant  zigzag epoch seconds, varint nanos
 *   6 list     count, values  7 map      count, (key ref, value) pairs; nested at most 64 deep
 * </pre>
 *
 * <p>Version 1 differed in the blocks (one course, type, id triple per block) and in the rows
 * (a count, then name and value pairs); version 2 had no repeated-row code (a row was always its
 * shape index, then its values); version 3 wrote block ids as string-table refs. None is read:
 * such a payload decodes to {@link CorruptPayloadException}, which callers treat as a miss and
 * collect the course again;
 * since the format version is also part of the storage address, such payloads are normally never
 * even looked up.
 *
 * <p>Decoding checks the magic, the version, the exact total length (a truncated payload or
 * trailing bytes fail), the checksum before inflating, the inflated length, and every count,
 * reference and relation; any failure throws {@link CorruptPayloadException} and nothing partial is
 * returned. The checksum covers the header strings too, so a flipped bit anywhere is caught.
 * Strings are written as standard UTF-8, so an unpaired surrogate (which XML cannot carry) would
 * come back as {@code ?}.
 *
 * <p>Instances hold no state and are thread-safe.
 */
public final class StructureCodec {
    /** Is the format version this codec writes, and the only one it reads. */
    public static final int FORMAT_VERSION = 4;

    private static final byte[] MAGIC = {'S', 'T', 'R', 'B'};
    private static final int MAX_HEADER_STRING_BYTES = 0xFFFF;
    private static final int MAX_PAYLOAD_BYTES = Integer.MAX_VALUE - 8;
    /** Is the size of the body length, compressed length and checksum fields that end the header. */
    private static final int LENGTHS_AND_CHECKSUM_BYTES = 4 + 4 + 4;
    /** Is the size of the fixed header fields: magic, version, two string lengths, then the above. */
    private static final int FIXED_HEADER_BYTES = 4 + 1 + 2 + 2 + LENGTHS_AND_CHECKSUM_BYTES;

    /**
     * Returns the payload of the structure, recording the transformer write-version hash it was
     * collected with.
     *
     * @throws IllegalArgumentException when the course version or the hash is longer than 65535
     *     UTF-8 bytes, or a value nests deeper than 64 lists and maps
     */
    public byte[] encode(BlockStructure structure, String transformerHash) {
        requireNonNull(structure, "structure is null");
        requireNonNull(transformerHash, "transformerHash is null");
        var version = headerString("course version", structure.courseVersion());
        var hash = headerString("transformer hash", transformerHash);

        var body = BodyWriter.write(structure);
        int headerBytes = FIXED_HEADER_BYTES + version.length + hash.length;
        var payload = deflate(body, headerBytes);

        int compressedLength = payload.length - headerBytes;
        var header = ByteBuffer.wrap(payload);
        header.put(MAGIC).put((byte) FORMAT_VERSION);
        header.putShort((short) version.length).put(version);
        header.putShort((short) hash.length).put(hash);
        header.putInt((int) body.length()).putInt(compressedLength);
        header.putInt(checksum(payload, headerBytes - 4, payload, headerBytes, compressedLength));
        return payload;
    }

    /**
     * Returns the structure and transformer hash held by the payload.
     *
     * @throws CorruptPayloadException when the payload is not one this codec wrote, or was damaged;
     *     the message says what is wrong
     */
    public DecodedStructure decode(byte[] payload) {
        requireNonNull(payload, "payload is null");
        checkMagicAndVersion(payload);
        var header = readHeader(payload);

        checkLength(payload, header);
        checkChecksum(payload, header);
        var body = inflate(payload, header);

        var structure = BodyReader.read(body, header.courseVersion());
        return new DecodedStructure(structure, header.transformerHash(), FORMAT_VERSION);
    }

    private static byte[] headerString(String what, String value) {
        var utf8 = value.getBytes(StandardCharsets.UTF_8);
        if (utf8.length > MAX_HEADER_STRING_BYTES) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "Cannot encode structure: %s length[%d] exceeds %d UTF-8 bytes",
                    what, utf8.length, MAX_HEADER_STRING_BYTES));
        }
        return utf8;
    }

    /**
     * Returns the payload array: room for the header, then the body's chunks deflated in order as
     * one stream. The deflater writes straight into the array, which is copied once at the end to
     * its exact length.
     */
    private static byte[] deflate(BodyWriter.Body body, int headerBytes) {
        var deflater = new Deflater(Deflater.BEST_SPEED);
        try {
            // Level 1 makes 0.46 to 0.54 of the body on the sample courses, so this seldom grows.
            var out = new byte[(int) Math.min(MAX_PAYLOAD_BYTES, headerBytes + body.length() * 5 / 8 + 64)];
            int length = headerBytes;
            for (var chunk : body.chunks()) {
                deflater.setInput(chunk.array(), 0, chunk.size());
                while (!deflater.needsInput()) {
                    out = length == out.length ? grow(out) : out;
                    length += deflater.deflate(out, length, out.length - length);
                }
            }
            deflater.finish();
            while (!deflater.finished()) {
                out = length == out.length ? grow(out) : out;
                length += deflater.deflate(out, length, out.length - length);
            }
            return length == out.length ? out : Arrays.copyOf(out, length);
        } finally {
            deflater.end();
        }
    }

    private static byte[] grow(byte[] out) {
        if (out.length >= MAX_PAYLOAD_BYTES) {
            throw new IllegalArgumentException("Cannot encode structure: payload exceeds 2 GiB");
        }
        return Arrays.copyOf(out, (int) Math.min(MAX_PAYLOAD_BYTES, out.length * 3L / 2 + 64));
    }

    private static void checkMagicAndVersion(byte[] payload) {
        requireAtLeast(MAGIC.length + 1, payload.length);
        for (int i = 0; i < MAGIC.length; i++) {
            if (payload[i] != MAGIC[i]) {
                throw new CorruptPayloadException(String.format(Locale.ROOT,
                        "Bad magic[%s]: not a structure payload, expected[%s]",
                        HexFormat.of().formatHex(payload, 0, MAGIC.length), HexFormat.of().formatHex(MAGIC)));
            }
        }
        int version = payload[MAGIC.length] & 0xFF;
        if (version != FORMAT_VERSION) {
            throw new CorruptPayloadException(String.format(Locale.ROOT,
                    "Unknown format version[%d]: this build reads version[%d]; recollect the course",
                    version, FORMAT_VERSION));
        }
    }

    private static Header readHeader(byte[] payload) {
        var in = ByteBuffer.wrap(payload);
        in.position(MAGIC.length + 1);
        var version = readHeaderString(in, payload.length);
        var hash = readHeaderString(in, payload.length);
        requireAtLeast(in.position() + LENGTHS_AND_CHECKSUM_BYTES, payload.length);
        int bodyLength = in.getInt();
        int compressedLength = in.getInt();
        int checksum = in.getInt();
        if (bodyLength < 0 || compressedLength < 0) {
            throw new CorruptPayloadException(String.format(Locale.ROOT,
                    "Corrupt header: body length[%d] or compressed length[%d] is negative",
                    bodyLength, compressedLength));
        }
        return new Header(version, hash, bodyLength, compressedLength, checksum, in.position());
    }

    private static String readHeaderString(ByteBuffer in, int payloadLength) {
        requireAtLeast(in.position() + 2, payloadLength);
        int length = Short.toUnsignedInt(in.getShort());
        requireAtLeast(in.position() + length, payloadLength);
        var utf8 = new byte[length];
        in.get(utf8);
        return new String(utf8, StandardCharsets.UTF_8);
    }

    private static void requireAtLeast(int needed, int payloadLength) {
        if (payloadLength < needed) {
            throw new CorruptPayloadException(String.format(Locale.ROOT,
                    "Truncated payload: expected at least %d bytes, got %d", needed, payloadLength));
        }
    }

    private static void checkLength(byte[] payload, Header header) {
        long expected = (long) header.bodyOffset() + header.compressedLength();
        if (payload.length < expected) {
            throw truncated(expected, payload.length);
        }
        if (payload.length > expected) {
            throw new CorruptPayloadException(String.format(Locale.ROOT,
                    "Trailing bytes: expected %d bytes, got %d", expected, payload.length));
        }
    }

    private static void checkChecksum(byte[] payload, Header header) {
        int computed = checksum(payload, header.bodyOffset() - 4, payload, header.bodyOffset(),
                header.compressedLength());
        if (computed != header.checksum()) {
            throw new CorruptPayloadException(String.format(Locale.ROOT,
                    "Checksum mismatch: stored crc32c[%08x], computed[%08x]", header.checksum(), computed));
        }
    }

    private static int checksum(byte[] header, int headerLength, byte[] body, int bodyOffset, int bodyLength) {
        var crc = new CRC32C();
        crc.update(header, 0, headerLength);
        crc.update(body, bodyOffset, bodyLength);
        return (int) crc.getValue();
    }

    private static byte[] inflate(byte[] payload, Header header) {
        var inflater = new Inflater();
        try {
            inflater.setInput(payload, header.bodyOffset(), header.compressedLength());
            var body = new byte[header.bodyLength()];
            int length = inflateInto(inflater, body);
            if (length != body.length || !inflater.finished() || inflater.getRemaining() != 0) {
                throw new CorruptPayloadException(String.format(Locale.ROOT,
                        "Corrupt body: inflated bytes[%d] do not match the stored length[%d]",
                        inflater.getBytesWritten(), body.length));
            }
            return body;
        } catch (DataFormatException e) {
            throw new CorruptPayloadException("Corrupt body: " + e.getMessage(), e);
        } finally {
            inflater.end();
        }
    }

    /**
     * Inflates into the body and returns how many bytes the stream held: more than the body's
     * length when the stream is longer than declared. Stops when the stream ends, its input runs
     * out, or a call makes no progress.
     */
    private static int inflateInto(Inflater inflater, byte[] body) throws DataFormatException {
        var overflow = new byte[1];
        int length = 0;
        while (!inflater.finished() && !inflater.needsInput() && !inflater.needsDictionary()) {
            int remainingBefore = inflater.getRemaining();
            int inflated = length < body.length
                    ? inflater.inflate(body, length, body.length - length)
                    : inflater.inflate(overflow);
            length += inflated;
            if (length > body.length || (inflated == 0 && inflater.getRemaining() == remainingBefore)) {
                break;
            }
        }
        return length;
    }

    private static CorruptPayloadException truncated(long expected, int actual) {
        return new CorruptPayloadException(String.format(Locale.ROOT,
                "Truncated payload: expected %d bytes, got %d", expected, actual));
    }

    private record Header(String courseVersion, String transformerHash, int bodyLength,
            int compressedLength, int checksum, int bodyOffset) {
    }
}
