package io.strata.domain.structure;

import io.strata.domain.key.CourseKey;
import io.strata.domain.key.UsageKey;

import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import static java.util.Objects.requireNonNull;

/**
 * Is the collected block structure of one course version: a DAG of blocks with ordered children
 * and parents, one root, and per block the collected field values and the data each transformer
 * recorded while collecting.
 *
 * <p>Blocks are addressed by a dense index from 0 to {@code size() - 1}; the index is stable for
 * the life of an instance and is what per-request views and the codec use. The root has no parent;
 * every other block is reachable from it. A block with several parents appears once and is listed
 * in each parent's children.
 *
 * <p>An instance is immutable and safe to share between threads: it is what every learner's
 * request reads, and no transform may change it (transforms work on a view of it).
 *
 * <p>Field values are {@code String}, {@code Boolean}, {@code Long}, {@code Double},
 * {@code java.time.Instant}, and unmodifiable {@code List} and {@code Map<String, ?>} of those.
 */
public final class BlockStructure {
    private final CourseKey courseKey;
    private final String courseVersion;
    private final BlockKeys blockKeys;
    /**
     * Holds each block's usage key once something asked for it. A decoded structure starts empty: a
     * key is made from the block's course, type and id on first use, so loading allocates no key
     * per block. A race makes two equal keys, one of which wins; keys are immutable, so either is
     * safe to publish without a lock.
     */
    private final UsageKey[] keys;
    /**
     * Is an open-addressing table of block indexes plus one (0 is an empty slot), hashed by type and
     * id: no object per block, where a hash map made three (key, boxed index, node).
     */
    private final int[] indexTable;
    private final Relations relations;
    private final List<Map<String, Object>> fields;
    private final Map<String, List<Map<String, Object>>> transformerData;
    private final SortedMap<String, Integer> transformerVersions;
    private final Map<Object, Object> derived = new ConcurrentHashMap<>();

    private BlockStructure(CourseKey courseKey, String courseVersion, BlockKeys blockKeys, UsageKey[] keys,
            Relations relations, List<Map<String, Object>> fields,
            Map<String, List<Map<String, Object>>> transformerData,
            SortedMap<String, Integer> transformerVersions) {
        this.courseKey = courseKey;
        this.courseVersion = courseVersion;
        this.blockKeys = blockKeys;
        this.keys = keys;
        this.relations = relations;
        this.fields = fields;
        this.transformerData = transformerData;
        this.transformerVersions = Collections.unmodifiableSortedMap(transformerVersions);
        this.indexTable = indexTable(blockKeys);
    }

    /** Returns the structure the builder assembled; the builder has checked the relations and keys. */
    static BlockStructure built(CourseKey courseKey, String courseVersion, UsageKey[] keys, Relations relations,
            List<Map<String, Object>> fields, Map<String, List<Map<String, Object>>> transformerData,
            SortedMap<String, Integer> transformerVersions) {
        return new BlockStructure(courseKey, courseVersion, BlockKeys.of(keys), keys, relations, fields,
                transformerData, transformerVersions);
    }

    /**
     * Returns a structure made of parts a decoder already holds, without copying them: the fast
     * path of loading a stored structure. The structure takes ownership of every array and list;
     * the caller must not change them afterwards. Field and transformer-data maps must already be
     * unmodifiable and hold only {@link FieldValues} types; each transformer's list has one map per
     * block. Usage keys are made from the block keys when first asked for.
     *
     * <p>It checks what a damaged payload could break: array lengths, block types and ids, child
     * indexes, the root having no parent, each block's parents being exactly the blocks that list it
     * as a child, the relations forming a DAG with every block reachable from the root, and no two
     * blocks sharing a type and id.
     *
     * @throws IllegalStateException when a check fails; the message names the block or the part
     */
    public static BlockStructure assemble(CourseKey courseKey, String courseVersion, BlockKeys blockKeys,
            Relations relations, List<Map<String, Object>> fields,
            Map<String, List<Map<String, Object>>> transformerData, SortedMap<String, Integer> transformerVersions) {
        requireNonNull(courseKey, "courseKey is null");
        requireNonNull(courseVersion, "courseVersion is null");
        StructureChecks.checkParts(blockKeys, relations, fields, transformerData);
        return new BlockStructure(courseKey, courseVersion, blockKeys, new UsageKey[blockKeys.size()], relations,
                Collections.unmodifiableList(fields), Collections.unmodifiableMap(transformerData),
                new TreeMap<>(transformerVersions));
    }

