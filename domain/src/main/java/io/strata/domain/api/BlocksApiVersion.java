package io.strata.domain.api;

/** Is the version of the Blocks API a request is served by; they differ in access-denied blocks. */
public enum BlocksApiVersion {
    /**
     * Is {@code /api/courses/v1/blocks/}: a block the learner may not open but could upgrade to
     * (such as verified-only content for an audit learner) is left out.
     */
    V1,
    /**
     * Is {@code /api/courses/v2/blocks/}: such a block is returned with
     * {@code authorization_denial_reason} and {@code authorization_denial_message}.
     */
    V2
}
