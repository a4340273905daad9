package io.strata.ports;

import static java.util.Objects.requireNonNull;

/**
 * Holds a credential (a password, a token) so that it never reaches a log or an error message by
 * accident: {@link #toString()} redacts it, and only {@link #reveal()} returns it. Immutable.
 */
public final class Secret {
    private final String value;

    private Secret(String value) {
        this.value = value;
    }

    /**
     * Returns a secret holding the value.
     *
     * @throws NullPointerException when value is null
     * @throws IllegalArgumentException when value is empty
     */
    public static Secret of(String value) {
        requireNonNull(value, "value is null");
        if (value.isEmpty()) {
            throw new IllegalArgumentException("A secret must not be empty; leave the setting unset instead");
        }
        return new Secret(value);
    }

    /** Returns the credential itself, for the client library that sends it; never log it. */
    public String reveal() {
        return value;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Secret secret && secret.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    /** Returns {@code ******}, never the value. */
    @Override
    public String toString() {
        return "******";
    }
}
