package io.strata.domain.codec;

import io.strata.domain.key.CourseKey;
import io.strata.domain.structure.BlockStructure;
import io.strata.domain.structure.FieldMap;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes the uncompressed body of a payload; see {@link StructureCodec} for the layout. Strings are
 * added to the string table as they are met, so the table, placed first, is complete only at the end.
 * The body is handed back as its sections' chunks in order, never copied into one array: the
 * deflater reads them one after the other. One instance writes one body.
 */
final class BodyWriter {
    /** Is the row code meaning "the same entries as the previous block's row of this column". */
    static final int SAME_ROW = 0;

    private final StringRefs strings;
    /** Is the string table after its count: each string's bytes, appended when the string is first met. */
    private final ChunkedSink table;
    private final Map<List<String>, Integer> shapeRefs = new HashMap<>();
    /** Is the refs of the shape objects met so far: rows made with one shape share it. */
    private final Map<FieldMap.Shape, Integer> shapeRefsByObject = new IdentityHashMap<>();
    private final List<List<String>> shapes = new ArrayList<>();
    private final ChunkedSink relations;
    private final ChunkedSink rows;
    /**
     * Is the sink being written: a chunk of the relations, then of the rows of fields and
     * transformer data, then the shape table. Taken from its section before each item.
     */
    private ByteSink data;

    private BodyWriter(int blocks) {
        // About one string per block (its name), plus the shared ones; ids go in their own column.
        strings = new StringRefs(blocks + 64);
        table = new ChunkedSink(blocks * 24L + 64);
        // Sizes the first chunk of a small course's sections; a large one grows by whole chunks, never by copying.
        relations = new ChunkedSink(blocks * 40L + 64);
        rows = new ChunkedSink(blocks * 32L + 64);
        data = relations.next();
        shapeRefs.put(List.of(), 0);
        shapes.add(List.of());
    }

    /** Is a body as the chunks of its sections, in order, and its length in bytes. */
    record Body(List<ByteSink> chunks, long length) {
    }

    static Body write(BlockStructure structure) {
        var writer = new BodyWriter(structure.size());
        writer.writeData(structure);
        return writer.assemble();
    }

    private void writeData(BlockStructure structure) {
        var courses = writeCourseTable(structure);
        writeBlocks(structure, courses);
        writeChildren(structure);
        writeParentOrders(structure);
        Map<String, ?> previous = null;
        for (int block = 0; block < structure.size(); block++) {
            var row = structure.fields(block);
            writeRow(row, previous);
            previous = row;
        }
        writeTransformerData(structure);
        writeTransformerVersions(structure);
    }

    private Map<CourseKey, Integer> writeCourseTable(BlockStructure structure) {
        var courses = new LinkedHashMap<CourseKey, Integer>();
        courses.put(structure.courseKey(), 0);
        for (int block = 0; block < structure.size(); block++) {
            courses.putIfAbsent(structure.course(block), courses.size());
        }
        data.writeVarint(courses.size());
        courses.keySet().forEach(course -> writeString(course.toString()));
        return courses;
    }

    /**
     * Writes the keys as three columns (courses, types, ids): like values sit together and compress
     * better. Ids are written in place, not as string-table refs: each block has its own, so the
     * table's hash lookup bought nothing for them and, once a large course's table outgrew the CPU's
     * caches, cost a memory wait per block.
     */
    private void writeBlocks(BlockStructure structure, Map<CourseKey, Integer> courses) {
        data.writeVarint(structure.size());
        for (int block = 0; block < structure.size(); block++) {
            data = relations.next();
            data.writeVarint(courses.get(structure.course(block)));
        }
        for (int block = 0; block < structure.size(); block++) {
            data = relations.next();
            writeString(structure.type(block));
        }
        for (int block = 0; block < structure.size(); block++) {
            data = relations.next();
            var utf8 = structure.id(block).getBytes(StandardCharsets.UTF_8);
            data.writeVarint(utf8.length);
            data.writeBytes(utf8, 0, utf8.length);
        }
    }

    private void writeChildren(BlockStructure structure) {
        for (int block = 0; block < structure.size(); block++) {
            int count = structure.childCount(block);
            data = relations.next();
            data.writeVarint(count);
            for (int position = 0; position < count; position++) {
                data.writeVarint(structure.child(block, position));
            }
        }
    }

    /**
     * Writes the parent order of each block whose parents were not added in ascending index order;
     * the reader derives every other block's parents from the children lists.
     */
    private void writeParentOrders(BlockStructure structure) {
        var unordered = new ArrayList<Integer>();
        for (int block = 0; block < structure.size(); block++) {
            if (!isAscending(structure, block)) {
                unordered.add(block);
            }
        }
        data.writeVarint(unordered.size());
        for (int block : unordered) {
            data = relations.next();
            data.writeVarint(block);
            data.writeVarint(structure.parentCount(block));
            for (int position = 0; position < structure.parentCount(block); position++) {
                data.writeVarint(structure.parent(block, position));
            }
        }
    }

    private static boolean isAscending(BlockStructure structure, int block) {
        for (int i = 1; i < structure.parentCount(block); i++) {
            if (structure.parent(block, i - 1) > structure.parent(block, i)) {
                return false;
            }
        }
        return true;
    }

