package io.strata.adapters.s3;

import io.strata.ports.Secret;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * Configures the S3 durable store.
 *
 * @param bucket the bucket that holds every stored path (key {@code durable.s3.bucket}); must exist
 * @param region the bucket's region, such as {@code eu-west-1} (key {@code durable.s3.region}); an
 *     S3-compatible store usually accepts any, such as {@code us-east-1}
 * @param endpoint the endpoint to use instead of AWS's, such as {@code http://127.0.0.1:9000} for
 *     MinIO, Ceph or S3Proxy (key {@code durable.s3.endpoint}); empty = AWS's endpoint for the region
 * @param pathStyleAccess whether the bucket goes in the path ({@code host/bucket/key}) instead of the
 *     host name (key {@code durable.s3.path-style-access}); most S3-compatible stores need it
 * @param accessKeyId the static access key id (key {@code durable.s3.access-key-id}); empty = the
 *     SDK's default credential chain (environment, system properties, profile, container or instance role)
 * @param secretAccessKey the static secret key (key {@code durable.s3.secret-access-key}); given
 *     exactly when the access key id is
 * @param connectTimeout how long opening a connection may take (key {@code durable.s3.connect-timeout})
 * @param readTimeout how long a request may wait for data from the server (key {@code durable.s3.read-timeout})
 * @param maxAttempts how many times a request is tried in all before it fails, at least 1 (key
 *     {@code durable.s3.max-attempts})
 * @param callTimeout the most one call may take in all, its retries, their backoff and the transfer of
 *     the body included (key {@code durable.s3.call-timeout}); past it the call is abandoned and the
 *     store counts as unavailable, whatever attempts are left
 */
public record S3DurableStoreConfig(String bucket, String region, Optional<URI> endpoint, boolean pathStyleAccess,
        Optional<String> accessKeyId, Optional<Secret> secretAccessKey, Duration connectTimeout,
        Duration readTimeout, int maxAttempts, Duration callTimeout) {
    // The S3 naming rules for general purpose buckets (3 to 63 characters, lowercase, digits, '.', '-').
    private static final Pattern BUCKET_NAME = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private static final Pattern REGION_NAME = Pattern.compile("[a-z0-9-]+");

    public S3DurableStoreConfig {
        requireNonNull(bucket, "bucket is null");
        requireNonNull(region, "region is null");
        requireNonNull(endpoint, "endpoint is null");
        requireNonNull(accessKeyId, "accessKeyId is null");
        requireNonNull(secretAccessKey, "secretAccessKey is null");
        requireNonNull(connectTimeout, "connectTimeout is null");
        requireNonNull(readTimeout, "readTimeout is null");
        requireNonNull(callTimeout, "callTimeout is null");
        if (!BUCKET_NAME.matcher(bucket).matches()) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "Invalid durable.s3.bucket[%s]: must be 3 to 63 lowercase letters, digits, '.' or '-',"
                            + " starting and ending with a letter or digit; name the bucket such as strata-structures",
                    bucket));
        }
        if (!REGION_NAME.matcher(region).matches()) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "Invalid durable.s3.region[%s]: must be a region name such as eu-west-1", region));
        }
        endpoint.ifPresent(S3DurableStoreConfig::checkEndpoint);
        if (accessKeyId.isPresent() != secretAccessKey.isPresent()) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "Invalid durable.s3.access-key-id[%s] with durable.s3.secret-access-key[%s]: give both for"
                            + " static credentials, or neither for the default credential chain",
                    accessKeyId.orElse(""), secretAccessKey.isPresent() ? "(set)" : ""));
        }
        accessKeyId.ifPresent(id -> {
            if (id.isBlank()) {
                throw new IllegalArgumentException(
                        "Invalid durable.s3.access-key-id[]: must not be blank; leave it unset for the default chain");
            }
        });
        checkPositive("durable.s3.connect-timeout", connectTimeout);
        checkPositive("durable.s3.read-timeout", readTimeout);
        checkPositive("durable.s3.call-timeout", callTimeout);
        if (maxAttempts < 1) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "Invalid durable.s3.max-attempts[%d]: must be at least 1 (1 = no retry)", maxAttempts));
        }
    }

    private static void checkEndpoint(URI endpoint) {
        var scheme = endpoint.getScheme();
        if (scheme == null || !(scheme.equals("http") || scheme.equals("https")) || endpoint.getHost() == null) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "Invalid durable.s3.endpoint[%s]: must be an http or https URL with a host,"
                            + " such as http://127.0.0.1:9000",
                    endpoint));
        }
    }

    private static void checkPositive(String key, Duration value) {
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "Invalid %s[%s]: must be positive, such as 2s", key, value));
        }
    }
}
