package io.strata.domain.store;

import io.strata.domain.structure.BlockStructure;

import static java.util.Objects.requireNonNull;

/**
 * Is a structure loaded from a tier.
 *
 * @param structure the decoded structure
 * @param encodedBytes the length of its payload
 * @param tierName the tier that answered: a cache tier's name or {@link TieredStructureStore#DURABLE_TIER}
 */
public record StoredStructure(BlockStructure structure, int encodedBytes, String tierName) {
    public StoredStructure {
        requireNonNull(structure, "structure is null");
        requireNonNull(tierName, "tierName is null");
    }
}
