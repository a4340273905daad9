package io.strata.domain.transform.standard;

import io.strata.domain.structure.BlockStructure;
import io.strata.domain.transform.BlockFilter;
import io.strata.domain.transform.CollectContext;
import io.strata.domain.transform.FilteringTransformer;
import io.strata.domain.transform.RequestTime;
import io.strata.domain.transform.TransformContext;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Objects;
import java.util.function.IntPredicate;

/**
 * Hides blocks that have not started yet from learners, as Open edX's {@code StartDateTransformer}.
 *
 * <p>Collect records each block's merged start: the root's own start, or {@link #DEFAULT_START}
 * (Open edX's default course start) when it has none; for any other block the earliest merged start
 * among its parents (a block reachable by an open path is open), or the later of that and the
 * block's own start when it has one. It also records each block's inherited
 * {@code days_early_for_beta}: its own value, else its first parent's, as field inheritance gives.
 *
 * <p>Transform removes, with their descendants, the blocks whose merged start is not before the
 * request time ({@code now > start} grants access, as in Open edX, so a block starting exactly now
 * is still hidden). A beta tester's start is moved earlier by the block's days early for beta.
 * Staff, all-blocks requests and requests that allow start dates in the future keep everything.
 * When a block is hidden this way, the view's root gets {@link #HAS_SCHEDULED_CONTENT} request data.
 */
public final class StartDateTransformer implements FilteringTransformer {
    /** Names this transformer. */
    public static final String NAME = "start_date";
    /** Names the recorded merged start of a block, an {@link Instant}; every block has one. */
    public static final String MERGED_START = "merged_start";
    /** Names a block's inherited days-early-for-beta, a {@link Double}; absent when unset. */
    public static final String DAYS_EARLY_FOR_BETA = "days_early_for_beta";
    /**
     * Names the list, recorded on the root, of the block indexes (as {@code Long}) that can be
     * hidden while the root is shown: a merged start after the root's, or other days early for beta.
     */
    public static final String SCHEDULED_BLOCKS = "scheduled_blocks";
    /** Names the request data, {@code true} on the view's root, set when unstarted content was hidden. */
    public static final String HAS_SCHEDULED_CONTENT = "has_scheduled_content";
    /** Is the start Open edX gives a course that sets none: 2030-01-01 UTC. */
    public static final Instant DEFAULT_START = Instant.parse("2030-01-01T00:00:00Z");

    private static final double SECONDS_PER_DAY = Duration.ofDays(1).toSeconds();
    /** Keys the {@link Schedule} derived once per structure. */
    private static final Object SCHEDULE = new Object();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int writeVersion() {
        return 3;
    }

    @Override
    public int readVersion() {
        return 3;
    }

    @Override
    public void collect(CollectContext context) {
        for (int block : context.topologicalOrder()) {
            var own = (Instant) context.field(block, "start");
            var parents = context.parents(block);
            Instant merged;
            if (parents.isEmpty()) {
                merged = own == null ? DEFAULT_START : own;
            } else {
                var parentStart = earliestParentStart(context, block);
                merged = own == null || own.isBefore(parentStart) ? parentStart : own;
            }
            context.setData(block, MERGED_START, merged);
            var days = context.field(block, "days_early_for_beta");
            if (days == null && !parents.isEmpty()) {
                days = context.data(parents.get(0), DAYS_EARLY_FOR_BETA);
            }
            context.setData(block, DAYS_EARLY_FOR_BETA, days);
        }
        recordScheduledBlocks(context);
    }

    private static void recordScheduledBlocks(CollectContext context) {
        int root = context.root();
        var rootStart = (Instant) context.data(root, MERGED_START);
        var rootDays = context.data(root, DAYS_EARLY_FOR_BETA);
        var scheduled = new ArrayList<Long>();
        for (int block = 0; block < context.size(); block++) {
            var start = (Instant) context.data(block, MERGED_START);
            if (block != root && (start.isAfter(rootStart)
                    || !Objects.equals(context.data(block, DAYS_EARLY_FOR_BETA), rootDays))) {
                scheduled.add((long) block);
            }
        }
        context.setData(root, SCHEDULED_BLOCKS, scheduled);
    }

    private static Instant earliestParentStart(CollectContext context, int block) {
        Instant earliest = null;
        for (int parent : context.parents(block)) {
            var start = (Instant) context.data(parent, MERGED_START);
            earliest = earliest == null || start.isBefore(earliest) ? start : earliest;
        }
        return earliest;
    }

