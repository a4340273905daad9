package io.strata.ports;

/**
 * Is the root of every exception a port may throw. Subclasses are sorted by what the caller can do
 * about the failure: {@link ItemNotFoundException} (nothing there), {@link InputRejectedException}
 * (the input is wrong; fix it, do not retry), {@link BackendUnavailableException} (retry later or
 * fall through to another tier) and {@link BackendFailureException} (a bug or a broken backend).
 */
public abstract class StrataException extends RuntimeException {
    protected StrataException(String message) {
        super(message);
    }

    protected StrataException(String message, Throwable cause) {
        super(message, cause);
    }
}
