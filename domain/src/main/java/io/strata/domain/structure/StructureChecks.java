package io.strata.domain.structure;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Checks the parts handed to {@link BlockStructure#assemble}: what the builder guarantees by
 * construction, checked here in linear passes over plain arrays so that loading stays cheap.
 */
final class StructureChecks {
    private StructureChecks() {
    }

    static void checkParts(BlockKeys keys, Relations relations, List<Map<String, Object>> fields,
            Map<String, List<Map<String, Object>>> transformerData) {
        int size = keys.size();
        if (size == 0 || relations.size() != size || fields.size() != size) {
            throw new IllegalStateException(String.format(Locale.ROOT,
                    "Parts disagree on the block count: keys[%d], relations[%d], fields[%d]",
                    size, relations.size(), fields.size()));
        }
        transformerData.forEach((name, perBlock) -> {
            if (perBlock.size() != size) {
                throw new IllegalStateException(String.format(Locale.ROOT,
                        "Transformer[%s] has data for %d blocks, expected %d", name, perBlock.size(), size));
            }
        });
        var listed = checkChildren(keys, relations);
        if (!relations.isDerived()) {
            checkParentsMatchChildren(keys, relations, listed);
        }
        checkReachableAndAcyclic(keys, relations);
    }

    /**
     * Checks that every child index names a block other than the root, listed at most once by each
     * parent, and returns how many parents list each block.
     */
    private static int[] checkChildren(BlockKeys keys, Relations relations) {
        int size = keys.size();
        var targets = relations.childTargets();
        var listed = new int[size];
        var lastParentMark = new int[size];
        for (int block = 0; block < size; block++) {
            for (int i = relations.childStart(block), end = relations.childStart(block + 1); i < end; i++) {
                int child = targets[i];
                if (child <= 0 || child >= size) {
                    throw new IllegalStateException("Child index[" + child + "] is the root or out of range");
                }
                if (lastParentMark[child] == block + 1) {
                    throw new IllegalStateException("Block[" + keys.key(child) + "] is listed twice by block["
                            + keys.key(block) + "]");
                }
                lastParentMark[child] = block + 1;
                listed[child]++;
            }
        }
        return listed;
    }

    /**
     * Checks that each block's parents are exactly the blocks listing it as a child: derives the
     * parents in ascending order from the children, then compares each block's parents with them,
     * sorting a copy only when they were added in another order.
     */
    private static void checkParentsMatchChildren(BlockKeys keys, Relations relations, int[] listed) {
        int size = keys.size();
        for (int block = 0; block < size; block++) {
            if (relations.parentCount(block) != listed[block]) {
                throw new IllegalStateException("Block[" + keys.key(block) + "] has parents that do not list it");
            }
        }
        var expected = new int[relations.parentTargets().length];
        var filled = new int[size];
        var targets = relations.childTargets();
        for (int block = 0; block < size; block++) {
            for (int i = relations.childStart(block), end = relations.childStart(block + 1); i < end; i++) {
                int child = targets[i];
                expected[relations.parentStart(child) + filled[child]++] = block;
            }
        }
        var parents = relations.parentTargets();
        for (int block = 0; block < size; block++) {
            int start = relations.parentStart(block);
            int end = relations.parentStart(block + 1);
            if (!Arrays.equals(parents, start, end, expected, start, end) && !isPermutation(parents, expected,
                    start, end)) {
                throw new IllegalStateException("Block[" + keys.key(block) + "] names a parent that does not list it");
            }
        }
    }

    private static boolean isPermutation(int[] values, int[] ascending, int start, int end) {
        var sorted = Arrays.copyOfRange(values, start, end);
        Arrays.sort(sorted);
        return Arrays.equals(sorted, 0, sorted.length, ascending, start, end);
    }

    private static void checkReachableAndAcyclic(BlockKeys keys, Relations relations) {
        int size = keys.size();
        var targets = relations.childTargets();
        // 0 unvisited, 1 on the current path, 2 done.
        var state = new byte[size];
        var stackBlock = new int[size];
        // The next index into the child targets of the block at the same depth.
        var stackNext = new int[size];
        int depth = 0;
        stackBlock[0] = 0;
        stackNext[0] = relations.childStart(0);
        state[0] = 1;
        int visited = 1;
        while (depth >= 0) {
            int block = stackBlock[depth];
            if (stackNext[depth] == relations.childStart(block + 1)) {
                state[block] = 2;
                depth--;
                continue;
            }
            int next = targets[stackNext[depth]++];
            if (state[next] == 1) {
                throw new IllegalStateException("Block[" + keys.key(next) + "] is its own ancestor");
            }
            if (state[next] == 0) {
                state[next] = 1;
                visited++;
                depth++;
                stackBlock[depth] = next;
                stackNext[depth] = relations.childStart(next);
            }
        }
        if (visited != size) {
            for (int block = 0; block < size; block++) {
                if (state[block] == 0) {
                    throw new IllegalStateException("Block[" + keys.key(block) + "] is not reachable from the root");
                }
            }
        }
    }
}
