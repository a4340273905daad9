package io.strata.app.http;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.strata.app.config.ServiceConfig;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Optional;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/*
 * Who is asking, from the Authorization header:
 *
 *   Bearer <JWT>      a token signed with the configured HS256 key (JWT_AUTH['JWT_SECRET_KEY']), or
 *                     with RS256/RS384/RS512 by a private key whose public half is in the configured JWK
 *                     set, as Open edX's LMS signs them with JWT_PRIVATE_SIGNING_JWK and its services
 *                     verify them with JWT_PUBLIC_SIGNING_JWK_SET: the keys whose kid (when the token
 *                     names one) and type match are tried. The user is its preferred_username claim,
 *                     global staff when its administrator claim is true; exp is required and checked
 *                     with the injected clock, iss and aud when configured.
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
    private static final Set<JWSAlgorithm> RSA_ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384,
            JWSAlgorithm.RS512);

    private final ServiceConfig config;
    private final Optional<MACVerifier> verifier;
    private final Optional<JWSVerificationKeySelector<SecurityContext>> publicKeys;
    private final Clock clock;

    CallerAuthenticator(ServiceConfig config, Clock clock) {
        this.config = requireNonNull(config, "config is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.publicKeys = config.jwtPublicKeys().map(keys -> new JWSVerificationKeySelector<>(RSA_ALGORITHMS,
                new ImmutableJWKSet<>(keys)));
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
        if (!config.acceptsJwts()) {
            throw ApiException.unauthenticated("Bearer tokens are not accepted: neither service.auth.jwt.secret-key"
                    + " nor service.auth.jwt.public-keys is set");
        }
        JWTClaimsSet claims;
        try {
            var jwt = SignedJWT.parse(token);
            if (!isSignedByConfiguredKey(jwt)) {
                throw ApiException.unauthenticated("JWT signature not valid for the configured keys");
            }
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException | JOSEException e) {
            throw ApiException.unauthenticated("JWT not readable: %s", e.getMessage());
        }
        checkClaims(claims);
        return Caller.user(username(claims), isAdministrator(claims));
    }

    /** Returns whether the token verifies with a configured key of its algorithm; refuses other algorithms. */
    private boolean isSignedByConfiguredKey(SignedJWT jwt) throws JOSEException {
        var algorithm = jwt.getHeader().getAlgorithm();
        if (JWSAlgorithm.HS256.equals(algorithm) && verifier.isPresent()) {
            return jwt.verify(verifier.get());
        }
        if (RSA_ALGORITHMS.contains(algorithm) && publicKeys.isPresent()) {
            for (var key : publicKeys.get().selectJWSKeys(jwt.getHeader(), null)) {
                if (key instanceof RSAPublicKey rsa && jwt.verify(new RSASSAVerifier(rsa))) {
                    return true;
                }
            }
            return false;
        }
        throw ApiException.unauthenticated("JWT algorithm[%s] not accepted; use %s", algorithm, acceptedAlgorithms());
    }

    private String acceptedAlgorithms() {
        var accepted = new ArrayList<String>();
        verifier.ifPresent(present -> accepted.add(JWSAlgorithm.HS256.getName()));
        publicKeys.ifPresent(present -> RSA_ALGORITHMS.stream().map(JWSAlgorithm::getName).sorted()
                .forEach(accepted::add));
        return String.join(", ", accepted);
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
