package io.strata.domain.transform;

import io.strata.domain.structure.BlockStructure;

import static java.util.Objects.requireNonNull;

/**
 * Is what one request's transformers work with: the request's view of the shared structure, the
 * user, the request options and the request time. Confined to the thread serving the request.
 *
 * @param time the request time ({@link UserContext#now()}): transformers compare dates to it through
 *     this object, never through the user's {@code now}, so the view's validity can be known
 */
public record TransformContext(TransformView view, UserContext user, TransformOptions options, RequestTime time) {
    public TransformContext {
        requireNonNull(view, "view is null");
        requireNonNull(user, "user is null");
        requireNonNull(options, "options is null");
        requireNonNull(time, "time is null");
    }

    /** Creates the context of a request served at the user's {@code now}. */
    public TransformContext(TransformView view, UserContext user, TransformOptions options) {
        this(view, user, options, new RequestTime(requireNonNull(user, "user is null").now()));
    }

    /** Returns the shared collected structure the view reads; never to be changed. */
    public BlockStructure structure() {
        return view.structure();
    }
}
