package io.strata.domain.api;

/** Is the shape of a Blocks API response, Open edX's {@code return_type}. */
public enum ReturnType {
    /** Returns {@code {"root": id, "blocks": {id: block, ...}}}. */
    DICT,
    /** Returns {@code [block, ...]}. */
    LIST
}
