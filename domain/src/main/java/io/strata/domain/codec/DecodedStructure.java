package io.strata.domain.codec;

import io.strata.domain.structure.BlockStructure;

import static java.util.Objects.requireNonNull;

/**
 * Is what a payload held: the structure, the transformer write-version hash it was encoded with,
 * and the format version of its bytes.
 */
public record DecodedStructure(BlockStructure structure, String transformerHash, int formatVersion) {
    public DecodedStructure {
        requireNonNull(structure, "structure is null");
        requireNonNull(transformerHash, "transformerHash is null");
    }
}
