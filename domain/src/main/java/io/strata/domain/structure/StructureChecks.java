package io.strata.domain.structure;

import io.strata.domain.key.UsageKey;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Checks the parts handed to {@link BlockStructure#assemble}: what the builder guarantees by
 * construction, checked here in one linear pass over plain arrays so that loading stays cheap.
 */
final class StructureChecks {
    private StructureChecks() {
    }

    static void checkParts(UsageKey[] keys, int[][] children, int[][] parents, List<Map<String, Object>> fields,
            Map<String, List<Map<String, Object>>> transformerData) {
        int size = keys.length;
        if (size == 0 || children.length != size || parents.length != size || fields.size() != size) {
            throw new IllegalStateException(String.format(Locale.ROOT,
                    "Parts disagree on the block count: keys[%d], children[%d], parents[%d], fields[%d]",
                    size, children.length, parents.length, fields.size()));
        }
        transformerData.forEach((name, perBlock) -> {
            if (perBlock.size() != size) {
                throw new IllegalStateException(String.format(Locale.ROOT,
                        "Transformer[%s] has data for %d blocks, expected %d", name, perBlock.size(), size));
            }
        });
        checkParentsMatchChildren(keys, children, parents);
        checkReachableAndAcyclic(keys, children);
    }

    /** Checks that each block's parents are exactly the blocks listing it as a child, once each. */
    private static void checkParentsMatchChildren(UsageKey[] keys, int[][] children, int[][] parents) {
        int size = keys.length;
        var listed = new int[size];
        for (var kids : children) {
            for (int child : kids) {
                if (child <= 0 || child >= size) {
                    throw new IllegalStateException("Child index[" + child + "] is the root or out of range");
                }
                listed[child]++;
            }
        }
        var lastParentMark = new int[size];
        for (int block = 0; block < size; block++) {
            if (parents[block].length != listed[block]) {
                throw new IllegalStateException("Block[" + keys[block] + "] has parents that do not list it");
            }
            for (int parent : parents[block]) {
                if (parent < 0 || parent >= size || !contains(children[parent], block)) {
                    throw new IllegalStateException("Block[" + keys[block] + "] names a parent that does not list it");
                }
            }
            // A child listed twice by one parent would pass the counts; catch it per parent.
            for (int child : children[block]) {
                if (lastParentMark[child] == block + 1) {
                    throw new IllegalStateException("Block[" + keys[child] + "] is listed twice by block["
                            + keys[block] + "]");
                }
                lastParentMark[child] = block + 1;
            }
        }
    }

    private static boolean contains(int[] values, int wanted) {
        for (int value : values) {
            if (value == wanted) {
                return true;
            }
        }
        return false;
    }

    private static void checkReachableAndAcyclic(UsageKey[] keys, int[][] children) {
        int size = keys.length;
        // 0 unvisited, 1 on the current path, 2 done.
        var state = new byte[size];
        var stackBlock = new int[size];
        var stackPosition = new int[size];
        int depth = 0;
        stackBlock[0] = 0;
        state[0] = 1;
        int visited = 1;
        while (depth >= 0) {
            int block = stackBlock[depth];
            if (stackPosition[depth] == children[block].length) {
                state[block] = 2;
                depth--;
                continue;
            }
            int next = children[block][stackPosition[depth]++];
            if (state[next] == 1) {
                throw new IllegalStateException("Block[" + keys[next] + "] is its own ancestor");
            }
            if (state[next] == 0) {
                state[next] = 1;
                visited++;
                depth++;
                stackBlock[depth] = next;
                stackPosition[depth] = 0;
            }
        }
        if (visited != size) {
            for (int block = 0; block < size; block++) {
                if (state[block] == 0) {
                    throw new IllegalStateException("Block[" + keys[block] + "] is not reachable from the root");
                }
            }
        }
    }
}