    private void writeTransformerData(BlockStructure structure) {
        var transformers = structure.transformersWithData();
        data = rows.next();
        data.writeVarint(transformers.size());
        for (var transformer : transformers) {
            data = rows.next();
            writeString(transformer);
            Map<String, ?> previous = null;
            for (int block = 0; block < structure.size(); block++) {
                var row = structure.transformerData(transformer, block);
                writeRow(row, previous);
                previous = row;
            }
        }
    }

    private void writeTransformerVersions(BlockStructure structure) {
        var versions = structure.transformerVersions();
        data = rows.next();
        data.writeVarint(versions.size());
        versions.forEach((name, version) -> {
            writeString(name);
            data.writeZigZag(version);
        });
    }

    /**
     * Writes a block's row: {@link #SAME_ROW} when it holds exactly what the previous block's row in
     * the same column held, else the ref of its shape (the ordered names) plus one, then the values.
     */
    private void writeRow(Map<String, ?> entries, Map<String, ?> previous) {
        data = rows.next();
        if (previous != null && RowEquality.isSame(entries, previous)) {
            data.writeVarint(SAME_ROW);
            return;
        }
        if (entries.isEmpty()) {
            data.writeVarint(1);
            return;
        }
        data.writeVarint(shapeRef(entries) + 1);
        if (entries instanceof FieldMap fields) {
            for (int i = 0; i < fields.size(); i++) {
                writeValue(fields.value(i), 0);
            }
            return;
        }
        for (var value : entries.values()) {
            writeValue(value, 0);
        }
    }

    private int shapeRef(Map<String, ?> entries) {
        var shape = entries instanceof FieldMap fieldMap ? fieldMap.shape() : null;
        var known = shape == null ? null : shapeRefsByObject.get(shape);
        if (known != null) {
            return known;
        }
        var names = List.copyOf(entries.keySet());
        var ref = shapeRefs.get(names);
        if (ref == null) {
            ref = shapes.size();
            shapeRefs.put(names, ref);
            shapes.add(names);
        }
        if (shape != null) {
            shapeRefsByObject.put(shape, ref);
        }
        return ref;
    }

    private void writeValue(Object value, int depth) {
        if (value instanceof String text) {
            data.writeByte(ValueTag.STRING);
            writeString(text);
        } else if (value instanceof Long number) {
            data.writeByte(ValueTag.LONG);
            data.writeZigZag(number);
        } else if (value instanceof Double number) {
            data.writeByte(ValueTag.DOUBLE);
            data.writeLong(Double.doubleToRawLongBits(number));
        } else if (value instanceof Boolean flag) {
            data.writeByte(flag ? ValueTag.TRUE : ValueTag.FALSE);
        } else if (value instanceof Instant instant) {
            data.writeByte(ValueTag.INSTANT);
            data.writeZigZag(instant.getEpochSecond());
            data.writeVarint(instant.getNano());
        } else if (value instanceof List<?> list) {
            writeList(list, depth + 1);
        } else if (value instanceof Map<?, ?> map) {
            writeMap(map, depth + 1);
        } else {
            throw new IllegalArgumentException("Cannot encode field value of type["
                    + (value == null ? "null" : value.getClass().getName()) + "]");
        }
    }

    private void writeList(List<?> list, int depth) {
        checkDepth(depth);
        data.writeByte(ValueTag.LIST);
        data.writeVarint(list.size());
        for (var item : list) {
            writeValue(item, depth);
        }
    }

    private void writeMap(Map<?, ?> map, int depth) {
        checkDepth(depth);
        data.writeByte(ValueTag.MAP);
        data.writeVarint(map.size());
        if (map instanceof FieldMap fields) {
            for (int i = 0; i < fields.size(); i++) {
                writeString(fields.name(i));
                writeValue(fields.value(i), depth);
            }
            return;
        }
        for (var entry : map.entrySet()) {
            writeString((String) entry.getKey());
            writeValue(entry.getValue(), depth);
        }
    }

    private static void checkDepth(int depth) {
        if (depth > ValueTag.MAX_DEPTH) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "Cannot encode field value: lists and maps nest deeper than %d levels", ValueTag.MAX_DEPTH));
        }
    }

    private void writeString(String text) {
        int known = strings.size();
        int ref = strings.refOf(text);
        if (ref == known) {
            // Copied now, while the string is in the CPU's caches: a pass over all strings at the end
            // missed them on a large course (a fifth of writing the body of 100,000 blocks in a profile).
            var utf8 = text.getBytes(StandardCharsets.UTF_8);
            var chunk = table.next();
            chunk.writeVarint(utf8.length);
            chunk.writeBytes(utf8, 0, utf8.length);
        }
        data.writeVarint(ref);
    }

    /** Returns the body: the string table, the relations, the shape table, then the rows. */
    private Body assemble() {
        var shapeTable = new ByteSink(64 + shapes.size() * 16);
        data = shapeTable;
        data.writeVarint(shapes.size());
        for (var names : shapes) {
            data.writeVarint(names.size());
            names.forEach(this::writeString);
        }

        var count = new ByteSink(16);
        count.writeVarint(strings.size());
        var chunks = new ArrayList<ByteSink>(List.of(count));
        chunks.addAll(table.chunks());
        chunks.addAll(relations.chunks());
        chunks.add(shapeTable);
        chunks.addAll(rows.chunks());
        long length = count.size() + table.size() + relations.size() + shapeTable.size() + rows.size();
        if (length > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("Cannot encode structure: body exceeds 2 GiB");
        }
        return new Body(chunks, length);
    }
}
