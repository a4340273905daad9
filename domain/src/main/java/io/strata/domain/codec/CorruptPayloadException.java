package io.strata.domain.codec;

/**
 * Signals that stored bytes are not a valid payload: a wrong magic number, an unknown format
 * version, a failed checksum, a truncated or overlong payload, or a body that does not describe a
 * valid structure. Nothing decoded from such bytes is ever returned; the caller treats them as a
 * miss and replaces them.
 */
public class CorruptPayloadException extends RuntimeException {
    public CorruptPayloadException(String message) {
        super(message);
    }

    public CorruptPayloadException(String message, Throwable cause) {
        super(message, cause);
    }
}