    @Override
    public BlockFilter filter(TransformContext context) {
        var user = context.user();
        if (user.seesEverything() || context.options().allowsStartDatesInFuture()) {
            return BlockFilter.keepAll();
        }
        var structure = context.structure();
        var view = context.view();
        var now = context.time();
        boolean isBetaTester = user.isBetaTester();
        var schedule = structure.derived(SCHEDULE, Schedule::of);
        if (!now.isAfter(schedule.effectiveStart(structure.root(), isBetaTester))) {
            // Every block starts no earlier than the root, so the whole course is hidden.
            view.setData(view.root(), HAS_SCHEDULED_CONTENT, Boolean.TRUE);
            return BlockFilter.removing(block -> true);
        }
        if (now.isAfter(isBetaTester ? schedule.latestBetaStart : schedule.latestStart)) {
            return BlockFilter.keepAll();
        }
        // Decided per block asked, not per scheduled block: a request often asks far fewer.
        var flagged = new boolean[1];
        return BlockFilter.removing(block -> {
            if (!schedule.scheduled.get(block) || now.isAfter(schedule.effectiveStart(block, isBetaTester))) {
                return false;
            }
            if (!flagged[0]) {
                flagged[0] = true;
                view.setData(view.root(), HAS_SCHEDULED_CONTENT, Boolean.TRUE);
            }
            return true;
        }).withAfterPartialPass(wouldBeAsked -> {
            if (view.data(view.root(), HAS_SCHEDULED_CONTENT) == null
                    && schedule.hasHiddenAsked(now, isBetaTester, wouldBeAsked)) {
                view.setData(view.root(), HAS_SCHEDULED_CONTENT, Boolean.TRUE);
            }
        });
    }

    /**
     * Is what the filter reads of the collected data, read once per structure: the merged start and
     * days early for beta of each block, and the blocks that may be hidden while the root is shown.
     */
    private static final class Schedule {
        private final Instant[] starts;
        private final Double[] daysEarly;
        private final BitSet scheduled;
        /** Is the latest start of a scheduled block (the root's when none), for anyone else than a beta tester. */
        private final Instant latestStart;
        /** Is the latest start of a scheduled block (the root's when none) for a beta tester. */
        private final Instant latestBetaStart;

        /**
         * Is, for anyone else than a beta tester and for a beta tester, the scheduled blocks that
         * start later than one of their parents, the latest start first: a block hidden by its
         * start is asked about only if some parent is not hidden, so one of these is asked first.
         */
        private final int[] entries;
        private final int[] betaEntries;

        private Schedule(BlockStructure structure, Instant[] starts, Double[] daysEarly, BitSet scheduled) {
            this.starts = starts;
            this.daysEarly = daysEarly;
            this.scheduled = scheduled;
            this.entries = entriesOf(structure, false);
            this.betaEntries = entriesOf(structure, true);
            var latest = effectiveStart(0, false);
            var latestBeta = effectiveStart(0, true);
            for (int block = scheduled.nextSetBit(0); block >= 0; block = scheduled.nextSetBit(block + 1)) {
                latest = later(latest, effectiveStart(block, false));
                latestBeta = later(latestBeta, effectiveStart(block, true));
            }
            this.latestStart = latest;
            this.latestBetaStart = latestBeta;
        }

        static Schedule of(BlockStructure structure) {
            int size = structure.size();
            var starts = new Instant[size];
            var daysEarly = new Double[size];
            for (int block = 0; block < size; block++) {
                starts[block] = (Instant) structure.transformerData(NAME, block, MERGED_START);
                daysEarly[block] = (Double) structure.transformerData(NAME, block, DAYS_EARLY_FOR_BETA);
            }
            return new Schedule(structure, starts, daysEarly,
                    Derived.blocks(structure.transformerData(NAME, structure.root(), SCHEDULED_BLOCKS)));
        }

        private int[] entriesOf(BlockStructure structure, boolean isBetaTester) {
            var entered = new ArrayList<Integer>();
            for (int block = scheduled.nextSetBit(0); block >= 0; block = scheduled.nextSetBit(block + 1)) {
                var start = effectiveStart(block, isBetaTester);
                for (int slot = 0; slot < structure.parentCount(block); slot++) {
                    if (effectiveStart(structure.parent(block, slot), isBetaTester).isBefore(start)) {
                        entered.add(block);
                        break;
                    }
                }
            }
            entered.sort((one, other) -> effectiveStart(other, isBetaTester).compareTo(
                    effectiveStart(one, isBetaTester)));
            return entered.stream().mapToInt(Integer::intValue).toArray();
        }

        /**
         * Returns whether a block hidden at {@code now} by its start is one the full pass asks
         * about, as {@code wouldBeAsked} tells: the answer the filter gives by being asked.
         */
        boolean hasHiddenAsked(RequestTime now, boolean isBetaTester, IntPredicate wouldBeAsked) {
            for (int block : isBetaTester ? betaEntries : entries) {
                if (now.isAfter(effectiveStart(block, isBetaTester))) {
                    return false;
                }
                if (wouldBeAsked.test(block)) {
                    return true;
                }
            }
            return false;
        }

        private static Instant later(Instant one, Instant other) {
            return other.isAfter(one) ? other : one;
        }

        /** Returns the block's merged start, moved earlier by its days early for beta for a beta tester. */
        Instant effectiveStart(int block, boolean isBetaTester) {
            var start = starts[block];
            if (!isBetaTester) {
                return start;
            }
            var days = daysEarly[block];
            return days == null ? start : start.minusSeconds(Math.round(days * SECONDS_PER_DAY));
        }
    }
}
