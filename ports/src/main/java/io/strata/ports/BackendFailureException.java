package io.strata.ports;

/**
 * Signals that a backend answered but the operation failed in a way that retrying will not fix
 * (permission denied, a full disk, an unexpected reply). Someone has to act.
 */
public class BackendFailureException extends StrataException {
    public BackendFailureException(String message, Throwable cause) {
        super(message, cause);
    }
}
