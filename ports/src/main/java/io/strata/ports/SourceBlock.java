package io.strata.ports;

import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * Is one block as a course source read it: its id, its field values and its children in order.
 *
 * <p>Field values are typed as the platform types them and are limited to {@code String},
 * {@code Boolean}, {@code Long}, {@code Double}, {@code java.time.Instant}, and {@code List} and
 * {@code Map<String, ?>} of those (no nulls). Both collections are unmodifiable copies.
 */
public record SourceBlock(SourceBlockId id, Map<String, Object> fields, List<SourceBlockId> children) {
    public SourceBlock {
        requireNonNull(id, "id is null");
        fields = Map.copyOf(requireNonNull(fields, "fields is null"));
        children = List.copyOf(requireNonNull(children, "children is null"));
    }
}
