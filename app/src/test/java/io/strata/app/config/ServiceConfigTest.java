package io.strata.app.config;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import io.strata.ports.Secret;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ServiceConfigTest {
    private static final String KEY = "k".repeat(ServiceConfig.MIN_JWT_KEY_BYTES);

    @TempDir
    Path folder;

    @Test
    void load_nothingConfigured_givesServiceDefaults() {
        var service = ConfigLoader.defaults().service();

        assertThat(service.host()).isEqualTo("0.0.0.0");
        assertThat(service.port()).isEqualTo(8080);
        assertThat(service.jwtSecretKey()).isEmpty();
        assertThat(service.jwtIssuer()).isEmpty();
        assertThat(service.jwtAudience()).isEmpty();
        assertThat(service.trustedSecret()).isEmpty();
        assertThat(service.allowsAnonymous()).isFalse();
        assertThat(service.admitsAnyone()).isFalse();
        assertThat(service.structuresMaxBlocks()).isEqualTo(5_000_000L);
        assertThat(service.responsesMaxBytes()).isEqualTo(256L << 20);
    }

    @Test
    void load_everyServiceKey_isMapped() {
        var service = load("service.host=127.0.0.1", "service.port=9000", "service.auth.jwt.secret-key=" + KEY,
                "service.auth.jwt.issuer=https://lms/oauth2", "service.auth.jwt.audience=lms-key",
                "service.auth.trusted-secret=s3cret", "service.auth.allow-anonymous=true",
                "service.structures.max-blocks=1000", "service.responses.max-bytes=64MB");

        assertThat(service.host()).isEqualTo("127.0.0.1");
        assertThat(service.port()).isEqualTo(9000);
        assertThat(service.jwtSecretKey()).contains(Secret.of(KEY));
        assertThat(service.jwtIssuer()).contains("https://lms/oauth2");
        assertThat(service.jwtAudience()).contains("lms-key");
        assertThat(service.trustedSecret()).contains(Secret.of("s3cret"));
        assertThat(service.allowsAnonymous()).isTrue();
        assertThat(service.structuresMaxBlocks()).isEqualTo(1000);
        assertThat(service.responsesMaxBytes()).isEqualTo(64_000_000L);
    }

    @Test
    void load_zeroResponseBytes_keepsNoResponse() {
        assertThat(load("service.responses.max-bytes=0").responsesMaxBytes()).isZero();
    }

    @Test
    void load_malformedOrNegativeResponseBytes_failNamingKey() {
        assertRefused("service.responses.max-bytes[-1] is not a byte size", "service.responses.max-bytes=-1");
        assertRefused("service.responses.max-bytes[lots] is not a byte size", "service.responses.max-bytes=lots");
        assertRefused("service.responses.max-bytes[9999999999GiB] is too large",
                "service.responses.max-bytes=9999999999GiB");
    }

    @Test
    void new_negativeResponseBytes_failsNamingKey() {
        assertThatThrownBy(() -> new ServiceConfig("127.0.0.1", 0, Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), true, 0, -1))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("service.responses.max-bytes[-1] must not be negative");
    }

    @Test
    void toString_withSecrets_neverShowsThem() {
        var service = load("service.auth.jwt.secret-key=" + KEY, "service.auth.trusted-secret=s3cret");

        assertThat(service.toString()).doesNotContain(KEY).doesNotContain("s3cret");
    }

    @Test
    void load_portOutOfRange_failsNamingKey() {
        assertRefused("service.port[70000] must be 0 to 65535", "service.port=70000");
    }

    @Test
    void load_emptyHost_failsNamingKey() {
        assertRefused("service.host must not be empty", "service.host= ");
    }

    @Test
    void load_shortJwtKey_failsNamingKey() {
        assertRefused("service.auth.jwt.secret-key must be at least 32 bytes", "service.auth.jwt.secret-key=short");
    }

    @Test
    void load_issuerOrAudienceWithoutKey_failsNamingKeys() {
        assertRefused("need service.auth.jwt.secret-key or service.auth.jwt.public-keys",
                "service.auth.jwt.issuer=https://lms/oauth2");
        assertRefused("need service.auth.jwt.secret-key or service.auth.jwt.public-keys",
                "service.auth.jwt.audience=lms-key");
    }

    @Test
    void load_invalidAnonymousSwitch_failsListingValues() {
        assertRefused("service.auth.allow-anonymous[yes]", "service.auth.allow-anonymous=yes");
    }

    @Test
    void load_negativeOrMalformedCounts_failNamingKey() {
        assertRefused("service.structures.max-blocks[-1]", "service.structures.max-blocks=-1");
        assertRefused("publish.max-retries[-1]", "publish.max-retries=-1");
        assertRefused("publish.max-retries[many]", "publish.max-retries=many");
    }

    @Test
    void load_neverDelay_failsNamingKey() {
        assertRefused("publish.delay[never]", "publish.delay=never");
        assertRefused("publish.retry-delay[never]", "publish.retry-delay=never");
    }

    @Test
    void admitsAnyone_anyOneWayIn_isTrue() {
        assertThat(load("service.auth.jwt.secret-key=" + KEY).admitsAnyone()).isTrue();
        assertThat(load("service.auth.trusted-secret=x").admitsAnyone()).isTrue();
        assertThat(load("service.auth.allow-anonymous=true").admitsAnyone()).isTrue();
    }

    @Test
    void load_privateSigningJwkSetInline_keepsOnlyThePublicRsaKeys() throws Exception {
        var first = new RSAKeyGenerator(2048).keyID("lms-1").generate();
        var second = new RSAKeyGenerator(2048).keyID("lms-2").generate();
        var set = new JWKSet(List.of(first, second)).toString(/* publicKeysOnly= */ false);

        var service = load("service.auth.jwt.public-keys=" + set, "service.auth.jwt.issuer=https://lms/oauth2");

        var keys = service.jwtPublicKeys().orElseThrow().getKeys();
        assertThat(keys).extracting(JWK::getKeyID).containsExactly("lms-1", "lms-2");
        assertThat(keys).noneMatch(JWK::isPrivate);
        assertThat(service.acceptsJwts()).isTrue();
        assertThat(service.admitsAnyone()).isTrue();
    }

    @Test
    void load_publicKeysFile_readsTheSetFromIt() throws Exception {
        var key = new RSAKeyGenerator(2048).keyID("lms-1").generate().toPublicJWK();
        var file = Files.writeString(folder.resolve("jwks.json"), new JWKSet(key).toString());

        var service = load("service.auth.jwt.public-keys-file=" + file);

        assertThat(service.jwtPublicKeys().orElseThrow().getKeys()).containsExactly(key);
    }

    @Test
    void load_publicKeysUnusable_failsNamingKey() throws Exception {
        var ecOnly = new JWKSet(new ECKeyGenerator(Curve.P_256).generate().toPublicJWK()).toString();
        var file = folder.resolve("missing.json");

        assertRefused("service.auth.jwt.public-keys is not a JWK set", "service.auth.jwt.public-keys={\"keys\": 1}");
        assertRefused("service.auth.jwt.public-keys is not a JWK set", "service.auth.jwt.public-keys=not json");
        assertRefused("service.auth.jwt.public-keys holds no RSA key", "service.auth.jwt.public-keys=" + ecOnly);
        assertRefused("service.auth.jwt.public-keys-file[" + file + "] cannot be read",
                "service.auth.jwt.public-keys-file=" + file);
        assertRefused("Set service.auth.jwt.public-keys or service.auth.jwt.public-keys-file, not both",
                "service.auth.jwt.public-keys=" + ecOnly, "service.auth.jwt.public-keys-file=" + file);
    }

    @Test
    void new_privateKeyInPublicKeys_failsNamingKey() throws Exception {
        var key = new RSAKeyGenerator(2048).generate();

        assertThatThrownBy(() -> new ServiceConfig("127.0.0.1", 0, Optional.empty(), Optional.of(new JWKSet(key)),
                Optional.empty(), Optional.empty(), Optional.empty(), false, 0, 0))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("service.auth.jwt.public-keys must hold public RSA keys only");
    }

    private static ServiceConfig load(String... settings) {
        return ConfigLoader.load(Optional.empty(), Map.of(), List.of(settings)).service();
    }

    private static void assertRefused(String message, String... settings) {
        assertThatThrownBy(() -> load(settings)).isInstanceOf(ConfigException.class).hasMessageContaining(message);
    }
}
