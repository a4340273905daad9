package io.strata.domain.codec;

import io.strata.domain.key.CourseKey;
import io.strata.domain.key.UsageKey;
import io.strata.domain.structure.BlockStructure;
import io.strata.domain.structure.BlockStructureBuilder;
import io.strata.ports.InputRejectedException;

import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads an uncompressed body back into a structure; see {@link StructureCodec} for the layout.
 * Every reference, index and count is checked, and any inconsistency throws
 * {@link CorruptPayloadException}. One instance reads one body.
 */
final class BodyReader {
    private static final String DECLARE_TRANSFORMER = "";

    private final ByteReader in;
    private final String courseVersion;
    private String[] strings;
    private int[][] children;
    private int[][] parents;

    private BodyReader(ByteReader in, String courseVersion) {
        this.in = in;
        this.courseVersion = courseVersion;
    }

    static BlockStructure read(byte[] body, String courseVersion) {
        var reader = new BodyReader(new ByteReader(body, 0, body.length), courseVersion);
        try {
            return reader.readStructure();
        } catch (InputRejectedException | IllegalArgumentException | IllegalStateException e) {
            throw new CorruptPayloadException("Corrupt body: " + e.getMessage(), e);
        }
    }

    private BlockStructure readStructure() {
        readStringTable();
        var courses = readCourseTable();
        var keys = readBlocks(courses);
        readChildren(keys.length);
        readParentOrders();
        var builder = BlockStructure.builder(courses[0], courseVersion, keys[0]);
        addBlocks(builder, keys);
        addRelations(builder);
        for (int block = 0; block < keys.length; block++) {
            readEntries(builder, null, block);
        }
        readTransformerData(builder, keys.length);
        readTransformerVersions(builder);
        if (in.remaining() != 0) {
            throw new CorruptPayloadException(String.format(Locale.ROOT,
                    "Corrupt body: %d bytes left after the last section", in.remaining()));
        }
        return builder.build();
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

    private UsageKey[] readBlocks(CourseKey[] courses) {
        int count = in.readCount("block count");
        if (count == 0) {
            throw new CorruptPayloadException("Corrupt body: a structure has at least its root block");
        }
        var keys = new UsageKey[count];
        for (int block = 0; block < count; block++) {
            var course = courses[in.readInt("course ref", courses.length - 1L)];
            keys[block] = new UsageKey(course, readString(), readString());
        }
        return keys;
    }

    private void readChildren(int blocks) {
        children = new int[blocks][];
        var parentCounts = new int[blocks];
        for (int block = 0; block < blocks; block++) {
            children[block] = new int[in.readCount("child count")];
            for (int position = 0; position < children[block].length; position++) {
                int child = in.readInt("child index", blocks - 1L);
                children[block][position] = child;
                parentCounts[child]++;
            }
        }
        deriveParents(parentCounts);
    }

    /** Fills each block's parents in ascending index order, the order the writer assumes by default. */
    private void deriveParents(int[] parentCounts) {
        parents = new int[children.length][];
        for (int block = 0; block < children.length; block++) {
            parents[block] = new int[parentCounts[block]];
        }
        var filled = new int[children.length];
        for (int block = 0; block < children.length; block++) {
            for (int child : children[block]) {
                parents[child][filled[child]++] = block;
            }
        }
    }

    private void readParentOrders() {
        int count = in.readCount("parent order count");
        for (int i = 0; i < count; i++) {
            int block = in.readInt("block index", children.length - 1L);
            int parentCount = in.readCount("parent count");
            var order = new int[parentCount];
            for (int position = 0; position < parentCount; position++) {
                order[position] = in.readInt("parent index", children.length - 1L);
            }
            var expected = parents[block].clone();
            var actual = order.clone();
            Arrays.sort(actual);
            if (!Arrays.equals(expected, actual)) {
                throw new CorruptPayloadException(String.format(Locale.ROOT,
                        "Corrupt body: parent order of block[%d] does not match its parents", block));
            }
            parents[block] = order;
        }
    }

    private static void addBlocks(BlockStructureBuilder builder, UsageKey[] keys) {
        for (int block = 1; block < keys.length; block++) {
            if (builder.addBlock(keys[block]) != block) {
                throw new CorruptPayloadException(String.format(Locale.ROOT,
                        "Corrupt body: block[%s] appears twice", keys[block]));
            }
        }
    }

    /**
     * Adds every relation in an order that keeps each block's children in their order and each
     * block's parents in theirs: a parent adds its next child only once that child expects it as
     * its next parent. Without stored parent orders this is one pass in index order.
     */
    private void addRelations(BlockStructureBuilder builder) {
        int blocks = children.length;
        var nextChild = new int[blocks];
        var nextParent = new int[blocks];
        var ready = new ArrayDeque<Integer>(blocks);
        for (int block = 0; block < blocks; block++) {
            ready.add(block);
        }
        int added = 0;
        while (!ready.isEmpty()) {
            int parent = ready.poll();
            while (nextChild[parent] < children[parent].length) {
                int child = children[parent][nextChild[parent]];
                if (parents[child][nextParent[child]] != parent) {
                    break;
                }
                builder.addChild(parent, child);
                added++;
                nextChild[parent]++;
                if (++nextParent[child] < parents[child].length) {
                    ready.add(parents[child][nextParent[child]]);
                }
            }
        }
        int total = Arrays.stream(children).mapToInt(list -> list.length).sum();
        if (added != total) {
            throw new CorruptPayloadException("Corrupt body: children and parent orders contradict each other");
        }
    }

    private void readTransformerData(BlockStructureBuilder builder, int blocks) {
        int count = in.readCount("transformer count");
        for (int i = 0; i < count; i++) {
            var transformer = readString();
            // Registers the transformer even when it recorded nothing, as the encoded structure did.
            builder.setTransformerData(transformer, 0, DECLARE_TRANSFORMER, null);
            for (int block = 0; block < blocks; block++) {
                readEntries(builder, transformer, block);
            }
        }
    }

    private void readTransformerVersions(BlockStructureBuilder builder) {
        int count = in.readCount("transformer version count");
        for (int i = 0; i < count; i++) {
            var name = readString();
            long version = in.readZigZag();
            if (version != (int) version) {
                throw new CorruptPayloadException(String.format(Locale.ROOT,
                        "Corrupt body: version[%d] of transformer[%s] is not an int", version, name));
            }
            builder.setTransformerVersion(name, (int) version);
        }
    }

    /** Reads a block's fields (transformer null) or a transformer's data for the block. */
    private void readEntries(BlockStructureBuilder builder, String transformer, int block) {
        int count = in.readCount("entry count");
        for (int i = 0; i < count; i++) {
            var name = readString();
            var value = readValue(0);
            if (transformer == null) {
                builder.setField(block, name, value);
            } else {
                builder.setTransformerData(transformer, block, name, value);
            }
        }
    }

    private Object readValue(int depth) {
        int tag = in.readByte();
        return switch (tag) {
            case ValueTag.STRING -> readString();
            case ValueTag.LONG -> in.readZigZag();
            case ValueTag.DOUBLE -> Double.longBitsToDouble(in.readLong());
            case ValueTag.FALSE -> Boolean.FALSE;
            case ValueTag.TRUE -> Boolean.TRUE;
            case ValueTag.INSTANT -> readInstant();
            case ValueTag.LIST -> readList(depth + 1);
            case ValueTag.MAP -> readMap(depth + 1);
            default -> throw new CorruptPayloadException(String.format(Locale.ROOT,
                    "Corrupt body: unknown value tag[%d]", tag));
        };
    }

    private Instant readInstant() {
        long seconds = in.readZigZag();
        int nanos = in.readInt("instant nanos", 999_999_999L);
        try {
            return Instant.ofEpochSecond(seconds, nanos);
        } catch (DateTimeException e) {
            throw new CorruptPayloadException("Corrupt body: instant out of range", e);
        }
    }

    private List<Object> readList(int depth) {
        checkDepth(depth);
        int count = in.readCount("list size");
        var list = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            list.add(readValue(depth));
        }
        return list;
    }

    private Map<String, Object> readMap(int depth) {
        checkDepth(depth);
        int count = in.readCount("map size");
        var map = new LinkedHashMap<String, Object>(count * 2);
        for (int i = 0; i < count; i++) {
            map.put(readString(), readValue(depth));
        }
        if (map.size() != count) {
            throw new CorruptPayloadException("Corrupt body: a map repeats a key");
        }
        return map;
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
