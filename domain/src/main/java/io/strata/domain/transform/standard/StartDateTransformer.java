package io.strata.domain.transform.standard;

import io.strata.domain.structure.BlockStructure;
import io.strata.domain.transform.BlockFilter;
import io.strata.domain.transform.CollectContext;
import io.strata.domain.transform.FilteringTransformer;
import io.strata.domain.transform.TransformContext;

import java.time.Duration;
import java.time.Instant;

/**
 * Hides blocks that have not started yet from learners.
 *
 * <p>Collect records each block's merged start: the root's own start, and for any other block the
 * later of its own start and the earliest merged start among its parents (a block reachable by an
 * open path is open). A missing start restricts nothing; a block with no start on any path has no
 * merged start and is always open. It also records the course's {@code days_early_for_beta}.
 *
 * <p>Transform removes, with their descendants, the blocks whose merged start is after the request
 * time; a beta tester's request time is moved that many days later. Staff and all-blocks requests
 * keep everything. Open edX hides a block whose start is exactly now; this one shows it.
 */
public final class StartDateTransformer implements FilteringTransformer {
    /** Names this transformer. */
    public static final String NAME = "start_date";
    /** Names the recorded merged start of a block, an {@link Instant}; absent when it has none. */
    public static final String MERGED_START = "merged_start";
    /** Names the course's days-early-for-beta, a {@link Double}, recorded on the root; absent when unset. */
    public static final String DAYS_EARLY_FOR_BETA = "days_early_for_beta";

    private static final long SECONDS_PER_DAY = Duration.ofDays(1).toSeconds();

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
        for (int block : context.topologicalOrder()) {
            var own = (Instant) context.field(block, "start");
            var merged = block == context.root() ? own : later(own, earliestParentStart(context, block));
            context.setData(block, MERGED_START, merged);
        }
        context.setData(context.root(), DAYS_EARLY_FOR_BETA, context.field(context.root(), "days_early_for_beta"));
    }

    /** Returns the earliest merged start of the block's parents, or null when one of them has none. */
    private static Instant earliestParentStart(CollectContext context, int block) {
        Instant earliest = null;
        for (int parent : context.parents(block)) {
            var start = (Instant) context.data(parent, MERGED_START);
            if (start == null) {
                return null;
            }
            earliest = earliest == null || start.isBefore(earliest) ? start : earliest;
        }
        return earliest;
    }

    private static Instant later(Instant first, Instant second) {
        if (first == null || second == null) {
            return first == null ? second : first;
        }
        return first.isAfter(second) ? first : second;
    }

    @Override
    public BlockFilter filter(TransformContext context) {
        var user = context.user();
        if (user.seesEverything()) {
            return BlockFilter.keepAll();
        }
        var structure = context.structure();
        var cutoff = user.isBetaTester() ? user.now().plusSeconds(betaSeconds(structure)) : user.now();
        return BlockFilter.removing(block -> {
            var start = (Instant) structure.transformerData(NAME, block, MERGED_START);
            return start != null && start.isAfter(cutoff);
        });
    }

    private static long betaSeconds(BlockStructure structure) {
        var days = (Double) structure.transformerData(NAME, structure.root(), DAYS_EARLY_FOR_BETA);
        return days == null || days <= 0 ? 0 : Math.round(days * SECONDS_PER_DAY);
    }
}
