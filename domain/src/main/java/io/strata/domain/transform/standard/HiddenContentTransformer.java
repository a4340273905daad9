package io.strata.domain.transform.standard;

import io.strata.domain.structure.BlockStructure;
import io.strata.domain.transform.BlockFilter;
import io.strata.domain.transform.CollectContext;
import io.strata.domain.transform.FilteringTransformer;
import io.strata.domain.transform.TransformContext;

import java.time.Instant;
import java.util.BitSet;

/**
 * Hides content after its due date when the course asks for it, as Open edX's
 * {@code HiddenContentTransformer}.
 *
 * <p>Collect records each block's merged {@code hide_after_due}: true when the block sets it, or
 * when every one of its parents has it merged (so one path without it keeps a shared block
 * visible). For each such block it also records the due date the block inherits (its own
 * {@code due}, else its first parent's inherited one), and on the root whether the course is
 * self-paced and its end.
 *
 * <p>Transform removes, with their descendants, the blocks with merged {@code hide_after_due} whose
 * hiding date has passed ({@code now < date} keeps them): the block's due date in an
 * instructor-paced course, the course end in a self-paced one. A block without such a date stays.
 * Staff and all-blocks requests keep everything.
 */
public final class HiddenContentTransformer implements FilteringTransformer {
    /** Names this transformer. */
    public static final String NAME = "hidden_content";
    /** Names the recorded flag, {@code true}, of a block whose merged hide_after_due is set. */
    public static final String MERGED_HIDE_AFTER_DUE = "merged_hide_after_due";
    /** Names the recorded inherited due date, an {@link Instant}, of a block hidden after it. */
    public static final String DUE = "due";
    /** Names the flag, on the root, telling that some block has merged hide_after_due. */
    public static final String ANY_HIDDEN = "any_hide_after_due";
    /** Names the course's self-paced flag, on the root. */
    public static final String SELF_PACED = "self_paced";
    /** Names the course end, an {@link Instant}, on the root; absent when unset. */
    public static final String COURSE_END = "course_end";

    /** Keys the {@link Hiding} derived once per structure. */
    private static final Object HIDING = new Object();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int writeVersion() {
        return 1;
    }

    @Override
    public int readVersion() {
        return 1;
    }

    @Override
    public void collect(CollectContext context) {
        int size = context.size();
        var merged = new boolean[size];
        var inheritedDue = new Instant[size];
        boolean any = false;
        for (int block : context.topologicalOrder()) {
            var parents = context.parents(block);
            var own = (Instant) context.field(block, "due");
            inheritedDue[block] = own != null || parents.isEmpty() ? own : inheritedDue[parents.get(0)];
            merged[block] = SourceValues.isTrue(context.key(block), "hide_after_due",
                    context.sourceField(block, "hide_after_due")) || !parents.isEmpty() && allMerged(parents, merged);
            if (merged[block]) {
                any = true;
                context.setData(block, MERGED_HIDE_AFTER_DUE, Boolean.TRUE);
                context.setData(block, DUE, inheritedDue[block]);
            }
        }
        int root = context.root();
        if (any) {
            context.setData(root, ANY_HIDDEN, Boolean.TRUE);
        }
        context.setData(root, SELF_PACED, Boolean.TRUE.equals(context.field(root, "self_paced")));
        context.setData(root, COURSE_END,
                SourceValues.instant(context.key(root), "end", context.sourceField(root, "end")));
    }

    private static boolean allMerged(Iterable<Integer> parents, boolean[] merged) {
        for (int parent : parents) {
            if (!merged[parent]) {
                return false;
            }
        }
        return true;
    }

    @Override
    public BlockFilter filter(TransformContext context) {
        var structure = context.structure();
        int root = structure.root();
        if (context.user().seesEverything() || structure.transformerData(NAME, root, ANY_HIDDEN) == null) {
            return BlockFilter.keepAll();
        }
        var now = context.time();
        boolean selfPaced = Boolean.TRUE.equals(structure.transformerData(NAME, root, SELF_PACED));
        var courseEnd = (Instant) structure.transformerData(NAME, root, COURSE_END);
        var hiding = structure.derived(HIDING, Hiding::of);
        return BlockFilter.removing(block -> {
            if (!hiding.merged.get(block)) {
                return false;
            }
            var date = selfPaced ? courseEnd : hiding.dues[block];
            return date != null && !now.isBefore(date);
        });
    }

    /** Is the collected merged flag and due date of every block, read once per structure. */
    private record Hiding(BitSet merged, Instant[] dues) {
        static Hiding of(BlockStructure structure) {
            var merged = new BitSet(structure.size());
            var dues = new Instant[structure.size()];
            for (int block = 0; block < structure.size(); block++) {
                if (structure.transformerData(NAME, block, MERGED_HIDE_AFTER_DUE) != null) {
                    merged.set(block);
                    dues[block] = (Instant) structure.transformerData(NAME, block, DUE);
                }
            }
            return new Hiding(merged, dues);
        }
    }
}
