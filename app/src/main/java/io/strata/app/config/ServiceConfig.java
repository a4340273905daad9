package io.strata.app.config;

import io.strata.app.config.ConfigLoader.Setting;
import io.strata.ports.Secret;

import java.nio.charset.StandardCharsets;
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
 * @param jwtSecretKey the HS256 key of accepted bearer JWTs; empty when JWTs are refused
 * @param jwtIssuer the issuer a JWT must name; empty when not checked
 * @param jwtAudience the audience a JWT must name; empty when not checked
 * @param trustedSecret the shared secret of trusted callers; empty when there are none
 * @param allowsAnonymous whether a request without credentials gets the anonymous view
 * @param structuresMaxBlocks the blocks of decoded structures kept in memory; 0 for none
 * @param responsesMaxBytes the bytes of rendered responses kept in memory; 0 for none
 */
public record ServiceConfig(String host, int port, Optional<Secret> jwtSecretKey, Optional<String> jwtIssuer,
        Optional<String> jwtAudience, Optional<Secret> trustedSecret, boolean allowsAnonymous,
        long structuresMaxBlocks, long responsesMaxBytes) {
    /** Is the shortest HS256 key, in bytes: the algorithm's 256 bits (RFC 7518, section 3.2). */
    public static final int MIN_JWT_KEY_BYTES = 32;

    public ServiceConfig {
        requireNonNull(host, "host is null");
        requireNonNull(jwtSecretKey, "jwtSecretKey is null");
        requireNonNull(jwtIssuer, "jwtIssuer is null");
        requireNonNull(jwtAudience, "jwtAudience is null");
        requireNonNull(trustedSecret, "trustedSecret is null");
        check(!host.isBlank(), "%s must not be empty; write 0.0.0.0 to listen on every address",
                ConfigKey.SERVICE_HOST.key());
        check(port >= 0 && port <= 65535, "%s[%d] must be 0 to 65535", ConfigKey.SERVICE_PORT.key(), port);
        check(jwtSecretKey.isEmpty() || jwtSecretKey.get().reveal().getBytes(StandardCharsets.UTF_8).length
                >= MIN_JWT_KEY_BYTES, "%s must be at least %d bytes long for HS256",
                ConfigKey.SERVICE_AUTH_JWT_SECRET_KEY.key(), MIN_JWT_KEY_BYTES);
        check(jwtSecretKey.isPresent() || (jwtIssuer.isEmpty() && jwtAudience.isEmpty()),
                "%s and %s need %s", ConfigKey.SERVICE_AUTH_JWT_ISSUER.key(), ConfigKey.SERVICE_AUTH_JWT_AUDIENCE.key(),
                ConfigKey.SERVICE_AUTH_JWT_SECRET_KEY.key());
        check(structuresMaxBlocks >= 0, "%s[%d] must not be negative", ConfigKey.SERVICE_STRUCTURES_MAX_BLOCKS.key(),
                structuresMaxBlocks);
        check(responsesMaxBytes >= 0, "%s[%d] must not be negative", ConfigKey.SERVICE_RESPONSES_MAX_BYTES.key(),
                responsesMaxBytes);
    }

    /** Returns whether any caller can be admitted: a JWT key, a trusted secret or anonymous access is set. */
    public boolean admitsAnyone() {
        return jwtSecretKey.isPresent() || trustedSecret.isPresent() || allowsAnonymous;
    }

    static ServiceConfig from(Map<ConfigKey, Setting> settings) {
        return new ServiceConfig(StrataConfig.value(settings, ConfigKey.SERVICE_HOST),
                StrataConfig.count(settings, ConfigKey.SERVICE_PORT),
                StrataConfig.optionalText(settings, ConfigKey.SERVICE_AUTH_JWT_SECRET_KEY).map(Secret::of),
                StrataConfig.optionalText(settings, ConfigKey.SERVICE_AUTH_JWT_ISSUER),
                StrataConfig.optionalText(settings, ConfigKey.SERVICE_AUTH_JWT_AUDIENCE),
                StrataConfig.optionalText(settings, ConfigKey.SERVICE_AUTH_TRUSTED_SECRET).map(Secret::of),
                StrataConfig.bool(settings, ConfigKey.SERVICE_AUTH_ALLOW_ANONYMOUS),
                StrataConfig.count(settings, ConfigKey.SERVICE_STRUCTURES_MAX_BLOCKS),
                StrataConfig.byteSize(settings, ConfigKey.SERVICE_RESPONSES_MAX_BYTES));
    }

    private static void check(boolean condition, String format, Object... arguments) {
        if (!condition) {
            throw new ConfigException(String.format(Locale.ROOT, format, arguments));
        }
    }
}
