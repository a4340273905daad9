package io.strata.ports;

/**
 * Signals that an input (a course export, a key, a configuration value) is invalid or hostile and
 * was refused before anything was served from it. The message names the input; retrying the same
 * input gives the same answer.
 */
public class InputRejectedException extends StrataException {
    public InputRejectedException(String message) {
        super(message);
    }

    public InputRejectedException(String message, Throwable cause) {
        super(message, cause);
    }
}
