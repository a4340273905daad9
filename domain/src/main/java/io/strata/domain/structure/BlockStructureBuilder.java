package io.strata.domain.structure;

import io.strata.domain.key.CourseKey;
import io.strata.domain.key.UsageKey;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import static java.util.Objects.requireNonNull;

/**
 * Assembles a {@link BlockStructure}: the collect phase adds blocks, relations, fields and
 * transformer data here, then {@link #build()} freezes the result. The root is block 0.
 *
 * <p>Not thread-safe; one collect owns one builder. {@link #build()} checks that the relations form
 * a DAG in which every block is reachable from the root, and fails naming a block otherwise.
 */
public final class BlockStructureBuilder {
    private final CourseKey courseKey;
    private final String courseVersion;
    private final List<UsageKey> keys = new ArrayList<>();
    private final Map<TypeAndId, Integer> indexByTypeAndId = new HashMap<>();
    private final List<List<Integer>> children = new ArrayList<>();
    private final List<List<Integer>> parents = new ArrayList<>();
    private final List<Map<String, Object>> fields = new ArrayList<>();
    private final Map<String, List<Map<String, Object>>> transformerData = new HashMap<>();
    private final TreeMap<String, Integer> transformerVersions = new TreeMap<>();

    BlockStructureBuilder(CourseKey courseKey, String courseVersion, UsageKey root) {
        this.courseKey = requireNonNull(courseKey, "courseKey is null");
        this.courseVersion = requireNonNull(courseVersion, "courseVersion is null");
        addBlock(requireNonNull(root, "root is null"));
    }

    /** Returns the index of the block with this key, adding it (without relations) when new. */
    public int addBlock(UsageKey key) {
        requireNonNull(key, "key is null");
        var typeAndId = new TypeAndId(key.type(), key.id());
        var existing = indexByTypeAndId.get(typeAndId);
        if (existing != null) {
            return existing;
        }
        int index = keys.size();
        keys.add(key);
        indexByTypeAndId.put(typeAndId, index);
        children.add(new ArrayList<>());
        parents.add(new ArrayList<>());
        fields.add(new LinkedHashMap<>());
        return index;
    }

