package io.strata.app.http;

import java.util.Locale;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Is a request the service refuses, with the HTTP status that says why: 400 for a malformed
 * parameter (named in {@link #parameter()}), 401 without valid credentials, 403 for a caller who
 * may not see what it asked, 404 for an unknown course, user or block. Its message goes into the
 * response as it is, so it names the item and never holds a secret.
 */
final class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final transient Optional<String> parameter;

    private ApiException(int status, Optional<String> parameter, String message) {
        super(requireNonNull(message, "message is null"), null, false, false);
        this.status = status;
        this.parameter = parameter;
    }

    /** Returns a 400 naming the parameter whose value is not accepted. */
    static ApiException badParameter(String parameter, String format, Object... arguments) {
        return new ApiException(400, Optional.of(parameter), String.format(Locale.ROOT, format, arguments));
    }

    /** Returns a 401: no credentials, or credentials that are not valid. */
    static ApiException unauthenticated(String format, Object... arguments) {
        return new ApiException(401, Optional.empty(), String.format(Locale.ROOT, format, arguments));
    }

    /** Returns a 403: the caller is known but may not see what it asked. */
    static ApiException forbidden(String format, Object... arguments) {
        return new ApiException(403, Optional.empty(), String.format(Locale.ROOT, format, arguments));
    }

    /** Returns a 404 for an unknown course, user or block. */
    static ApiException notFound(String message) {
        return new ApiException(404, Optional.empty(), message);
    }

    /** Returns the HTTP status. */
    int status() {
        return status;
    }

    /** Returns the query parameter that was refused, for a 400. */
    Optional<String> parameter() {
        return parameter;
    }
}
