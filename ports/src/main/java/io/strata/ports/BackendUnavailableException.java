package io.strata.ports;

/**
 * Signals that a backend (a cache server, an object store, a folder on a detached disk) could not
 * be reached or did not answer in time. The operation may succeed if retried later; a cache tier
 * that throws it is treated as a miss by its callers.
 */
public class BackendUnavailableException extends StrataException {
    public BackendUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
