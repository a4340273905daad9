package io.strata.app.http;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.strata.app.config.ServiceConfig;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.text.ParseException;
import java.time.Clock;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/*
 * Who is asking, from the Authorization header:
 *
 *   Bearer <JWT>      a token signed with the configured HS256 key, as Open edX's LMS issues them
 *                     (JWT_AUTH['JWT_SECRET_KEY']): the user is its preferred_username claim, global
 *                     staff when its administrator claim is true; exp is required and checked with the
 *                     injected clock, iss and aud when configured.
 *   Trusted <secret>  a service that holds the configured shared secret; it may act as any user.
 *   (none)            the anonymous caller, only when anonymous access is configured.
 *
 * Anything else is a 401 whose message says what was wrong, never the token or the secret.
 */
/** Resolves the {@link Caller} of a request from its {@code Authorization} header; thread-safe. */
final class CallerAuthenticator {
    /** Is the claim naming the user in an Open edX JWT. */
    static final String USERNAME_CLAIM = "preferred_username";
    /** Is the claim that says the user is global staff ({@code is_staff}) in an Open edX JWT. */
    static final String ADMINISTRATOR_CLAIM = "administrator";

    private final ServiceConfig config;
    private final Optional<MACVerifier> verifier;
    private final Clock clock;

    CallerAuthenticator(ServiceConfig config, Clock clock) {
        this.config = requireNonNull(config, "config is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.verifier = config.jwtSecretKey().map(key -> {
            try {
                return new MACVerifier(key.reveal().getBytes(StandardCharsets.UTF_8));
            } catch (JOSEException e) {
                throw new IllegalArgumentException("service.auth.jwt.secret-key cannot verify HS256 tokens: "
                        + e.getMessage(), e);
            }
        });
    }

    /**
     * Returns the caller the header proves.
     *
     * @param authorization the header's value; empty when the request has none
     * @throws ApiException (401) when the header is missing and anonymous access is off, or does not prove a caller
     */
    Caller authenticate(Optional<String> authorization) {
        if (authorization.isEmpty() || authorization.get().isBlank()) {
            if (config.allowsAnonymous()) {
                return Caller.anonymous();
            }
            throw ApiException.unauthenticated("Authorization header missing; send a bearer JWT or the trusted secret");
        }
        var header = authorization.get().strip();
        int space = header.indexOf(' ');
        var scheme = space < 0 ? header : header.substring(0, space);
        var credentials = space < 0 ? "" : header.substring(space + 1).strip();
        if ("Bearer".equalsIgnoreCase(scheme) || "JWT".equalsIgnoreCase(scheme)) {
            return fromToken(credentials);
        }
        if ("Trusted".equalsIgnoreCase(scheme)) {
            return fromSecret(credentials);
        }
        throw ApiException.unauthenticated("Authorization scheme[%s] not accepted; use Bearer or Trusted", scheme);
    }

    private Caller fromSecret(String credentials) {
        var expected = config.trustedSecret();
        if (expected.isEmpty() || !MessageDigest.isEqual(expected.get().reveal().getBytes(StandardCharsets.UTF_8),
                credentials.getBytes(StandardCharsets.UTF_8))) {
            throw ApiException.unauthenticated("Trusted secret not accepted");
        }
        return Caller.trusted();
    }

    private Caller fromToken(String token) {
        if (verifier.isEmpty()) {
            throw ApiException.unauthenticated(
                    "Bearer tokens are not accepted: service.auth.jwt.secret-key is not set");
        }
        JWTClaimsSet claims;
        try {
            var jwt = SignedJWT.parse(token);
            if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm())) {
                throw ApiException.unauthenticated("JWT algorithm[%s] not accepted; use HS256",
                        jwt.getHeader().getAlgorithm());
            }
            if (!jwt.verify(verifier.get())) {
                throw ApiException.unauthenticated("JWT signature not valid for the configured key");
            }
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException | JOSEException e) {
            throw ApiException.unauthenticated("JWT not readable: %s", e.getMessage());
        }
        checkClaims(claims);
        return Caller.user(username(claims), isAdministrator(claims));
    }

    private void checkClaims(JWTClaimsSet claims) {
        var expiry = claims.getExpirationTime();
        if (expiry == null || !expiry.toInstant().isAfter(clock.instant())) {
            throw ApiException.unauthenticated("JWT expired or without exp; ask for a new token");
        }
        if (config.jwtIssuer().isPresent() && !config.jwtIssuer().get().equals(claims.getIssuer())) {
            throw ApiException.unauthenticated("JWT issuer[%s] not accepted", claims.getIssuer());
        }
        var audience = claims.getAudience();
        if (config.jwtAudience().isPresent() && (audience == null || !audience.contains(config.jwtAudience().get()))) {
            throw ApiException.unauthenticated("JWT audience%s not accepted", audience);
        }
    }

    private static String username(JWTClaimsSet claims) {
        try {
            var name = claims.getStringClaim(USERNAME_CLAIM);
            if (name == null || name.isBlank()) {
                throw ApiException.unauthenticated("JWT without %s claim", USERNAME_CLAIM);
            }
            return name;
        } catch (ParseException e) {
            throw ApiException.unauthenticated("JWT claim[%s] is not a string", USERNAME_CLAIM);
        }
    }

    private static boolean isAdministrator(JWTClaimsSet claims) {
        try {
            return Boolean.TRUE.equals(claims.getBooleanClaim(ADMINISTRATOR_CLAIM));
        } catch (ParseException e) {
            throw ApiException.unauthenticated("JWT claim[%s] is not a boolean", ADMINISTRATOR_CLAIM);
        }
    }
}
