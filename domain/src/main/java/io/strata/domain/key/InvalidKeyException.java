package io.strata.domain.key;

import io.strata.ports.InputRejectedException;

/** Signals that a string is not a valid course or usage key; the message names the string. */
public class InvalidKeyException extends InputRejectedException {
    public InvalidKeyException(String message) {
        super(message);
    }
}
