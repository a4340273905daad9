package io.strata.domain.codec;

import io.strata.domain.structure.BlockStructure;
import io.strata.domain.structure.FieldMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.CRC32C;
import java.util.zip.Deflater;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

class StructureCodecTest {
    private static final String HASH = "3f2a9c1b";
    /** Is the offset of the first header string: magic, version, then the string's length. */
    private static final int VERSION_STRING_OFFSET = 7;

    private final StructureCodec codec = new StructureCodec();

    @Test
    void decode_rootOnly_returnsSameStructure() {
        var structure = SampleStructures.rootOnly();

        var decoded = codec.decode(codec.encode(structure, HASH));

        assertThat(decoded.structure().isSameAs(structure)).isTrue();
        assertThat(decoded.structure().size()).isEqualTo(1);
        assertThat(decoded.transformerHash()).isEqualTo(HASH);
        assertThat(decoded.formatVersion()).isEqualTo(StructureCodec.FORMAT_VERSION);
    }

    @Test
    void decode_everyValueType_returnsEqualValues() {
        var structure = SampleStructures.everyValueType();

        var decoded = codec.decode(codec.encode(structure, HASH)).structure();

        assertThat(decoded.isSameAs(structure)).isTrue();
        assertThat(decoded.fields(0)).isEqualTo(structure.fields(0));
        assertThat(decoded.field(0, "display_name")).isEqualTo("Démo — 日本語 🎓");
        assertThat((Double) decoded.field(0, "nan")).isNaN();
        assertThat(Double.doubleToRawLongBits((Double) decoded.field(0, "negative_zero")))
                .isEqualTo(Double.doubleToRawLongBits(-0.0));
        assertThat(decoded.field(1, "tags")).isEqualTo(List.of("a", "b", List.of(), List.of(1L, List.of("deep"))));
        assertThat(decoded.transformerData("user_partitions", 1, "groups")).isEqualTo(Map.of("1", List.of(2L, 3L)));
        assertThat(decoded.transformerVersions()).containsEntry("split_test", -3).containsEntry("start_date", 1);
    }

    @Test
    void decode_dag_keepsChildrenAndParentOrder() {
        var structure = SampleStructures.dag();

        var decoded = codec.decode(codec.encode(structure, HASH)).structure();

        assertThat(decoded.isSameAs(structure)).isTrue();
        int shared = decoded.indexOf(SampleStructures.key(SampleStructures.COURSE, "vertical", "shared")).getAsInt();
        assertThat(decoded.parents(shared)).containsExactly(4, 3);
        assertThat(decoded.children(2)).containsExactly(4, 3);
    }

    @Test
    void decode_oldFormCourse_keepsUsageKeysOfItsForm() {
        var structure = SampleStructures.oldFormCourse();

        var decoded = codec.decode(codec.encode(structure, HASH)).structure();

        assertThat(decoded.isSameAs(structure)).isTrue();
        assertThat(decoded.key(1)).hasToString("i4x://edX/Demo/chapter/intro");
    }

    @Test
    void decode_largeStructure_returnsSameStructure() {
        var structure = SampleStructures.large(3_000);

        var payload = codec.encode(structure, HASH);
        var decoded = codec.decode(payload).structure();

        assertThat(decoded.isSameAs(structure)).isTrue();
        assertThat(payload.length).isLessThan(3_000 * 12);
    }

    @Test
    void decode_bodyOfSeveralChunksPerSection_returnsSameStructure() {
        // Ids of 6 chars and one row of about 7 bytes per block: the string table and the rows each
        // take more than one chunk.
        var structure = SampleStructures.large(60_000);

        var payload = codec.encode(structure, HASH);
        var decoded = codec.decode(payload).structure();

        assertThat(bodyLength(payload)).isGreaterThan(2 * ChunkedSink.CHUNK_BYTES);
        assertThat(decoded.isSameAs(structure)).isTrue();
    }

