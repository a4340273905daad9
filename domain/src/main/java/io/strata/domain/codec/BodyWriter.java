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
 * interned into the string table as they are met, so the table is written last but placed first.
 * One instance writes one body.
 */
final class BodyWriter {
    /** Is the row code meaning "the same entries as the previous block's row of this column". */
    static final int SAME_ROW = 0;

    private final StringRefs strings;
    private final Map<List<String>, Integer> shapeRefs = new HashMap<>();
    /** Is the refs of the shape objects met so far: rows made with one shape share it. */
    private final Map<FieldMap.Shape, Integer> shapeRefsByObject = new IdentityHashMap<>();
    private final List<List<String>> shapes = new ArrayList<>();
    private final ByteSink relations;
    private final ByteSink rows;
    /** Is the sink being written: first the relations, then the rows of fields and transformer data. */
    private ByteSink data;

    private BodyWriter(int sizeHint, int blocks) {
        // About two strings per block (its id and its name), plus the shared ones.
        strings = new StringRefs(blocks * 2 + 64);
        relations = new ByteSink(sizeHint / 4);
        rows = new ByteSink(sizeHint);
        data = relations;
        shapeRefs.put(List.of(), 0);
        shapes.add(List.of());
    }

    static ByteSink write(BlockStructure structure) {
        var writer = new BodyWriter(structure.size() * 64, structure.size());
        writer.writeData(structure);
        return writer.assemble();
    }

    private void writeData(BlockStructure structure) {
        var courses = writeCourseTable(structure);
        writeBlocks(structure, courses);
        writeChildren(structure);
        writeParentOrders(structure);
        data = rows;
        for (int block = 0; block < structure.size(); block++) {
            writeRow(structure.fields(block), block == 0 ? null : structure.fields(block - 1));
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

    /** Writes the keys as three columns (courses, types, ids): like values sit together and compress better. */
    private void writeBlocks(BlockStructure structure, Map<CourseKey, Integer> courses) {
        data.writeVarint(structure.size());
        for (int block = 0; block < structure.size(); block++) {
            data.writeVarint(courses.get(structure.course(block)));
        }
        for (int block = 0; block < structure.size(); block++) {
            writeString(structure.type(block));
        }
        for (int block = 0; block < structure.size(); block++) {
            writeString(structure.id(block));
        }
    }

    private void writeChildren(BlockStructure structure) {
        for (int block = 0; block < structure.size(); block++) {
            int count = structure.childCount(block);
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
        data.writeVarint(transformers.size());
        for (var transformer : transformers) {
            writeString(transformer);
            for (int block = 0; block < structure.size(); block++) {
                writeRow(structure.transformerData(transformer, block),
                        block == 0 ? null : structure.transformerData(transformer, block - 1));
            }
        }
    }

    private void writeTransformerVersions(BlockStructure structure) {
        var versions = structure.transformerVersions();
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
        if (previous != null && RowEquality.isSame(entries, previous)) {
            data.writeVarint(SAME_ROW);
            return;
        }
        if (entries.isEmpty()) {
            data.writeVarint(1);
            return;
        }
        data.writeVarint(shapeRef(entries) + 1);
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
        data.writeVarint(strings.refOf(text));
    }

    /** Returns the body: the string table, the relations, the shape table, then the rows. */
    private ByteSink assemble() {
        var shapeTable = new ByteSink(64 + shapes.size() * 16);
        data = shapeTable;
        data.writeVarint(shapes.size());
        for (var names : shapes) {
            data.writeVarint(names.size());
            names.forEach(this::writeString);
        }

        var encoded = new ArrayList<byte[]>(strings.size());
        long tableBytes = 10;
        for (int ref = 0; ref < strings.size(); ref++) {
            var utf8 = strings.text(ref).getBytes(StandardCharsets.UTF_8);
            encoded.add(utf8);
            tableBytes += utf8.length + 5;
        }
        long total = tableBytes + relations.size() + shapeTable.size() + rows.size();
        var body = new ByteSink((int) Math.min(Integer.MAX_VALUE - 8, total));
        body.writeVarint(encoded.size());
        for (var utf8 : encoded) {
            body.writeVarint(utf8.length);
            body.writeBytes(utf8, 0, utf8.length);
        }
        body.writeBytes(relations.array(), 0, relations.size());
        body.writeBytes(shapeTable.array(), 0, shapeTable.size());
        body.writeBytes(rows.array(), 0, rows.size());
        return body;
    }
}
