package io.strata.adapters.s3;

import io.strata.ports.BackendFailureException;
import io.strata.ports.BackendUnavailableException;
import io.strata.ports.DurableEntry;
import io.strata.ports.DurablePaths;
import io.strata.ports.DurableStore;
import io.strata.ports.InputRejectedException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Is the {@link DurableStore} on an S3 bucket (Amazon S3, or an S3-compatible store such as MinIO,
 * Ceph or S3Proxy through an endpoint override): each path is the key of one object.
 *
 * <p>S3 writes whole objects atomically, so a reader sees the whole old value or the whole new one.
 * Since Amazon S3 has been strongly consistent (December 2020), a load after a store returns the new
 * bytes; an S3-compatible store must give the same guarantee. Values are sent in one request, without
 * a copy of the caller's array, and read in one request straight into one array of the length the
 * store announces ({@link SizedBodyReader}); a body shorter or longer than announced is a failure.
 *
 * <p>Errors: a store that cannot be reached or answers too late (connect timeout, read timeout, or
 * the whole call, retries included, past {@code durable.s3.call-timeout}) is reported as
 * {@link BackendUnavailableException}; an answer with an error (missing bucket, refused
 * credentials, denied access) as {@link BackendFailureException} naming the setting to fix. Call
 * {@link #checkAccess()} at start-up to find those before the first request. Thread-safe; close it
 * to release its connections.
 *
 * <p>Conditional writes: a revision is the object's ETag; {@link #storeIfUnchanged} sends
 * {@code If-Match: <ETag>}, or {@code If-None-Match: *} for "absent", and reads 412 Precondition
 * Failed and 409 ConditionalRequestConflict as "changed". Amazon S3 enforces both headers on PUT
 * (since 2024), checking and writing in one step; an S3-compatible store that ignores them gives
 * plain last-writer-wins writes. S3Proxy 4.1.0 honours them one request at a time but checks, then
 * writes, so two writers racing from one ETag can both win (see README).
 */
public final class S3DurableStore implements DurableStore, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(S3DurableStore.class);
    private static final String CONTENT_TYPE = "application/octet-stream";

    private final S3DurableStoreConfig config;
    private final S3Client client;

    /** Creates a store on the configured bucket; it opens no connection until the first request. */
    public S3DurableStore(S3DurableStoreConfig config) {
        this.config = requireNonNull(config, "config is null");
        var builder = S3Client.builder()
                .region(Region.of(config.region()))
                .credentialsProvider(credentials(config))
                .forcePathStyle(config.pathStyleAccess())
                .httpClientBuilder(ApacheHttpClient.builder()
                        .connectionTimeout(config.connectTimeout())
                        .socketTimeout(config.readTimeout()))
                .overrideConfiguration(override -> override
                        .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                                .maxAttempts(config.maxAttempts()).build())
                        // Without it a silent store holds a call for every attempt's read timeout and backoff.
                        .apiCallTimeout(config.callTimeout()));
        config.endpoint().ifPresent(builder::endpointOverride);
        this.client = builder.build();
    }

    @Override
    public String describe() {
        return "s3[" + config.endpoint().map(uri -> uri + "/").orElse("") + config.bucket() + "]";
    }

    /**
     * Checks that the bucket exists and that the credentials may use it, with one request.
     *
     * @throws BackendUnavailableException when the store cannot be reached in its configured time
     * @throws BackendFailureException when the bucket is missing or the credentials are refused; the
     *     message names the setting to fix
     */
    public void checkAccess() {
        call("check access to", config.bucket(), () -> client.headBucket(request -> request.bucket(config.bucket())));
        log.debug("Checked access to bucket[{}] in store[{}]", config.bucket(), describe());
    }

    @Override
    public Optional<byte[]> load(String path) {
        return loadBody(path).map(SizedBodyReader.ObjectBody::bytes);
    }

    @Override
    public Optional<DurableEntry> loadEntry(String path) {
        return loadBody(path).map(body -> new DurableEntry(body.bytes(), body.eTag()));
    }

    private Optional<SizedBodyReader.ObjectBody> loadBody(String path) {
        DurablePaths.check(path);
        try {
            return Optional.of(call("load", path, () -> client.getObject(
                    request -> request.bucket(config.bucket()).key(path), new SizedBodyReader(path, describe()))));
        } catch (BackendFailureException e) {
            if (e.getCause() instanceof NoSuchKeyException) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public boolean storeIfUnchanged(String path, Optional<String> expectedRevision, byte[] bytes) {
        DurablePaths.check(path);
        requireNonNull(expectedRevision, "expectedRevision is null");
        requireNonNull(bytes, "bytes is null");
        var body = RequestBody.fromContentProvider(() -> new ByteArrayInputStream(bytes), bytes.length, CONTENT_TYPE);
        try {
            call("store", path, () -> client.putObject(request -> {
                request.bucket(config.bucket()).key(path).contentLength((long) bytes.length);
                expectedRevision.ifPresentOrElse(request::ifMatch, () -> request.ifNoneMatch("*"));
            }, body));
        } catch (BackendFailureException e) {
            if (isPreconditionFailure(e.getCause())) {
                log.debug("Kept path[{}] in store[{}]: it changed since revision[{}]", path, describe(),
                        expectedRevision.orElse("(absent)"));
                return false;
            }
            throw e;
        }
        log.debug("Stored path[{}] bytes[{}] if unchanged in store[{}]", path, bytes.length, describe());
        return true;
    }

    // 412: the ETag no longer matches or the key exists; 409: a concurrent conditional write won;
    // NoSuchKey: If-Match on a key that was deleted.
    private static boolean isPreconditionFailure(Throwable cause) {
        if (cause instanceof NoSuchKeyException) {
            return true;
        }
        return cause instanceof SdkServiceException service
                && (service.statusCode() == 412 || service.statusCode() == 409);
    }

    @Override
    public void store(String path, byte[] bytes) {
        DurablePaths.check(path);
        requireNonNull(bytes, "bytes is null");
        var body = RequestBody.fromContentProvider(() -> new ByteArrayInputStream(bytes), bytes.length, CONTENT_TYPE);
        call("store", path, () -> client.putObject(
                request -> request.bucket(config.bucket()).key(path).contentLength((long) bytes.length), body));
        log.debug("Stored path[{}] bytes[{}] in store[{}]", path, bytes.length, describe());
    }

    @Override
    public void delete(String path) {
        DurablePaths.check(path);
        call("delete", path, () -> client.deleteObject(request -> request.bucket(config.bucket()).key(path)));
        log.debug("Deleted path[{}] in store[{}]", path, describe());
    }

    @Override
    public List<String> list(String prefix) {
        DurablePaths.check(prefix);
        return call("list", prefix, () -> {
            var found = new ArrayList<String>();
            for (var page : client.listObjectsV2Paginator(request -> request.bucket(config.bucket())
                    .prefix(prefix + "/"))) {
                page.contents().stream().map(S3Object::key).forEach(found::add);
            }
            found.sort(null);
            return found;
        });
    }

    /** Releases the client's connections. */
    @Override
    public void close() {
        client.close();
    }

    private static AwsCredentialsProvider credentials(S3DurableStoreConfig config) {
        if (config.accessKeyId().isPresent()) {
            return StaticCredentialsProvider.create(AwsBasicCredentials.create(config.accessKeyId().get(),
                    config.secretAccessKey().orElseThrow().reveal()));
        }
        return DefaultCredentialsProvider.builder().build();
    }

    private <T> T call(String action, String path, SdkCall<T> call) {
        try {
            return call.run();
        } catch (NoSuchKeyException e) {
            throw new BackendFailureException(String.format(Locale.ROOT,
                    "No object at path[%s] in store[%s]", DurablePaths.printable(path), describe()), e);
        } catch (SdkServiceException e) {
            throw new BackendFailureException(String.format(Locale.ROOT,
                    "Cannot %s path[%s] in store[%s]: status[%d] %s; %s", action, DurablePaths.printable(path),
                    describe(), e.statusCode(), errorCode(e), remedy(e)), e);
        } catch (SdkClientException e) {
            var bodyFailure = bodyFailure(e);
            if (bodyFailure != null) {
                throw bodyFailure;
            }
            if (isUnreachable(e)) {
                throw new BackendUnavailableException(String.format(Locale.ROOT,
                        "Cannot %s path[%s] in store[%s]: %s; check durable.s3.endpoint[%s] and that the store is"
                                + " reachable within durable.s3.connect-timeout[%s] and durable.s3.read-timeout[%s],"
                                + " and answers within durable.s3.call-timeout[%s]",
                        action, DurablePaths.printable(path), describe(), e.getMessage(),
                        config.endpoint().map(Object::toString).orElse(""), config.connectTimeout(),
                        config.readTimeout(), config.callTimeout()), e);
            }
            throw new BackendFailureException(String.format(Locale.ROOT,
                    "Cannot %s path[%s] in store[%s]: %s; set durable.s3.access-key-id and"
                            + " durable.s3.secret-access-key, or give the default credential chain credentials",
                    action, DurablePaths.printable(path), describe(), e.getMessage()), e);
        }
    }

    /** Returns the failure a {@link SizedBodyReader} threw inside the call, which the SDK may wrap; or null. */
    private static BackendFailureException bodyFailure(SdkException e) {
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof BackendFailureException failure) {
                return failure;
            }
        }
        return null;
    }

    private static boolean isUnreachable(SdkException e) {
        if (e instanceof ApiCallTimeoutException || e instanceof ApiCallAttemptTimeoutException) {
            return true;
        }
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof IOException) {
                return true;
            }
        }
        return false;
    }

    private static String errorCode(SdkServiceException e) {
        if (e instanceof S3Exception s3 && s3.awsErrorDetails() != null && s3.awsErrorDetails().errorCode() != null) {
            return s3.awsErrorDetails().errorCode();
        }
        return "(no error code)";
    }

    private String remedy(SdkServiceException e) {
        var code = errorCode(e);
        if (code.equals("NoSuchBucket") || (e.statusCode() == 404 && !code.equals("NoSuchKey"))) {
            return String.format(Locale.ROOT,
                    "durable.s3.bucket[%s] does not exist; create the bucket or name an existing one", config.bucket());
        }
        if (code.equals("InvalidAccessKeyId") || code.equals("SignatureDoesNotMatch")) {
            return String.format(Locale.ROOT,
                    "the store refused the credentials; check durable.s3.access-key-id[%s] and"
                            + " durable.s3.secret-access-key", config.accessKeyId().orElse("(default chain)"));
        }
        if (e.statusCode() == 403) {
            return String.format(Locale.ROOT,
                    "access denied; check durable.s3.access-key-id[%s] and durable.s3.secret-access-key, and that"
                            + " they may read, write, list and delete in durable.s3.bucket[%s]",
                    config.accessKeyId().orElse("(default chain)"), config.bucket());
        }
        if (e.statusCode() == 301 || code.equals("AuthorizationHeaderMalformed")) {
            return String.format(Locale.ROOT,
                    "the bucket is in another region; set durable.s3.region[%s] to the bucket's region",
                    config.region());
        }
        return "check the store's health and the durable.s3 settings";
    }

    @FunctionalInterface
    private interface SdkCall<T> {
        T run();
    }
}