    /**
     * Returns a structure made of usage keys and one array of children and parents per block; the
     * same as {@link #assemble(CourseKey, String, BlockKeys, Relations, List, Map, SortedMap)} with
     * the keys and relations in that form, and the same checks.
     *
     * @throws IllegalStateException when a check fails; the message names the block or the part
     */
    public static BlockStructure assemble(CourseKey courseKey, String courseVersion, UsageKey[] keys,
            int[][] children, int[][] parents, List<Map<String, Object>> fields,
            Map<String, List<Map<String, Object>>> transformerData, SortedMap<String, Integer> transformerVersions) {
        if (children.length != keys.length || parents.length != keys.length) {
            throw new IllegalStateException(String.format(Locale.ROOT,
                    "Parts disagree on the block count: keys[%d], children[%d], parents[%d]",
                    keys.length, children.length, parents.length));
        }
        return assemble(courseKey, courseVersion, BlockKeys.of(keys), Relations.of(children, parents), fields,
                transformerData, transformerVersions);
    }

    private static int[] indexTable(BlockKeys blockKeys) {
        int size = blockKeys.size();
        var table = new int[Integer.highestOneBit(Math.max(size, 2) * 2) * 2];
        int mask = table.length - 1;
        // Full hashes beside the table: a probe compares them before touching another block's strings.
        var hashes = new int[size];
        for (int block = 0; block < size; block++) {
            var type = blockKeys.type(block);
            var id = blockKeys.id(block);
            int hash = hash(type.hashCode(), blockKeys.idHash(block));
            hashes[block] = hash;
            int slot = hash & mask;
            while (table[slot] != 0) {
                int other = table[slot] - 1;
                if (hashes[other] == hash && blockKeys.id(other).equals(id) && blockKeys.type(other).equals(type)) {
                    throw new IllegalStateException("Block[" + blockKeys.key(block) + "] appears twice");
                }
                slot = (slot + 1) & mask;
            }
            table[slot] = block + 1;
        }
        return table;
    }

    /** Returns the slot hash of a block from its type's and its id's {@link String#hashCode()}. */
    private static int hash(int typeHash, int idHash) {
        int hash = 31 * typeHash + idHash;
        // Spreads the high bits down, as the ids' hashes differ mostly there for similar ids.
        return hash ^ (hash >>> 16);
    }

    /** Returns a builder for the structure of one course version whose root is {@code root}. */
    public static BlockStructureBuilder builder(CourseKey courseKey, String courseVersion, UsageKey root) {
        return new BlockStructureBuilder(courseKey, courseVersion, root);
    }

    /** Returns the course this structure belongs to. */
    public CourseKey courseKey() {
        return courseKey;
    }

    /** Returns the version of the course content this structure was collected from. */
    public String courseVersion() {
        return courseVersion;
    }

    /** Returns the number of blocks. */
    public int size() {
        return blockKeys.size();
    }

    /** Returns the index of the root block; it is always 0. */
    public int root() {
        return 0;
    }

    /** Returns the usage key of the block at {@code block}. */
    public UsageKey key(int block) {
        var key = keys[block];
        if (key == null) {
            key = blockKeys.key(block);
            keys[block] = key;
        }
        return key;
    }

    /** Returns the course of the block at {@code block}: the structure's, or another for an old-form key. */
    public CourseKey course(int block) {
        return blockKeys.course(block);
    }

    /** Returns the block type of the block at {@code block}, such as {@code vertical}. */
    public String type(int block) {
        return blockKeys.type(block);
    }

    /** Returns the block id of the block at {@code block}, the last part of its usage key. */
    public String id(int block) {
        return blockKeys.id(block);
    }

    /**
     * Returns the index of the block with the given usage key, or empty when this structure has
     * no such block (including when the key names another course).
     */
    public OptionalInt indexOf(UsageKey key) {
        if (!key.isIn(courseKey)) {
            return OptionalInt.empty();
        }
        int mask = indexTable.length - 1;
        int start = hash(key.type().hashCode(), key.id().hashCode()) & mask;
        for (int slot = start; indexTable[slot] != 0; slot = (slot + 1) & mask) {
            int candidate = indexTable[slot] - 1;
            if (blockKeys.id(candidate).equals(key.id()) && blockKeys.type(candidate).equals(key.type())) {
                return OptionalInt.of(candidate);
            }
        }
        return OptionalInt.empty();
    }

