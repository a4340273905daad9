package io.strata.app.config;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import io.strata.app.config.ConfigLoader.Setting;
import io.strata.ports.Secret;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Is the validated configuration of the HTTP service ({@code strata serve}): where it listens, whom
 * it accepts, how many decoded structures and how many bytes of rendered responses it keeps. What a
 * publish event does is {@link StrataConfig#publish()}.
 *
 * @param host the address to listen on
 * @param port the port to listen on; 0 for a free port
 * @param jwtSecretKey the HS256 key of accepted bearer JWTs; empty when HS256 JWTs are refused
 * @param jwtPublicKeys the public RSA keys of accepted RS256/RS384/RS512 bearer JWTs; empty when those are refused
 * @param jwtIssuer the issuer a JWT must name; empty when not checked
 * @param jwtAudience the audience a JWT must name; empty when not checked
 * @param trustedSecret the shared secret of trusted callers; empty when there are none
 * @param allowsAnonymous whether a request without credentials gets the anonymous view
 * @param structuresMaxBlocks the blocks of decoded structures kept in memory; 0 for none
 * @param responsesMaxBytes the bytes of rendered responses kept in memory; 0 for none
 */
public record ServiceConfig(String host, int port, Optional<Secret> jwtSecretKey, Optional<JWKSet> jwtPublicKeys,
        Optional<String> jwtIssuer,
        Optional<String> jwtAudience, Optional<Secret> trustedSecret, boolean allowsAnonymous,
        long structuresMaxBlocks, long responsesMaxBytes) {
    /** Is the shortest HS256 key, in bytes: the algorithm's 256 bits (RFC 7518, section 3.2). */
    public static final int MIN_JWT_KEY_BYTES = 32;

    public ServiceConfig {
        requireNonNull(host, "host is null");
        requireNonNull(jwtSecretKey, "jwtSecretKey is null");
        requireNonNull(jwtPublicKeys, "jwtPublicKeys is null");
        requireNonNull(jwtIssuer, "jwtIssuer is null");
        requireNonNull(jwtAudience, "jwtAudience is null");
        requireNonNull(trustedSecret, "trustedSecret is null");
        check(!host.isBlank(), "%s must not be empty; write 0.0.0.0 to listen on every address",
                ConfigKey.SERVICE_HOST.key());
        check(port >= 0 && port <= 65535, "%s[%d] must be 0 to 65535", ConfigKey.SERVICE_PORT.key(), port);
        check(jwtSecretKey.isEmpty() || jwtSecretKey.get().reveal().getBytes(StandardCharsets.UTF_8).length
                >= MIN_JWT_KEY_BYTES, "%s must be at least %d bytes long for HS256",
                ConfigKey.SERVICE_AUTH_JWT_SECRET_KEY.key(), MIN_JWT_KEY_BYTES);
        check(jwtPublicKeys.isEmpty() || !jwtPublicKeys.get().getKeys().isEmpty()
                && jwtPublicKeys.get().getKeys().stream().allMatch(key -> key instanceof RSAKey && !key.isPrivate()),
                "%s must hold public RSA keys only", ConfigKey.SERVICE_AUTH_JWT_PUBLIC_KEYS.key());
        // The fields are not assigned yet in a compact constructor: read the parameters.
        check(jwtSecretKey.isPresent() || jwtPublicKeys.isPresent() || (jwtIssuer.isEmpty() && jwtAudience.isEmpty()),
                "%s and %s need %s or %s", ConfigKey.SERVICE_AUTH_JWT_ISSUER.key(),
                ConfigKey.SERVICE_AUTH_JWT_AUDIENCE.key(), ConfigKey.SERVICE_AUTH_JWT_SECRET_KEY.key(),
                ConfigKey.SERVICE_AUTH_JWT_PUBLIC_KEYS.key());
        check(structuresMaxBlocks >= 0, "%s[%d] must not be negative", ConfigKey.SERVICE_STRUCTURES_MAX_BLOCKS.key(),
                structuresMaxBlocks);
        check(responsesMaxBytes >= 0, "%s[%d] must not be negative", ConfigKey.SERVICE_RESPONSES_MAX_BYTES.key(),
                responsesMaxBytes);
    }

    /** Returns whether any caller can be admitted: a JWT key, a trusted secret or anonymous access is set. */
    public boolean admitsAnyone() {
        return acceptsJwts() || trustedSecret.isPresent() || allowsAnonymous;
    }

    /** Returns whether bearer JWTs can be verified: an HS256 key or public RSA keys are set. */
    public boolean acceptsJwts() {
        return jwtSecretKey.isPresent() || jwtPublicKeys.isPresent();
    }

    static ServiceConfig from(Map<ConfigKey, Setting> settings) {
        return new ServiceConfig(StrataConfig.value(settings, ConfigKey.SERVICE_HOST),
                StrataConfig.count(settings, ConfigKey.SERVICE_PORT),
                StrataConfig.optionalText(settings, ConfigKey.SERVICE_AUTH_JWT_SECRET_KEY).map(Secret::of),
                publicKeys(settings),
                StrataConfig.optionalText(settings, ConfigKey.SERVICE_AUTH_JWT_ISSUER),
                StrataConfig.optionalText(settings, ConfigKey.SERVICE_AUTH_JWT_AUDIENCE),
                StrataConfig.optionalText(settings, ConfigKey.SERVICE_AUTH_TRUSTED_SECRET).map(Secret::of),
                StrataConfig.bool(settings, ConfigKey.SERVICE_AUTH_ALLOW_ANONYMOUS),
                StrataConfig.count(settings, ConfigKey.SERVICE_STRUCTURES_MAX_BLOCKS),
                StrataConfig.byteSize(settings, ConfigKey.SERVICE_RESPONSES_MAX_BYTES));
    }

    /**
     * Returns the JWK set given inline or in its file: public RSA keys only (a private key's public half
     * is taken, as the LMS's own JWT_PRIVATE_SIGNING_JWK also holds it).
     */
    private static Optional<JWKSet> publicKeys(Map<ConfigKey, Setting> settings) {
        var inline = StrataConfig.optionalText(settings, ConfigKey.SERVICE_AUTH_JWT_PUBLIC_KEYS);
        var file = StrataConfig.optionalText(settings, ConfigKey.SERVICE_AUTH_JWT_PUBLIC_KEYS_FILE);
        check(inline.isEmpty() || file.isEmpty(), "Set %s or %s, not both",
                ConfigKey.SERVICE_AUTH_JWT_PUBLIC_KEYS.key(), ConfigKey.SERVICE_AUTH_JWT_PUBLIC_KEYS_FILE.key());
        if (inline.isEmpty() && file.isEmpty()) {
            return Optional.empty();
        }
        var key = inline.isPresent()
                ? ConfigKey.SERVICE_AUTH_JWT_PUBLIC_KEYS : ConfigKey.SERVICE_AUTH_JWT_PUBLIC_KEYS_FILE;
        var text = inline.isPresent() ? inline.get() : read(file.get());
        JWKSet set;
        try {
            set = JWKSet.parse(text);
        } catch (ParseException e) {
            throw new ConfigException(String.format(Locale.ROOT, "%s is not a JWK set ({\"keys\": [...]}): %s",
                    key.key(), e.getMessage()), e);
        }
        var rsa = set.getKeys().stream().filter(jwk -> jwk instanceof RSAKey).map(JWK::toPublicJWK).toList();
        check(!rsa.isEmpty(), "%s holds no RSA key (kty RSA); keys of types %s are not accepted", key.key(),
                set.getKeys().stream().map(jwk -> jwk.getKeyType().getValue()).distinct().toList());
        return Optional.of(new JWKSet(rsa));
    }

    private static String read(String file) {
        try {
            return Files.readString(Path.of(file));
        } catch (IOException | InvalidPathException e) {
            throw new ConfigException(String.format(Locale.ROOT, "%s[%s] cannot be read: %s",
                    ConfigKey.SERVICE_AUTH_JWT_PUBLIC_KEYS_FILE.key(), file, e), e);
        }
    }

    private static void check(boolean condition, String format, Object... arguments) {
        if (!condition) {
            throw new ConfigException(String.format(Locale.ROOT, format, arguments));
        }
    }
}
