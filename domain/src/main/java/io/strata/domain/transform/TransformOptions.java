package io.strata.domain.transform;

import io.strata.domain.key.UsageKey;

import java.util.Collections;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import static java.util.Objects.requireNonNull;

/**
 * Is what a request asks of the transform besides who asks: the block to start at and the options
 * of the Blocks API transformers.
 *
 * @param startBlock the block the view is rooted at; empty for the course root
 * @param maxDepth blocks deeper than this below the start block are removed; empty for no limit
 * @param navDepth the navigation depth for {@code descendants} lists; empty for none
 * @param blockCountTypes the block types to count under each block; sorted, empty for none
 * @param allowsStartDatesInFuture whether blocks that have not started are kept for everyone (Open
 *     edX's {@code allow_start_dates_in_future}, used by previews of the outline)
 * @param hidesAccessDenials whether blocks kept only to show an access-denied message (such as a
 *     verified-only unit for an audit learner) are removed instead (Blocks API v1)
 * @param studentViewDataTypes the block types whose {@code student_view_data} is returned; sorted
 */
public record TransformOptions(Optional<UsageKey> startBlock, Optional<Integer> maxDepth,
        Optional<Integer> navDepth, Set<String> blockCountTypes, boolean allowsStartDatesInFuture,
        boolean hidesAccessDenials, Set<String> studentViewDataTypes) {
    private static final TransformOptions NONE =
            new TransformOptions(Optional.empty(), Optional.empty(), Optional.empty(), Set.of());

    public TransformOptions {
        requireNonNull(startBlock, "startBlock is null");
        requireNonNull(maxDepth, "maxDepth is null");
        requireNonNull(navDepth, "navDepth is null");
        requireNonNull(blockCountTypes, "blockCountTypes is null");
        requireNonNull(studentViewDataTypes, "studentViewDataTypes is null");
        if (maxDepth.isPresent() && maxDepth.get() < 0) {
            throw new IllegalArgumentException("maxDepth must not be negative: " + maxDepth.get());
        }
        if (navDepth.isPresent() && navDepth.get() < 0) {
            throw new IllegalArgumentException("navDepth must not be negative: " + navDepth.get());
        }
        blockCountTypes = Collections.unmodifiableSortedSet(new TreeSet<>(blockCountTypes));
        studentViewDataTypes = Collections.unmodifiableSortedSet(new TreeSet<>(studentViewDataTypes));
    }

    /**
     * Creates options that honour start dates, keep access-denied blocks with their reason (Blocks
     * API v2) and return no student view data.
     */
    public TransformOptions(Optional<UsageKey> startBlock, Optional<Integer> maxDepth, Optional<Integer> navDepth,
            Set<String> blockCountTypes) {
        this(startBlock, maxDepth, navDepth, blockCountTypes, false, false, Set.of());
    }

    /** Returns the options of a request for the whole course with no Blocks API option. */
    public static TransformOptions none() {
        return NONE;
    }

    /** Returns a copy of these options that removes access-denied blocks (true) or keeps them. */
    public TransformOptions withHidesAccessDenials(boolean hides) {
        return new TransformOptions(startBlock, maxDepth, navDepth, blockCountTypes, allowsStartDatesInFuture,
                hides, studentViewDataTypes);
    }

    /** Returns a copy of these options that keeps blocks not started yet (true) or removes them. */
    public TransformOptions withAllowsStartDatesInFuture(boolean allows) {
        return new TransformOptions(startBlock, maxDepth, navDepth, blockCountTypes, allows, hidesAccessDenials,
                studentViewDataTypes);
    }
}
