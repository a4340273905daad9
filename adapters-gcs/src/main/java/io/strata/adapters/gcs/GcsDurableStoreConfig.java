package io.strata.adapters.gcs;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * Configures the Google Cloud Storage durable store. Objects go under the layout's prefix
 * ({@code durable.prefix}), as in every durable store.
 *
 * @param bucket the bucket that holds every stored path (key {@code durable.gcs.bucket}); must exist
 * @param project the project requests are made for (key {@code durable.gcs.project}); empty = the
 *     project of the credentials or the environment ({@code GOOGLE_CLOUD_PROJECT})
 * @param endpoint the JSON API endpoint to use instead of Google's, such as
 *     {@code http://127.0.0.1:9199} for an emulator (key {@code durable.gcs.endpoint}); empty = Google's
 * @param credentials where the credentials come from (key {@code durable.gcs.credentials})
 * @param credentialsFile the service-account key file (JSON) (key {@code durable.gcs.credentials-file});
 *     given exactly when {@code credentials} is {@link Credentials#SERVICE_ACCOUNT_FILE}
 * @param connectTimeout how long opening a connection may take (key {@code durable.gcs.connect-timeout})
 * @param readTimeout how long a request may wait for data from the server (key {@code durable.gcs.read-timeout})
 * @param maxAttempts how many times a request is tried in all before it fails, at least 1 (key
 *     {@code durable.gcs.max-attempts}); the client retries only requests that are safe to repeat
 * @param callTimeout how long after a request's first attempt began a retry may still start (key
 *     {@code durable.gcs.call-timeout}); an attempt under way is not cut, so a request ends within
 *     it plus one attempt's connect and read timeouts
 */
public record GcsDurableStoreConfig(String bucket, Optional<String> project, Optional<URI> endpoint,
        Credentials credentials, Optional<Path> credentialsFile, Duration connectTimeout, Duration readTimeout,
        int maxAttempts, Duration callTimeout) {
    // GCS bucket names: 3 to 63 characters (222 with dots), lowercase letters, digits, '-', '_' and '.',
    // starting and ending with a letter or digit (https://cloud.google.com/storage/docs/buckets#naming).
    private static final Pattern BUCKET_NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{1,220}[a-z0-9]");
    private static final int MAX_BUCKET_NAME_WITHOUT_DOTS = 63;
    private static final Pattern PROJECT_ID = Pattern.compile("[a-z][a-z0-9-:.]{1,61}[a-z0-9]");

    /** Is where the store's credentials come from ({@code durable.gcs.credentials}). */
    public enum Credentials {
        /** Application Default Credentials: GOOGLE_APPLICATION_CREDENTIALS, gcloud's login, the metadata server. */
        DEFAULT,
        /** A service-account key file (JSON), named by {@code durable.gcs.credentials-file}. */
        SERVICE_ACCOUNT_FILE,
        /** No credentials: for an emulator, or a bucket open to anyone. */
        NONE
    }

    public GcsDurableStoreConfig {
        requireNonNull(bucket, "bucket is null");
        requireNonNull(project, "project is null");
        requireNonNull(endpoint, "endpoint is null");
        requireNonNull(credentials, "credentials is null");
        requireNonNull(credentialsFile, "credentialsFile is null");
        requireNonNull(connectTimeout, "connectTimeout is null");
        requireNonNull(readTimeout, "readTimeout is null");
        requireNonNull(callTimeout, "callTimeout is null");
        checkBucket(bucket);
        project.ifPresent(GcsDurableStoreConfig::checkProject);
        endpoint.ifPresent(GcsDurableStoreConfig::checkEndpoint);
        if (credentialsFile.isPresent() != (credentials == Credentials.SERVICE_ACCOUNT_FILE)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "Invalid durable.gcs.credentials[%s] with durable.gcs.credentials-file[%s]: give a key file"
                            + " exactly when durable.gcs.credentials is service-account-file",
                    credentials.name().toLowerCase(Locale.ROOT).replace('_', '-'),
                    credentialsFile.map(Path::toString).orElse("")));
        }
        checkPositive("durable.gcs.connect-timeout", connectTimeout);
        checkPositive("durable.gcs.read-timeout", readTimeout);
        checkPositive("durable.gcs.call-timeout", callTimeout);
        if (maxAttempts < 1) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "Invalid durable.gcs.max-attempts[%d]: must be at least 1 (1 = no retry)", maxAttempts));
        }
    }

    private static void checkBucket(String bucket) {
        if (!BUCKET_NAME.matcher(bucket).matches()
                || (bucket.indexOf('.') < 0 && bucket.length() > MAX_BUCKET_NAME_WITHOUT_DOTS)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "Invalid durable.gcs.bucket[%s]: must be 3 to 63 lowercase letters, digits, '-', '_' or '.',"
                            + " starting and ending with a letter or digit; name the bucket such as strata-structures",
                    bucket));
        }
    }

    private static void checkProject(String project) {
        if (!PROJECT_ID.matcher(project).matches()) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "Invalid durable.gcs.project[%s]: must be a project id such as my-project-123;"
                            + " leave it empty to take the credentials' project", project));
        }
    }

    private static void checkEndpoint(URI endpoint) {
        var scheme = endpoint.getScheme();
        if (scheme == null || !(scheme.equals("http") || scheme.equals("https")) || endpoint.getHost() == null) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "Invalid durable.gcs.endpoint[%s]: must be an http or https URL with a host,"
                            + " such as http://127.0.0.1:9199",
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
