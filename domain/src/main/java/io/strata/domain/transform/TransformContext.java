package io.strata.domain.transform;

import io.strata.domain.structure.BlockStructure;

import static java.util.Objects.requireNonNull;

/**
 * Is what one request's transformers work with: the request's view of the shared structure, the
 * user and the request options. Confined to the thread serving the request.
 */
public record TransformContext(TransformView view, UserContext user, TransformOptions options) {
    public TransformContext {
        requireNonNull(view, "view is null");
        requireNonNull(user, "user is null");
        requireNonNull(options, "options is null");
    }

    /** Returns the shared collected structure the view reads; never to be changed. */
    public BlockStructure structure() {
        return view.structure();
    }
}
