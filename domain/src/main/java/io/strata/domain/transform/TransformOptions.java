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
 */
public record TransformOptions(Optional<UsageKey> startBlock, Optional<Integer> maxDepth,
        Optional<Integer> navDepth, Set<String> blockCountTypes) {
    private static final TransformOptions NONE =
            new TransformOptions(Optional.empty(), Optional.empty(), Optional.empty(), Set.of());

    public TransformOptions {
        requireNonNull(startBlock, "startBlock is null");
        requireNonNull(maxDepth, "maxDepth is null");
        requireNonNull(navDepth, "navDepth is null");
        requireNonNull(blockCountTypes, "blockCountTypes is null");
        if (maxDepth.isPresent() && maxDepth.get() < 0) {
            throw new IllegalArgumentException("maxDepth must not be negative: " + maxDepth.get());
        }
        if (navDepth.isPresent() && navDepth.get() < 0) {
            throw new IllegalArgumentException("navDepth must not be negative: " + navDepth.get());
        }
        blockCountTypes = Collections.unmodifiableSortedSet(new TreeSet<>(blockCountTypes));
    }

    /** Returns the options of a request for the whole course with no Blocks API option. */
    public static TransformOptions none() {
        return NONE;
    }
}
