package io.strata.app.config;

import io.strata.ports.InputRejectedException;

/** Signals that the configuration is invalid; the message names the key and, where it helps, the allowed values. */
public class ConfigException extends InputRejectedException {
    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
