package io.strata.app.http;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Is who sends a request, as its credentials prove.
 *
 * @param username the user the caller is; empty for an anonymous or trusted caller
 * @param isAdministrator whether the caller is global staff (the {@code administrator} claim of an
 *     Open edX JWT): staff in every course
 * @param isTrusted whether the caller presented the trusted secret: it may act as any user
 */
record Caller(Optional<String> username, boolean isAdministrator, boolean isTrusted) {
    Caller {
        requireNonNull(username, "username is null");
    }

    /** Returns the caller of a request without credentials. */
    static Caller anonymous() {
        return new Caller(Optional.empty(), false, false);
    }

    /** Returns a trusted caller: a service holding the shared secret. */
    static Caller trusted() {
        return new Caller(Optional.empty(), false, true);
    }

    /** Returns a user proven by a token. */
    static Caller user(String username, boolean isAdministrator) {
        return new Caller(Optional.of(username), isAdministrator, false);
    }

    /** Returns a short description for logs: the user name, trusted or anonymous. */
    String describe() {
        return isTrusted ? "trusted" : username.orElse("anonymous");
    }
}