    @Test
    void decode_bodyThatDeflatesToMoreThanFiveEighths_returnsSameStructure() {
        var random = new Random(7);
        var builder = BlockStructure.builder(SampleStructures.COURSE, "v",
                SampleStructures.key(SampleStructures.COURSE, "course", "course"));
        for (int i = 1; i <= 300; i++) {
            int block = builder.addBlock(SampleStructures.key(SampleStructures.COURSE, "html", "b" + i));
            builder.addChild(0, block);
            var name = new StringBuilder();
            random.ints(1_000, '!', '~' + 1).forEach(c -> name.append((char) c));
            builder.setField(block, "display_name", name.toString());
        }
        var structure = builder.build();

        var payload = codec.encode(structure, HASH);
        var decoded = codec.decode(payload).structure();

        assertThat(compressedLength(payload)).isGreaterThan(bodyLength(payload) * 5 / 8 + 64);
        assertThat(decoded.isSameAs(structure)).isTrue();
    }

    @Test
    void encode_decodedPayload_givesIdenticalBytes() {
        var payload = codec.encode(SampleStructures.everyValueType(), HASH);

        var again = codec.encode(codec.decode(payload).structure(), HASH);

        assertThat(again).isEqualTo(payload);
    }

    @Test
    void encode_valueNestedTooDeep_throwsIllegalArgument() {
        Object value = "leaf";
        for (int i = 0; i < 70; i++) {
            value = List.of(value);
        }
        var builder = BlockStructure.builder(SampleStructures.COURSE, "deep",
                SampleStructures.key(SampleStructures.COURSE, "course", "course"));
        var structure = builder.setField(0, "deep", value).build();

        assertThatThrownBy(() -> codec.encode(structure, HASH))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nest deeper than 64");
    }

    @Test
    void decode_badMagic_throwsCorrupt() {
        var payload = codec.encode(SampleStructures.rootOnly(), HASH);
        payload[0] = 'X';

        assertThatThrownBy(() -> codec.decode(payload))
                .isInstanceOf(CorruptPayloadException.class)
                .hasMessageStartingWith("Bad magic[");
    }

