package io.strata.adapters.olx;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** Makes the SHA-256 digests the import uses for versions, generated ids and extraction names. */
final class Digests {
    private Digests() {
    }

    /** Returns a fresh SHA-256 digest; every Java platform must provide one. */
    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }
}