    /**
     * Appends {@code child} to the children of {@code parent}.
     *
     * @throws IllegalArgumentException when the child is already a child of that parent, or is the root
     */
    public BlockStructureBuilder addChild(int parent, int child) {
        checkIndex(parent);
        checkIndex(child);
        if (child == 0) {
            throw new IllegalArgumentException("The root cannot be a child: " + keys.get(parent));
        }
        if (children.get(parent).contains(child)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "Block[%s] is already a child of block[%s]", keys.get(child), keys.get(parent)));
        }
        children.get(parent).add(child);
        parents.get(child).add(parent);
        return this;
    }

    /** Returns the number of blocks added so far. */
    public int size() {
        return keys.size();
    }

    /** Returns the key of a block added so far. */
    public UsageKey key(int block) {
        checkIndex(block);
        return keys.get(block);
    }

    /** Returns the children added so far to the block, in order; unmodifiable. */
    public List<Integer> children(int block) {
        checkIndex(block);
        return Collections.unmodifiableList(children.get(block));
    }

    /** Returns the parents added so far to the block; unmodifiable. */
    public List<Integer> parents(int block) {
        checkIndex(block);
        return Collections.unmodifiableList(parents.get(block));
    }

    /** Returns a field value set so far on the block, or null. */
    public Object field(int block, String name) {
        checkIndex(block);
        return fields.get(block).get(name);
    }

    /** Sets a collected field of the block; a null value removes it. */
    public BlockStructureBuilder setField(int block, String name, Object value) {
        checkIndex(block);
        requireNonNull(name, "name is null");
        if (value == null) {
            fields.get(block).remove(name);
        } else {
            fields.get(block).put(name, FieldValues.freeze(value));
        }
        return this;
    }

    /** Records a value for the block on behalf of a transformer; a null value removes it. */
    public BlockStructureBuilder setTransformerData(String transformer, int block, String name, Object value) {
        checkIndex(block);
        requireNonNull(transformer, "transformer is null");
        requireNonNull(name, "name is null");
        var perBlock = transformerData.computeIfAbsent(transformer, t -> new ArrayList<>());
        while (perBlock.size() < keys.size()) {
            perBlock.add(new LinkedHashMap<>());
        }
        if (value == null) {
            perBlock.get(block).remove(name);
        } else {
            perBlock.get(block).put(name, FieldValues.freeze(value));
        }
        return this;
    }

    /** Returns a value recorded so far for a transformer, or null. */
    public Object transformerData(String transformer, int block, String name) {
        checkIndex(block);
        var perBlock = transformerData.get(transformer);
        return perBlock == null || perBlock.size() <= block ? null : perBlock.get(block).get(name);
    }

    /** Records the write version of a transformer that collected this structure. */
    public BlockStructureBuilder setTransformerVersion(String transformer, int writeVersion) {
        transformerVersions.put(requireNonNull(transformer, "transformer is null"), writeVersion);
        return this;
    }

    /**
     * Returns the frozen structure.
     *
     * @throws IllegalStateException when a block is unreachable from the root or the relations have
     *     a cycle; the message names a block
     */
    public BlockStructure build() {
        checkReachableAndAcyclic();
        int size = keys.size();
        var shapes = new HashMap<List<String>, FieldMap.Shape>();
        var frozenFields = new ArrayList<Map<String, Object>>(size);
        for (var blockFields : fields) {
            frozenFields.add(toFieldMap(blockFields, shapes));
        }
        var frozenData = new HashMap<String, List<Map<String, Object>>>();
        transformerData.forEach((name, perBlock) -> frozenData.put(name, freezePerBlock(perBlock, size, shapes)));
        return BlockStructure.built(courseKey, courseVersion, keys.toArray(UsageKey[]::new),
                Relations.of(toArrays(children), toArrays(parents)), Collections.unmodifiableList(frozenFields),
                Collections.unmodifiableMap(frozenData), new TreeMap<>(transformerVersions));
    }

    private static List<Map<String, Object>> freezePerBlock(List<Map<String, Object>> perBlock, int size,
            Map<List<String>, FieldMap.Shape> shapes) {
        var frozen = new ArrayList<Map<String, Object>>(size);
        for (int i = 0; i < size; i++) {
            frozen.add(i < perBlock.size() ? toFieldMap(perBlock.get(i), shapes) : FieldMap.empty());
        }
        return Collections.unmodifiableList(frozen);
    }

    /** Returns the map as a {@link FieldMap}, sharing the names array with maps of the same names. */
    private static FieldMap toFieldMap(Map<String, Object> map, Map<List<String>, FieldMap.Shape> shapes) {
        if (map.isEmpty()) {
            return FieldMap.empty();
        }
        var names = List.copyOf(map.keySet());
        var shape = shapes.computeIfAbsent(names, key -> FieldMap.shape(key.toArray(String[]::new)));
        return shape.wrap(map.values().toArray());
    }

    private static int[][] toArrays(List<List<Integer>> lists) {
        var arrays = new int[lists.size()][];
        for (int i = 0; i < arrays.length; i++) {
            arrays[i] = lists.get(i).stream().mapToInt(Integer::intValue).toArray();
        }
        return arrays;
    }

    private void checkReachableAndAcyclic() {
        int size = keys.size();
        var done = new BitSet(size);
        var onPath = new BitSet(size);
        var stack = new ArrayList<int[]>();
        stack.add(new int[] {0, 0});
        onPath.set(0);
        while (!stack.isEmpty()) {
            var top = stack.get(stack.size() - 1);
            var kids = children.get(top[0]);
            if (top[1] == kids.size()) {
                stack.remove(stack.size() - 1);
                onPath.clear(top[0]);
                done.set(top[0]);
                continue;
            }
            int next = kids.get(top[1]++);
            if (onPath.get(next)) {
                throw new IllegalStateException("Block[" + keys.get(next) + "] is its own ancestor");
            }
            if (!done.get(next)) {
                onPath.set(next);
                stack.add(new int[] {next, 0});
            }
        }
        int unreachable = done.nextClearBit(0);
        if (unreachable < size) {
            throw new IllegalStateException("Block[" + keys.get(unreachable) + "] is not reachable from the root");
        }
    }

    /**
     * Is what identifies a block within its course. A record rather than a joined string: its hash
     * comes from the two strings' cached hashes.
     */
    private record TypeAndId(String type, String id) {
    }

    private void checkIndex(int block) {
        if (block < 0 || block >= keys.size()) {
            throw new IndexOutOfBoundsException("No block at index " + block + " of " + keys.size());
        }
    }
}
