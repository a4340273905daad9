package io.strata.domain.codec;

import io.strata.domain.key.CourseKey;
import io.strata.domain.structure.BlockKeys;
import io.strata.domain.structure.BlockStructure;
import io.strata.domain.structure.FieldMap;
import io.strata.domain.structure.FieldValues;
import io.strata.domain.structure.Relations;
import io.strata.ports.InputRejectedException;

import java.time.DateTimeException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads an uncompressed body back into a structure; see {@link StructureCodec} for the layout.
 * Every reference, index and count is checked, and any inconsistency throws
 * {@link CorruptPayloadException}. It fills plain arrays and hands them to
 * {@link BlockStructure#assemble} rather than replaying the collect through the builder: that
 * replay (a map per block, a list per relation, then copies of all) was most of the load time.
 * One instance reads one body.
 */
final class BodyReader {
    private final ByteReader in;
    private final String courseVersion;
    private String[] strings;
    private int blockCount;
    private int[] childOffsets;
    private int[] childTargets;
    private FieldMap.Shape[] shapes;
    /** Is the last instant read: blocks next to each other often share a date, so one object serves them. */
    private Instant lastInstant;
    /** Is the last double read, shared the same way. */
    private Double lastDouble;

    private BodyReader(ByteReader in, String courseVersion) {
        this.in = in;
        this.courseVersion = courseVersion;
    }

    static BlockStructure read(byte[] body, String courseVersion) {
        var reader = new BodyReader(new ByteReader(body, 0, body.length), courseVersion);
        try {
            return reader.readStructure();
        } catch (InputRejectedException | IllegalArgumentException | IllegalStateException | NullPointerException e) {
            throw new CorruptPayloadException("Corrupt body: " + e.getMessage(), e);
        }
    }

    private BlockStructure readStructure() {
        readStringTable();
        var courses = readCourseTable();
        var keys = readBlocks(courses);
        readChildren();
        var relations = readParentOrders();
        readShapes();
        var fields = readRows(blockCount);
        var transformerData = readTransformerData(blockCount);
        var versions = readTransformerVersions();
        if (in.remaining() != 0) {
            throw new CorruptPayloadException(String.format(Locale.ROOT,
                    "Corrupt body: %d bytes left after the last section", in.remaining()));
        }
        return BlockStructure.assemble(courses[0], courseVersion, keys, relations, fields, transformerData, versions);
    }

    private void readStringTable() {
        strings = new String[in.readCount("string count")];
        for (int i = 0; i < strings.length; i++) {
            strings[i] = in.readUtf8(in.readCount("string length"));
        }
    }

    private CourseKey[] readCourseTable() {
        int count = in.readCount("course count");
        if (count == 0) {
            throw new CorruptPayloadException("Corrupt body: the course table is empty");
        }
        var courses = new CourseKey[count];
        for (int i = 0; i < count; i++) {
            courses[i] = CourseKey.parse(readString());
        }
        return courses;
    }

    /**
     * Reads the key columns; types stay the string table's strings, so equal types are one object,
     * and each id is read from its own bytes in the id column.
     */
    private BlockKeys readBlocks(CourseKey[] courses) {
        int count = in.readCount("block count");
        if (count == 0) {
            throw new CorruptPayloadException("Corrupt body: a structure has at least its root block");
        }
        blockCount = count;
        var courseRefs = new int[count];
        for (int block = 0; block < count; block++) {
            courseRefs[block] = in.readInt("course ref", courses.length - 1L);
        }
        var types = new String[count];
        for (int block = 0; block < count; block++) {
            types[block] = readString();
        }
        var ids = new String[count];
        for (int block = 0; block < count; block++) {
            ids[block] = in.readUtf8(in.readCount("id length"));
        }
        return BlockKeys.of(courses, courseRefs, types, ids);
    }

    /** Reads the children into flat arrays. */
    private void readChildren() {
        childOffsets = new int[blockCount + 1];
        // A tree has one relation fewer than blocks; a DAG grows the array.
        var targets = new int[Math.max(blockCount - 1, 1)];
        int relations = 0;
        for (int block = 0; block < blockCount; block++) {
            int count = in.readCount("child count");
            if (relations + count > targets.length) {
                targets = Arrays.copyOf(targets, Math.max(relations + count, targets.length * 2));
            }
            for (int position = 0; position < count; position++) {
                targets[relations++] = in.readInt("child index", blockCount - 1L);
            }
            childOffsets[block + 1] = relations;
        }
        childTargets = relations == targets.length ? targets : Arrays.copyOf(targets, relations);
    }

    /**
     * Reads the parent orders; the structure derives every other block's parents from the children
     * and checks that each order holds exactly the block's parents.
     */
    private Relations readParentOrders() {
        int count = in.readCount("parent order count");
        var blocks = new int[count];
        var orders = new int[count][];
        for (int i = 0; i < count; i++) {
            blocks[i] = in.readInt("block index", blockCount - 1L);
            orders[i] = new int[in.readCount("parent count")];
            for (int position = 0; position < orders[i].length; position++) {
                orders[i][position] = in.readInt("parent index", blockCount - 1L);
            }
        }
        return Relations.fromChildren(childOffsets, childTargets, blocks, orders);
    }

    private void readShapes() {
        shapes = new FieldMap.Shape[in.readCount("shape count")];
        if (shapes.length == 0) {
            throw new CorruptPayloadException("Corrupt body: the shape table lacks the empty shape");
        }
        for (int i = 0; i < shapes.length; i++) {
            var names = new String[in.readCount("shape size")];
            for (int j = 0; j < names.length; j++) {
                // Interned, so that lookups by the constants transformers name fields with match by reference.
                names[j] = readString().intern();
            }
            shapes[i] = FieldMap.shape(names);
        }
    }

    private List<Map<String, Object>> readRows(int blocks) {
        var rows = new FieldMap[blocks];
        for (int block = 0; block < blocks; block++) {
            rows[block] = readRow(block == 0 ? null : rows[block - 1]);
        }
        return Collections.unmodifiableList(Arrays.asList(rows));
    }

    /**
     * Reads one block's fields or one transformer's data for a block: the previous block's row
     * again (one object for both), or a shape ref plus one, then the shape's values.
     */
    private FieldMap readRow(FieldMap previous) {
        int code = in.readInt("shape ref", shapes.length);
        if (code == BodyWriter.SAME_ROW) {
            if (previous == null) {
                throw new CorruptPayloadException("Corrupt body: the first row of a column repeats a previous one");
            }
            return previous;
        }
        var shape = shapes[code - 1];
        if (shape.size() == 0) {
            return FieldMap.empty();
        }
        var values = new Object[shape.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = readValue(0);
        }
        return shape.wrap(values);
    }

    private Map<String, List<Map<String, Object>>> readTransformerData(int blocks) {
        int count = in.readCount("transformer count");
        var data = new HashMap<String, List<Map<String, Object>>>(count * 2);
        for (int i = 0; i < count; i++) {
            var transformer = readString();
            // Keeps a transformer even when it recorded nothing, as the encoded structure did.
            if (data.put(transformer, readRows(blocks)) != null) {
                throw new CorruptPayloadException("Corrupt body: transformer[" + transformer + "] appears twice");
            }
        }
        return data;
    }

    private TreeMap<String, Integer> readTransformerVersions() {
        int count = in.readCount("transformer version count");
        var versions = new TreeMap<String, Integer>();
        for (int i = 0; i < count; i++) {
            var name = readString();
            long version = in.readZigZag();
            if (version != (int) version) {
                throw new CorruptPayloadException(String.format(Locale.ROOT,
                        "Corrupt body: version[%d] of transformer[%s] is not an int", version, name));
            }
            versions.put(name, (int) version);
        }
        return versions;
    }

    private Object readValue(int depth) {
        return readValue(in.readByte(), depth);
    }

    private Object readValue(int tag, int depth) {
        return switch (tag) {
            case ValueTag.STRING -> readString();
            case ValueTag.LONG -> in.readZigZag();
            case ValueTag.DOUBLE -> readDouble();
            case ValueTag.FALSE -> Boolean.FALSE;
            case ValueTag.TRUE -> Boolean.TRUE;
            case ValueTag.INSTANT -> readInstant();
            case ValueTag.LIST -> readList(depth + 1);
            case ValueTag.MAP -> readMap(depth + 1);
            default -> throw new CorruptPayloadException(String.format(Locale.ROOT,
                    "Corrupt body: unknown value tag[%d]", tag));
        };
    }

    /** Reads a double, sharing one object with the last one read when equal: blocks of a kind share a weight. */
    private Double readDouble() {
        long bits = in.readLong();
        if (lastDouble == null || Double.doubleToRawLongBits(lastDouble) != bits) {
            lastDouble = Double.longBitsToDouble(bits);
        }
        return lastDouble;
    }

    private Instant readInstant() {
        long seconds = in.readZigZag();
        int nanos = in.readInt("instant nanos", 999_999_999L);
        if (lastInstant != null && lastInstant.getEpochSecond() == seconds && lastInstant.getNano() == nanos) {
            return lastInstant;
        }
        try {
            lastInstant = Instant.ofEpochSecond(seconds, nanos);
            return lastInstant;
        } catch (DateTimeException e) {
            throw new CorruptPayloadException("Corrupt body: instant out of range", e);
        }
    }

    /**
     * Reads a list; one of longs only (the block indexes transformers record on the root, up to one
     * per block) becomes one array rather than a boxed {@code Long} per element.
     */
    private List<?> readList(int depth) {
        checkDepth(depth);
        var longs = new long[in.readCount("list size")];
        for (int i = 0; i < longs.length; i++) {
            int tag = in.readByte();
            if (tag != ValueTag.LONG) {
                return readMixedList(longs, i, tag, depth);
            }
            longs[i] = in.readZigZag();
        }
        return longs.length == 0 ? List.of() : FieldValues.longs(longs);
    }

    /** Finishes a list whose first {@code read} items were longs and whose next item has the tag. */
    private List<Object> readMixedList(long[] longs, int read, int tag, int depth) {
        var items = new Object[longs.length];
        for (int i = 0; i < read; i++) {
            items[i] = longs[i];
        }
        items[read] = readValue(tag, depth);
        for (int i = read + 1; i < items.length; i++) {
            items[i] = readValue(depth);
        }
        return List.of(items);
    }

    private Map<String, Object> readMap(int depth) {
        checkDepth(depth);
        int count = in.readCount("map size");
        var names = new String[count];
        var values = new Object[count];
        for (int i = 0; i < count; i++) {
            names[i] = readString();
            values[i] = readValue(depth);
        }
        try {
            return FieldMap.shape(names).wrap(values);
        } catch (IllegalArgumentException e) {
            throw new CorruptPayloadException("Corrupt body: a map repeats a key", e);
        }
    }

    private static void checkDepth(int depth) {
        if (depth > ValueTag.MAX_DEPTH) {
            throw new CorruptPayloadException(String.format(Locale.ROOT,
                    "Corrupt body: lists and maps nest deeper than %d levels", ValueTag.MAX_DEPTH));
        }
    }

    private String readString() {
        return strings[in.readInt("string ref", strings.length - 1L)];
    }
}