    @Test
    void decode_unknownFormatVersion_throwsCorrupt() {
        var payload = codec.encode(SampleStructures.rootOnly(), HASH);
        payload[4] = 7;

        assertThatThrownBy(() -> codec.decode(payload))
                .isInstanceOf(CorruptPayloadException.class)
                .hasMessageStartingWith("Unknown format version[7]");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3})
    void decode_payloadOfEarlierFormatVersion_throwsCorruptSoTheCourseIsCollectedAgain(int version) {
        var payload = codec.encode(SampleStructures.rootOnly(), HASH);
        payload[4] = (byte) version;

        assertThatThrownBy(() -> codec.decode(payload))
                .isInstanceOf(CorruptPayloadException.class)
                .hasMessage("Unknown format version[" + version + "]: this build reads version["
                        + StructureCodec.FORMAT_VERSION + "]; recollect the course");
    }

    @Test
    void decode_blocksWithSameFieldNames_shareOneShape() {
        var structure = SampleStructures.large(50);

        var payload = codec.encode(structure, HASH);
        var decoded = codec.decode(payload).structure();

        assertThat(decoded.fields(7)).isEqualTo(structure.fields(7)).isInstanceOf(FieldMap.class);
        assertThat(decoded.fields(7).keySet()).containsExactlyElementsOf(structure.fields(7).keySet());
        assertThat(decoded.fields(8).keySet().iterator().next())
                .isSameAs(decoded.fields(7).keySet().iterator().next());
    }

    @Test
    void decode_validChecksumOverDuplicateBlock_throwsCorrupt() {
        var body = rootBody(new int[] {1}, /* rootRow= */ new byte[] {1}, /* blocks= */ 2);

        assertThatThrownBy(() -> codec.decode(seal(body, body.length)))
                .isInstanceOf(CorruptPayloadException.class)
                .hasMessageContaining("appears twice");
    }

    @Test
    void decode_flippedCourseVersionByte_throwsChecksumMismatch() {
        var payload = codec.encode(SampleStructures.rootOnly(), HASH);
        payload[VERSION_STRING_OFFSET + 2] ^= 0x01;

        assertThatThrownBy(() -> codec.decode(payload))
                .isInstanceOf(CorruptPayloadException.class)
                .hasMessageStartingWith("Checksum mismatch");
    }

    @Test
    void decode_flippedBodyByte_throwsChecksumMismatch() {
        var payload = codec.encode(SampleStructures.everyValueType(), HASH);
        payload[payload.length - 3] ^= 0x40;

        assertThatThrownBy(() -> codec.decode(payload))
                .isInstanceOf(CorruptPayloadException.class)
                .hasMessageStartingWith("Checksum mismatch");
    }

    @Test
    void decode_anySingleBitFlipped_throwsCorrupt() {
        var structure = SampleStructures.everyValueType();
        var payload = codec.encode(structure, HASH);

        for (int index = 0; index < payload.length; index++) {
            for (int bit = 0; bit < 8; bit++) {
                var damaged = payload.clone();
                damaged[index] ^= (byte) (1 << bit);
                assertCorrupt(damaged, "bit " + bit + " of byte " + index);
            }
        }
    }

    @Test
    void decode_anyByteReplaced_throwsCorrupt() {
        var payload = codec.encode(SampleStructures.dag(), HASH);

        for (int index = 0; index < payload.length; index++) {
            for (int value : new int[] {0x00, 0xFF, 0x7F, 0x80}) {
                if (payload[index] == (byte) value) {
                    continue;
                }
                var damaged = payload.clone();
                damaged[index] = (byte) value;
                assertCorrupt(damaged, "byte " + index + " set to " + value);
            }
        }
    }

    @Test
    void decode_truncatedAtAnyLength_throwsCorrupt() {
        var payload = codec.encode(SampleStructures.smallCourse(SampleStructures.COURSE, "v1"), HASH);

        for (int length = 0; length < payload.length; length++) {
            var truncated = Arrays.copyOf(payload, length);
            assertThatThrownBy(() -> codec.decode(truncated))
                    .as("length %d of %d", length, payload.length)
                    .isInstanceOf(CorruptPayloadException.class)
                    .hasMessageStartingWith(length < 5 ? "Truncated payload" : "");
        }
    }

    @Test
    void decode_truncatedBody_namesExpectedLength() {
        var payload = codec.encode(SampleStructures.rootOnly(), HASH);

        var truncated = Arrays.copyOf(payload, payload.length - 1);

        assertThatThrownBy(() -> codec.decode(truncated))
                .isInstanceOf(CorruptPayloadException.class)
                .hasMessage("Truncated payload: expected %d bytes, got %d", payload.length, payload.length - 1);
    }

    @Test
    void decode_trailingGarbage_throwsCorrupt() {
        var payload = codec.encode(SampleStructures.rootOnly(), HASH);

        var longer = Arrays.copyOf(payload, payload.length + 1);

        assertThatThrownBy(() -> codec.decode(longer))
                .isInstanceOf(CorruptPayloadException.class)
                .hasMessageStartingWith("Trailing bytes");
    }

    @Test
    void decode_validChecksumOverInvalidBlockId_throwsCorrupt() {
        // A course key's '+' may not appear in a block id.
        var body = rootBody(new int[0], /* rootRow= */ new byte[] {1}, /* blocks= */ 1,
                idEntry(SampleStructures.COURSE.toString()));

        assertThatThrownBy(() -> codec.decode(seal(body, body.length)))
                .isInstanceOf(CorruptPayloadException.class)
                .hasMessageContaining("invalid id[" + SampleStructures.COURSE + "]");
    }

    @Test
    void decode_validChecksumOverEmptyBlockId_throwsCorrupt() {
        var body = rootBody(new int[0], /* rootRow= */ new byte[] {1}, /* blocks= */ 1, idEntry(""));

        assertThatThrownBy(() -> codec.decode(seal(body, body.length)))
                .isInstanceOf(CorruptPayloadException.class)
                .hasMessageContaining("invalid id[]");
    }

    @Test
    void decode_validChecksumOverIdLengthPastTheBody_throwsCorrupt() {
        // The varint 0xC8 0x01 claims 200 bytes; the whole body after it is a few bytes.
        var body = rootBody(new int[0], /* rootRow= */ new byte[] {1}, /* blocks= */ 1, 
                new byte[] {(byte) 0xC8, 0x01, 'a'});

        assertThatThrownBy(() -> codec.decode(seal(body, body.length)))
                .isInstanceOf(CorruptPayloadException.class)
                .hasMessageContaining("id length[200] is out of range");
    }

    @Test
    void decode_validChecksumOverIdLengthIntoTheNextColumn_throwsCorrupt() {
        // The id swallows its neighbours' bytes, so the sections after it no longer line up.
        var body = rootBody(new int[0], /* rootRow= */ new byte[] {1}, /* blocks= */ 1,
                new byte[] {6, 'a', 'b'});

        assertThatThrownBy(() -> codec.decode(seal(body, body.length)))
                .isInstanceOf(CorruptPayloadException.class)
                .hasMessageStartingWith("Corrupt body");
    }

    @Test
    void decode_idsOfOneAndOfHundredsOfCharacters_returnsEqualIds() {
        var longId = "x".repeat(300);
        var builder = BlockStructure.builder(SampleStructures.COURSE, "v1",
                SampleStructures.key(SampleStructures.COURSE, "course", "course"));
        var shortBlock = builder.addBlock(SampleStructures.key(SampleStructures.COURSE, "html", "a"));
        var longBlock = builder.addBlock(SampleStructures.key(SampleStructures.COURSE, "html", longId));
        builder.addChild(0, shortBlock).addChild(0, longBlock);
        var structure = builder.build();

        var decoded = codec.decode(codec.encode(structure, HASH)).structure();

        assertThat(decoded.isSameAs(structure)).isTrue();
        assertThat(decoded.id(shortBlock)).isEqualTo("a");
        assertThat(decoded.id(longBlock)).isEqualTo(longId);
    }

    @Test
    void decode_validChecksumOverChildIndexOutOfRange_throwsCorrupt() {
        var body = rootBody(/* rootChildren= */ new int[] {5});

        assertThatThrownBy(() -> codec.decode(seal(body, body.length)))
                .isInstanceOf(CorruptPayloadException.class)
                .hasMessageContaining("child index[5]");
    }

    @Test
    void decode_validChecksumOverRootAsChild_throwsCorrupt() {
        var body = rootBody(/* rootChildren= */ new int[] {0});

        assertThatThrownBy(() -> codec.decode(seal(body, body.length)))
                .isInstanceOf(CorruptPayloadException.class)
                .hasMessageStartingWith("Corrupt body");
    }

    @Test
    void decode_validChecksumOverWrongBodyLength_throwsCorrupt() {
        var body = rootBody(new int[0]);

        assertThatThrownBy(() -> codec.decode(seal(body, body.length + 1)))
                .isInstanceOf(CorruptPayloadException.class)
                .hasMessageContaining("do not match the stored length");
    }

    @Test
    void decode_validChecksumOverStreamLongerThanDeclared_throwsCorrupt() {
        var body = rootBody(new int[0]);

        assertThatThrownBy(() -> codec.decode(seal(body, body.length - 1)))
                .isInstanceOf(CorruptPayloadException.class)
                .hasMessageContaining("do not match the stored length");
    }

    @Test
    void decode_validChecksumOverTrailingBodyBytes_throwsCorrupt() {
        var body = Arrays.copyOf(rootBody(new int[0]), rootBody(new int[0]).length + 1);

        assertThatThrownBy(() -> codec.decode(seal(body, body.length)))
                .isInstanceOf(CorruptPayloadException.class)
                .hasMessageContaining("1 bytes left after the last section");
    }

    @Test
    void decode_validChecksumOverFirstRowRepeatingAPreviousOne_throwsCorrupt() {
        var body = rootBody(new int[0], /* rootRow= */ new byte[] {0});

        assertThatThrownBy(() -> codec.decode(seal(body, body.length)))
                .isInstanceOf(CorruptPayloadException.class)
                .hasMessageContaining("first row of a column repeats");
    }

    @Test
    void decode_neighboursWithEqualRows_shareOneRowObject() {
        var builder = BlockStructure.builder(SampleStructures.COURSE, "v1",
                SampleStructures.key(SampleStructures.COURSE, "course", "course"));
        for (int i = 1; i <= 3; i++) {
            int block = builder.addBlock(SampleStructures.key(SampleStructures.COURSE, "html", "h" + i));
            builder.addChild(0, block);
            builder.setField(block, "graded", true).setField(block, "format", "Homework");
        }
        var structure = builder.build();

        var decoded = codec.decode(codec.encode(structure, HASH)).structure();

        assertThat(decoded.isSameAs(structure)).isTrue();
        assertThat(decoded.fields(2)).isSameAs(decoded.fields(1));
        assertThat(decoded.fields(3)).isSameAs(decoded.fields(1));
    }

    @Test
    void decode_neighboursWithEqualEntriesInAnotherOrder_keepEachOrder() {
        var builder = BlockStructure.builder(SampleStructures.COURSE, "v1",
                SampleStructures.key(SampleStructures.COURSE, "course", "course"));
        var first = builder.addBlock(SampleStructures.key(SampleStructures.COURSE, "html", "first"));
        var second = builder.addBlock(SampleStructures.key(SampleStructures.COURSE, "html", "second"));
        builder.addChild(0, first).addChild(0, second);
        builder.setField(first, "a", 1L).setField(first, "b", nested("x", "y"));
        builder.setField(second, "a", 1L).setField(second, "b", nested("y", "x"));
        var structure = builder.build();

        var decoded = codec.decode(codec.encode(structure, HASH)).structure();

        assertThat(decoded.fields(second)).isNotSameAs(decoded.fields(first));
        assertThat(List.copyOf(((Map<?, ?>) decoded.field(first, "b")).keySet())).isEqualTo(List.of("x", "y"));
        assertThat(List.copyOf(((Map<?, ?>) decoded.field(second, "b")).keySet())).isEqualTo(List.of("y", "x"));
    }

    private static Map<String, Object> nested(String firstKey, String secondKey) {
        var map = new LinkedHashMap<String, Object>();
        map.put(firstKey, 1L);
        map.put(secondKey, 2L);
        return map;
    }

    @Test
    void decode_validChecksumOverUnknownValueTag_throwsCorrupt() {
        var body = rootBody(new int[0], /* rootRow= */ new byte[] {2, 9});

        assertThatThrownBy(() -> codec.decode(seal(body, body.length)))
                .isInstanceOf(CorruptPayloadException.class)
                .hasMessageContaining("unknown value tag[9]");
    }

    private void assertCorrupt(byte[] damaged, String what) {
        try {
            var decoded = codec.decode(damaged);
            fail("Decoded a damaged payload (%s) into %s", what, decoded.structure());
        } catch (CorruptPayloadException expected) {
            assertThat(expected.getMessage()).as(what).isNotBlank();
        }
    }

    private static int bodyLength(byte[] payload) {
        return lengthsField(payload).getInt();
    }

    private static int compressedLength(byte[] payload) {
        var lengths = lengthsField(payload);
        lengths.getInt();
        return lengths.getInt();
    }

    /** Returns the payload positioned at its body length field, after the two header strings. */
    private static ByteBuffer lengthsField(byte[] payload) {
        var header = ByteBuffer.wrap(payload);
        header.position(VERSION_STRING_OFFSET - 2);
        header.position(header.position() + 2 + Short.toUnsignedInt(header.getShort(header.position())));
        header.position(header.position() + 2 + Short.toUnsignedInt(header.getShort(header.position())));
        return header;
    }

    private static byte[] rootBody(int[] rootChildren) {
        return rootBody(rootChildren, /* rootRow= */ new byte[] {1});
    }

    /**
     * Returns a body of one block, written by hand from the documented layout: strings
     * [course key, "course", "name"], one course, one block (id "name"), the given children, the shapes [] and
     * ["name"], and the given root row (shape ref plus one, then values; 0 repeats the previous row).
     */
    private static byte[] rootBody(int[] rootChildren, byte[] rootRow) {
        return rootBody(rootChildren, rootRow, 1);
    }

    /** Returns the body above with extra blocks that repeat the root's key and row, each without children. */
    private static byte[] rootBody(int[] rootChildren, byte[] rootRow, int blocks) {
        return rootBody(rootChildren, rootRow, blocks, idEntry("name"));
    }

    /** Returns the body above whose id column holds {@code idEntry}, as written, for every block. */
    private static byte[] rootBody(int[] rootChildren, byte[] rootRow, int blocks, byte[] idEntry) {
        var body = new ByteSink(64);
        var strings = List.of(SampleStructures.COURSE.toString(), "course", "name");
        body.writeVarint(strings.size());
        for (var text : strings) {
            var utf8 = text.getBytes(StandardCharsets.UTF_8);
            body.writeVarint(utf8.length);
            body.writeBytes(utf8, 0, utf8.length);
        }
        writeVarints(body, /* courses */ 1, 0, /* blocks */ blocks);
        for (int column = 0; column < 2; column++) {
            // The course column holds course 0, the type column string 1.
            for (int block = 0; block < blocks; block++) {
                body.writeVarint(column);
            }
        }
        for (int block = 0; block < blocks; block++) {
            body.writeBytes(idEntry, 0, idEntry.length);
        }
        body.writeVarint(rootChildren.length);
        Arrays.stream(rootChildren).forEach(body::writeVarint);
        for (int block = 1; block < blocks; block++) {
            body.writeVarint(0);
        }
        writeVarints(body, /* parent orders */ 0, /* shapes */ 2, /* [] */ 0, /* ["name"] */ 1, 2);
        body.writeBytes(rootRow, 0, rootRow.length);
        for (int block = 1; block < blocks; block++) {
            body.writeVarint(0);
        }
        writeVarints(body, /* transformers */ 0, /* versions */ 0);
        return Arrays.copyOf(body.array(), body.size());
    }

    /** Returns an entry of the id column: the UTF-8 length, then the bytes. */
    private static byte[] idEntry(String id) {
        var utf8 = id.getBytes(StandardCharsets.UTF_8);
        var entry = new ByteSink(utf8.length + 5);
        entry.writeVarint(utf8.length);
        entry.writeBytes(utf8, 0, utf8.length);
        return Arrays.copyOf(entry.array(), entry.size());
    }

    private static void writeVarints(ByteSink sink, int... values) {
        Arrays.stream(values).forEach(sink::writeVarint);
    }

    /** Wraps a body in a header with a valid checksum, as the documented layout says. */
    private static byte[] seal(byte[] body, int declaredBodyLength) {
        var deflater = new Deflater(Deflater.BEST_SPEED);
        deflater.setInput(body);
        deflater.finish();
        var compressed = new byte[body.length + 64];
        int compressedLength = deflater.deflate(compressed);
        deflater.end();
        var version = "v".getBytes(StandardCharsets.UTF_8);
        var hash = HASH.getBytes(StandardCharsets.UTF_8);
        var payload = ByteBuffer.allocate(4 + 1 + 2 + version.length + 2 + hash.length + 12 + compressedLength);
        payload.put(new byte[] {'S', 'T', 'R', 'B', (byte) StructureCodec.FORMAT_VERSION});
        payload.putShort((short) version.length).put(version).putShort((short) hash.length).put(hash);
        payload.putInt(declaredBodyLength).putInt(compressedLength);
        var crc = new CRC32C();
        crc.update(payload.array(), 0, payload.position());
        crc.update(compressed, 0, compressedLength);
        payload.putInt((int) crc.getValue()).put(compressed, 0, compressedLength);
        return payload.array();
    }
}
