package io.strata.ports;

import static java.util.Objects.requireNonNull;

/**
 * Names a block inside one course source by its type and its id (the OLX {@code url_name}).
 * Together with the course key they make the block's usage key.
 */
public record SourceBlockId(String type, String id) {
    public SourceBlockId {
        requireNonNull(type, "type is null");
        requireNonNull(id, "id is null");
        if (type.isEmpty() || id.isEmpty()) {
            throw new IllegalArgumentException("block type and id must not be empty: " + type + "@" + id);
        }
    }

    @Override
    public String toString() {
        return type + "@" + id;
    }
}
