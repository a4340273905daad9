package io.strata.app.http;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.strata.app.config.ServiceConfig;
import io.strata.ports.Secret;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CallerAuthenticatorTest {
    private static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final RSAKey LMS_KEY = rsaKey("lms-2026");
    private static final RSAKey ROTATED_KEY = rsaKey("lms-2025");

    @Test
    void authenticate_openEdxToken_givesItsUserAndAdministratorClaim() {
        var authenticator = authenticator(false, Optional.empty(), Optional.empty());

        var caller = authenticator.authenticate(Optional.of(token(claims("edx", true).build())));

        assertThat(caller).isEqualTo(Caller.user("edx", true));
    }

    @Test
    void authenticate_tokenWithoutAdministratorClaim_isNotAdministrator() {
        var claims = new JWTClaimsSet.Builder().claim("preferred_username", "learner")
                .expirationTime(Date.from(NOW.plusSeconds(1))).build();

        var caller = authenticator(false, Optional.empty(), Optional.empty()).authenticate(Optional.of(token(claims)));

        assertThat(caller.isAdministrator()).isFalse();
    }

    @Test
    void authenticate_configuredIssuerAndAudience_areChecked() {
        var authenticator = authenticator(false, Optional.of("https://lms/oauth2"), Optional.of("lms-key"));
        var good = claims("a", false).issuer("https://lms/oauth2").audience(List.of("lms-key")).build();
        var otherIssuer = claims("a", false).issuer("https://evil").audience(List.of("lms-key")).build();
        var otherAudience = claims("a", false).issuer("https://lms/oauth2").audience(List.of("other")).build();

        assertThat(authenticator.authenticate(Optional.of(token(good))).username()).contains("a");
        assertUnauthenticated(authenticator, token(otherIssuer), "issuer[https://evil]");
        assertUnauthenticated(authenticator, token(otherAudience), "audience[other]");
    }

    @Test
    void authenticate_expiredOrUnexpiringToken_isRefused() {
        var authenticator = authenticator(false, Optional.empty(), Optional.empty());
        var expired = claims("a", false).expirationTime(Date.from(NOW)).build();
        var noExpiry = new JWTClaimsSet.Builder().claim("preferred_username", "a").build();

        assertUnauthenticated(authenticator, token(expired), "expired");
        assertUnauthenticated(authenticator, token(noExpiry), "expired or without exp");
    }

    @Test
    void authenticate_tokenWithoutUsername_isRefused() {
        var claims = new JWTClaimsSet.Builder().expirationTime(Date.from(NOW.plusSeconds(60))).build();

        assertUnauthenticated(authenticator(false, Optional.empty(), Optional.empty()), token(claims),
                "preferred_username");
    }

    @Test
    void authenticate_malformedTokenOrScheme_isRefusedWithoutEchoingIt() {
        var authenticator = authenticator(false, Optional.empty(), Optional.empty());

        assertUnauthenticated(authenticator, "Bearer not.a.jwt", "JWT not readable");
        assertUnauthenticated(authenticator, "Basic dXNlcjpwYXNz", "scheme[Basic]");
    }

    @Test
    void authenticate_trustedSecret_givesTrustedCallerAndWrongOneIsRefused() {
        var authenticator = authenticator(false, Optional.empty(), Optional.empty());

        assertThat(authenticator.authenticate(Optional.of("Trusted trusted-secret")).isTrusted()).isTrue();
        assertThatThrownBy(() -> authenticator.authenticate(Optional.of("Trusted guess")))
                .isInstanceOf(ApiException.class).hasMessageNotContaining("trusted-secret")
                .hasMessageNotContaining("guess");
    }

    @Test
    void authenticate_noHeader_isAnonymousOnlyWhenAllowed() {
        assertThat(authenticator(true, Optional.empty(), Optional.empty()).authenticate(Optional.empty()))
                .isEqualTo(Caller.anonymous());
        assertThatThrownBy(() -> authenticator(false, Optional.empty(), Optional.empty())
                .authenticate(Optional.empty())).isInstanceOfSatisfying(ApiException.class,
                        e -> assertThat(e.status()).isEqualTo(401));
    }

    @Test
    void authenticate_tokenSignedByTheLmsPrivateKey_isVerifiedWithItsPublicKeySet() {
        var authenticator = lmsKeysAuthenticator(Optional.empty(), LMS_KEY, ROTATED_KEY);

        for (var algorithm : List.of(JWSAlgorithm.RS512, JWSAlgorithm.RS256, JWSAlgorithm.RS384)) {
            var header = signed(claims("edx", true).build(), algorithm, LMS_KEY, true);

            assertThat(authenticator.authenticate(Optional.of(header))).as("%s", algorithm)
                    .isEqualTo(Caller.user("edx", true));
        }
        assertThat(authenticator.authenticate(Optional.of(signed(claims("learner", false).build(),
                JWSAlgorithm.RS512, ROTATED_KEY, /* namesKey= */ false))).username()).contains("learner");
    }

    @Test
    void authenticate_rsaTokenSignedByAnotherKey_isRefused() {
        var authenticator = lmsKeysAuthenticator(Optional.empty(), LMS_KEY);
        var impostor = rsaKey(LMS_KEY.getKeyID());

        assertUnauthenticated(authenticator, signed(claims("edx", true).build(), JWSAlgorithm.RS512, impostor, true),
                "signature not valid");
        assertUnauthenticated(authenticator, signed(claims("edx", true).build(), JWSAlgorithm.RS512, ROTATED_KEY,
                true), "signature not valid");
    }

    @Test
    void authenticate_rsaToken_hasItsClaimsCheckedAsHs256Ones() {
        var authenticator = lmsKeysAuthenticator(Optional.of("https://lms/oauth2"), LMS_KEY);
        var otherIssuer = claims("a", false).issuer("https://evil").build();
        var expired = claims("a", false).issuer("https://lms/oauth2").expirationTime(Date.from(NOW)).build();

        assertUnauthenticated(authenticator, signed(otherIssuer, JWSAlgorithm.RS512, LMS_KEY, true),
                "issuer[https://evil]");
        assertUnauthenticated(authenticator, signed(expired, JWSAlgorithm.RS512, LMS_KEY, true), "expired");
    }

    @Test
    void authenticate_algorithmWithoutConfiguredKey_isRefusedNamingTheAcceptedOnes() {
        var rsaOnly = lmsKeysAuthenticator(Optional.empty(), LMS_KEY);
        var hs256Only = authenticator(false, Optional.empty(), Optional.empty());

        assertUnauthenticated(rsaOnly, token(claims("a", false).build()),
                "algorithm[HS256] not accepted; use RS256, RS384, RS512");
        assertUnauthenticated(hs256Only, signed(claims("a", false).build(), JWSAlgorithm.RS512, LMS_KEY, true),
                "algorithm[RS512] not accepted; use HS256");
    }

    private static void assertUnauthenticated(CallerAuthenticator authenticator, String header, String message) {
        assertThatThrownBy(() -> authenticator.authenticate(Optional.of(header)))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(401))
                .hasMessageContaining(message);
    }

    private static JWTClaimsSet.Builder claims(String username, boolean isAdministrator) {
        return new JWTClaimsSet.Builder().claim("preferred_username", username).claim("administrator", isAdministrator)
                .expirationTime(Date.from(NOW.plus(Duration.ofMinutes(5))));
    }

    private static String token(JWTClaimsSet claims) {
        return RunningService.bearer(claims, RunningService.JWT_KEY);
    }

    private static CallerAuthenticator authenticator(boolean allowsAnonymous, Optional<String> issuer,
            Optional<String> audience) {
        var config = new ServiceConfig("127.0.0.1", 0, Optional.of(Secret.of(RunningService.JWT_KEY)),
                Optional.empty(), issuer, audience, Optional.of(Secret.of("trusted-secret")), allowsAnonymous, 0, 0);
        return new CallerAuthenticator(config, CLOCK);
    }

    /** Returns an authenticator that verifies JWTs with the public halves of the keys only. */
    private static CallerAuthenticator lmsKeysAuthenticator(Optional<String> issuer, RSAKey... keys) {
        var publicKeys = new JWKSet(Arrays.stream(keys).map(key -> (JWK) key.toPublicJWK()).toList());
        var config = new ServiceConfig("127.0.0.1", 0, Optional.empty(), Optional.of(publicKeys), issuer,
                Optional.empty(), Optional.empty(), false, 0, 0);
        return new CallerAuthenticator(config, CLOCK);
    }

    private static String signed(JWTClaimsSet claims, JWSAlgorithm algorithm, RSAKey key, boolean namesKey) {
        try {
            var header = new JWSHeader.Builder(algorithm).keyID(namesKey ? key.getKeyID() : null).build();
            var jwt = new SignedJWT(header, claims);
            jwt.sign(new RSASSASigner(key));
            return "Bearer " + jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static RSAKey rsaKey(String keyId) {
        try {
            return new RSAKeyGenerator(2048).keyID(keyId).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
