package io.strata.domain.manager;

import io.strata.domain.structure.BlockStructure;

import static java.util.Objects.requireNonNull;

/**
 * Is the current collected structure of a course and where it came from.
 *
 * @param structure the structure, shared and immutable
 * @param source the tier that answered, or {@link #COLLECTED} when it was collected for this call
 * @param encodedBytes the payload length
 */
public record LoadedStructure(BlockStructure structure, String source, int encodedBytes) {
    /** Is the source of a structure collected from the course source rather than loaded. */
    public static final String COLLECTED = "collected";

    public LoadedStructure {
        requireNonNull(structure, "structure is null");
        requireNonNull(source, "source is null");
    }

    /** Returns whether the structure was collected rather than loaded from a tier. */
    public boolean isCollected() {
        return COLLECTED.equals(source);
    }
}
