package io.strata.domain.transform;

import io.strata.domain.key.UsageKey;
import io.strata.domain.structure.BlockStructureBuilder;

import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * Is what one transformer's collect phase works with: the course's blocks and relations (already
 * complete), every source field of every block (including the ones not kept), and a place to record
 * the transformer's own data under its name.
 *
 * <p>Confined to the thread collecting the course.
 */
public final class CollectContext {
    private final String transformer;
    private final BlockStructureBuilder builder;
    private final List<Map<String, Object>> sourceFields;
    private final int[] topologicalOrder;

    CollectContext(String transformer, BlockStructureBuilder builder, List<Map<String, Object>> sourceFields,
            int[] topologicalOrder) {
        this.transformer = requireNonNull(transformer, "transformer is null");
        this.builder = builder;
        this.sourceFields = sourceFields;
        this.topologicalOrder = topologicalOrder;
    }

    /** Returns the builder of the structure being collected, for the rare transformer that needs it. */
    public BlockStructureBuilder builder() {
        return builder;
    }

    /** Returns the number of blocks. */
    public int size() {
        return builder.size();
    }

    /** Returns the index of the course root; always 0. */
    public int root() {
        return 0;
    }

    /** Returns the usage key of the block. */
    public UsageKey key(int block) {
        return builder.key(block);
    }

    /** Returns the block's children in course order; unmodifiable. */
    public List<Integer> children(int block) {
        return builder.children(block);
    }

    /** Returns the block's parents; unmodifiable; empty for the root only. */
    public List<Integer> parents(int block) {
        return builder.parents(block);
    }

    /**
     * Returns every block index with each block after all of its parents, the root first. For a tree
     * this is pre-order.
     */
    public int[] topologicalOrder() {
        return topologicalOrder.clone();
    }

    /** Returns the value the source gave for a field of the block, kept or not; null when it gave none. */
    public Object sourceField(int block, String name) {
        return sourceFields.get(block).get(name);
    }

    /** Returns the kept (normalized) value of a collected field of the block, or null. */
    public Object field(int block, String name) {
        return builder.field(block, name);
    }

    /** Records a value for the block under this transformer's name; a null value removes it. */
    public void setData(int block, String name, Object value) {
        builder.setTransformerData(transformer, block, name, value);
    }

    /** Returns a value this transformer recorded for the block so far, or null. */
    public Object data(int block, String name) {
        return builder.transformerData(transformer, block, name);
    }
}