    /** Returns the number of children of the block. */
    public int childCount(int block) {
        return relations.childCount(block);
    }

    /** Returns the {@code position}-th child of the block, in course order. */
    public int child(int block, int position) {
        return relations.child(block, position);
    }

    /** Returns a copy of the block's children, in course order. */
    public int[] children(int block) {
        return relations.children(block);
    }

    /** Returns the number of parents of the block; 0 for the root only. */
    public int parentCount(int block) {
        return relations.parentCount(block);
    }

    /** Returns the {@code position}-th parent of the block, in the order they were added. */
    public int parent(int block, int position) {
        return relations.parent(block, position);
    }

    /** Returns a copy of the block's parents. */
    public int[] parents(int block) {
        return relations.parents(block);
    }

    /** Returns the collected value of a field of the block, or null when it was not collected or not set. */
    public Object field(int block, String name) {
        return fields.get(block).get(name);
    }

    /** Returns the collected value of a field of the block, or {@code defaultValue} when it has none. */
    @SuppressWarnings("unchecked")
    public <T> T field(int block, String name, T defaultValue) {
        var value = fields.get(block).get(name);
        return value == null ? defaultValue : (T) value;
    }

    /** Returns every collected field of the block, unmodifiable. */
    public Map<String, Object> fields(int block) {
        return fields.get(block);
    }

    /**
     * Returns the value a transformer recorded for the block while collecting, or null when it
     * recorded none.
     */
    public Object transformerData(String transformer, int block, String name) {
        var perBlock = transformerData.get(transformer);
        return perBlock == null ? null : perBlock.get(block).get(name);
    }

    /** Returns everything a transformer recorded for the block, unmodifiable; empty when nothing. */
    public Map<String, Object> transformerData(String transformer, int block) {
        var perBlock = transformerData.get(transformer);
        return perBlock == null ? Map.of() : perBlock.get(block);
    }

    /** Returns the names of the transformers that recorded data, sorted. */
    public List<String> transformersWithData() {
        return transformerData.keySet().stream().sorted().toList();
    }

    /**
     * Returns, for each transformer that collected this structure, the write version it had then,
     * sorted by name.
     */
    public SortedMap<String, Integer> transformerVersions() {
        return transformerVersions;
    }

    /**
     * Returns what {@code derivation} computes from this structure, computing it on the first call for
     * {@code key} only and sharing the result with every later caller: per-request code keeps here
     * what it would otherwise re-derive from the collected data on every request (primitive arrays,
     * bitsets, parsed values). The result must be immutable, or never changed once returned, and
     * depend on this structure alone. Two threads asking at once may both compute; one result wins.
     * The derivation may ask for other derived values, but not for its own key.
     *
     * @param key identifies the derivation; use a constant owned by the deriving class
     */
    @SuppressWarnings("unchecked")
    public <T> T derived(Object key, Function<BlockStructure, T> derivation) {
        requireNonNull(key, "key is null");
        var value = derived.get(key);
        if (value == null) {
            // Not computeIfAbsent: a derivation may ask for another derived value, which that forbids.
            value = requireNonNull(derivation.apply(this), "derivation returned null");
            var raced = derived.putIfAbsent(key, value);
            value = raced == null ? value : raced;
        }
        return (T) value;
    }

    @Override
    public String toString() {
        return "BlockStructure[" + courseKey + " version " + courseVersion + ", " + blockKeys.size() + " blocks]";
    }

    /**
     * Returns whether the other structure has the same course, version, blocks, relations, fields,
     * transformer data and versions. Meant for tests and codec checks; it walks every block.
     */
    public boolean isSameAs(BlockStructure other) {
        requireNonNull(other, "other is null");
        return courseKey.equals(other.courseKey) && courseVersion.equals(other.courseVersion)
                && blockKeys.isSameAs(other.blockKeys) && relations.isSameAs(other.relations)
                && fields.equals(other.fields)
                && transformerData.equals(other.transformerData)
                && transformerVersions.equals(other.transformerVersions);
    }
}
