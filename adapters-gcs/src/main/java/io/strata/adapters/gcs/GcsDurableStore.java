package io.strata.adapters.gcs;

import com.google.auth.oauth2.GoogleCredentials;
import com.google.cloud.NoCredentials;
import com.google.cloud.ReadChannel;
import com.google.cloud.http.HttpTransportOptions;
import com.google.cloud.storage.Blob;
import com.google.cloud.storage.BlobId;
import com.google.cloud.storage.BlobInfo;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.StorageException;
import com.google.cloud.storage.StorageOptions;
import io.strata.ports.BackendFailureException;
import io.strata.ports.BackendUnavailableException;
import io.strata.ports.DurableEntry;
import io.strata.ports.DurablePaths;
import io.strata.ports.DurableStore;
import io.strata.ports.InputRejectedException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Is the {@link DurableStore} on a Google Cloud Storage bucket, through the JSON API: each path is
 * the name of one object.
 *
 * <p>GCS writes whole objects atomically and is strongly consistent, so a reader sees the whole old
 * value or the whole new one and a load after a store returns the new bytes. A value is uploaded in
 * one request (a multipart upload that sends the caller's array, not a copy). A load reads the
 * object's metadata, then its bytes at that generation straight into one array of the size the
 * metadata gave (the client's {@code readAllBytes} would gather them into a growing buffer and copy
 * it at the end); a body shorter or longer than that size is a failure. The metadata request is the
 * price: one small round trip before each read.
 *
 * <p>Conditional writes: a revision is the object's generation. {@link #loadEntry} reads the
 * object's metadata, then its bytes with {@code ifGenerationMatch} (reading again when it changed in
 * between), and {@link #storeIfUnchanged} writes with {@code ifGenerationMatch=<generation>}, or
 * {@code ifGenerationMatch=0} for "absent"; GCS checks and writes in one step and answers 412 when
 * the generation moved. The emulator the tests use ignores those preconditions (see README).
 *
 * <p>Errors: a store that cannot be reached or answers too late is reported as
 * {@link BackendUnavailableException}, with no retry started after {@code durable.gcs.call-timeout};
 * an answer with an error (missing bucket, refused credentials, denied access) as
 * {@link BackendFailureException} naming the setting to fix. A 404 on a load reads as "nothing
 * stored", whether the object or the bucket is missing: call {@link #checkAccess()} at start-up.
 * Thread-safe; close it to release its resources.
 */
public final class GcsDurableStore implements DurableStore, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(GcsDurableStore.class);
    private static final String CONTENT_TYPE = "application/octet-stream";
    private static final int NOT_FOUND = 404;
    private static final int PRECONDITION_FAILED = 412;
    /** Is how many times {@link #loadEntry} reads metadata, then bytes, when the object keeps changing in between. */
    private static final int ENTRY_READ_ATTEMPTS = 3;
    /** Is the longest array a JVM reliably allocates. */
    private static final long MAX_BODY_BYTES = Integer.MAX_VALUE - 8;
    /** Is how many reads past a full body may look for more bytes before it counts as ended. */
    private static final int END_PROBES = 3;

    private final GcsDurableStoreConfig config;
    private final Storage storage;

    /**
     * Creates a store on the configured bucket; it opens no connection until the first request.
     *
     * @throws BackendFailureException when the credentials cannot be loaded (no default credentials,
     *     or an unreadable or malformed key file); the message names the setting to fix
     */
    public GcsDurableStore(GcsDurableStoreConfig config) {
        this.config = requireNonNull(config, "config is null");
        var builder = StorageOptions.http()
                .setCredentials(credentials(config))
                .setTransportOptions(HttpTransportOptions.newBuilder()
                        .setConnectTimeout(millis(config.connectTimeout()))
                        .setReadTimeout(millis(config.readTimeout()))
                        .build())
                // The total timeout stops retries; the HTTP transport does not cut an attempt under way.
                .setRetrySettings(StorageOptions.getDefaultRetrySettings().toBuilder()
                        .setMaxAttempts(config.maxAttempts())
                        .setTotalTimeoutDuration(config.callTimeout())
                        .build());
        config.project().ifPresent(builder::setProjectId);
        config.endpoint().ifPresent(uri -> builder.setHost(uri.toString()));
        this.storage = builder.build().getService();
    }

    @Override
    public String describe() {
        return "gcs[" + config.endpoint().map(uri -> uri + "/").orElse("") + config.bucket() + "]";
    }

    /**
     * Checks that the bucket exists and that the credentials may use it, with one request.
     *
     * @throws BackendUnavailableException when the store cannot be reached in its configured time
     * @throws BackendFailureException when the bucket is missing or the credentials are refused; the
     *     message names the setting to fix
     */
    public void checkAccess() {
        var bucket = call("check access to", config.bucket(), () -> storage.get(config.bucket()));
        if (bucket == null) {
            throw new BackendFailureException(String.format(Locale.ROOT,
                    "Cannot check access to store[%s]: %s", describe(), missingBucket()), null);
        }
        log.debug("Checked access to bucket[{}] in store[{}]", config.bucket(), describe());
    }

    @Override
    public Optional<byte[]> load(String path) {
        return loadEntry(path).map(DurableEntry::bytes);
    }

    @Override
    public Optional<DurableEntry> loadEntry(String path) {
        DurablePaths.check(path);
        for (int attempt = 1; attempt <= ENTRY_READ_ATTEMPTS; attempt++) {
            Blob blob = call("load", path, () -> storage.get(blobId(path)));
            if (blob == null) {
                return Optional.empty();
            }
            long generation = blob.getGeneration();
            try {
                var bytes = call("load", path, () -> readExactly(path, generation, blob.getSize()));
                return Optional.of(new DurableEntry(bytes, Long.toString(generation)));
            } catch (BackendFailureException e) {
                // Replaced (412) or deleted (404) between the two requests: read it again.
                if (!isStatus(e, PRECONDITION_FAILED) && !isStatus(e, NOT_FOUND)) {
                    throw e;
                }
                log.debug("Path[{}] changed while it was read from store[{}]; reading it again", path, describe());
            }
        }
        throw new BackendUnavailableException(String.format(Locale.ROOT,
                "Cannot load path[%s] in store[%s]: it was replaced while it was read, %d times in a row;"
                        + " try again once its writers are done",
                DurablePaths.printable(path), describe(), ENTRY_READ_ATTEMPTS), null);
    }

    /**
     * Reads the generation of the object into one array of the size its metadata gave, through the
     * client's read channel without its chunk buffer.
     */
    private byte[] readExactly(String path, long generation, Long size) {
        if (size == null || size < 0 || size > MAX_BODY_BYTES) {
            throw bodyMismatch(path, String.format(Locale.ROOT, "its metadata gave size[%s]", size));
        }
        var buffer = ByteBuffer.allocate(size.intValue());
        try (var reader = storage.reader(blobId(path), Storage.BlobSourceOption.generationMatch(generation))) {
            reader.setChunkSize(0);
            while (buffer.hasRemaining() && reader.read(buffer) >= 0) {
                // read until the array is full or the body ends
            }
            if (buffer.hasRemaining()) {
                throw bodyMismatch(path, String.format(Locale.ROOT,
                        "its metadata gave size[%d] but it sent bytes[%d]", size, buffer.position()));
            }
            if (sentMore(reader)) {
                throw bodyMismatch(path, String.format(Locale.ROOT,
                        "its metadata gave size[%d] but it sent more", size));
            }
        } catch (IOException e) {
            throw e.getCause() instanceof StorageException storageError ? storageError : StorageException.translate(e);
        }
        return buffer.array();
    }

    /**
     * Returns whether the channel holds more bytes. After a full body its read returns 0 once before
     * it reports the end (-1), so it is asked a few times; only zeros count as the end.
     */
    private static boolean sentMore(ReadChannel reader) throws IOException {
        var probe = ByteBuffer.allocate(1);
        for (int i = 0; i < END_PROBES; i++) {
            int read = reader.read(probe);
            if (read != 0) {
                return read > 0;
            }
        }
        return false;
    }

    private BackendFailureException bodyMismatch(String path, String reason) {
        return new BackendFailureException(String.format(Locale.ROOT,
                "Cannot load path[%s] in store[%s]: %s; the object or the connection is corrupt, load it again",
                DurablePaths.printable(path), describe(), reason), null);
    }

    @Override
    public void store(String path, byte[] bytes) {
        DurablePaths.check(path);
        requireNonNull(bytes, "bytes is null");
        call("store", path, () -> storage.create(blobInfo(path), bytes));
        log.debug("Stored path[{}] bytes[{}] in store[{}]", path, bytes.length, describe());
    }

    @Override
    public boolean storeIfUnchanged(String path, Optional<String> expectedRevision, byte[] bytes) {
        DurablePaths.check(path);
        requireNonNull(expectedRevision, "expectedRevision is null");
        requireNonNull(bytes, "bytes is null");
        var precondition = expectedRevision.isEmpty() ? Storage.BlobTargetOption.doesNotExist()
                : Storage.BlobTargetOption.generationMatch(generationOf(path, expectedRevision.get()));
        try {
            call("store", path, () -> storage.create(blobInfo(path), bytes, precondition));
        } catch (BackendFailureException e) {
            if (isStatus(e, PRECONDITION_FAILED)) {
                log.debug("Kept path[{}] in store[{}]: it changed since revision[{}]", path, describe(),
                        expectedRevision.orElse("(absent)"));
                return false;
            }
            throw e;
        }
        log.debug("Stored path[{}] bytes[{}] if unchanged in store[{}]", path, bytes.length, describe());
        return true;
    }

    @Override
    public void delete(String path) {
        DurablePaths.check(path);
        call("delete", path, () -> storage.delete(blobId(path)));
        log.debug("Deleted path[{}] in store[{}]", path, describe());
    }

    @Override
    public List<String> list(String prefix) {
        DurablePaths.check(prefix);
        return call("list", prefix, () -> {
            var found = new ArrayList<String>();
            for (var blob : storage.list(config.bucket(), Storage.BlobListOption.prefix(prefix + "/")).iterateAll()) {
                found.add(blob.getName());
            }
            found.sort(null);
            return found;
        });
    }

    /** Releases the client's resources. */
    @Override
    public void close() {
        try {
            storage.close();
        } catch (Exception e) {
            log.warn("Cannot close the client of store[{}]; its threads may linger until exit", describe(), e);
        }
    }

    private BlobId blobId(String path) {
        return BlobId.of(config.bucket(), path);
    }

    private BlobInfo blobInfo(String path) {
        return BlobInfo.newBuilder(blobId(path)).setContentType(CONTENT_TYPE).build();
    }

    private static long generationOf(String path, String revision) {
        try {
            return Long.parseLong(revision);
        } catch (NumberFormatException e) {
            throw new InputRejectedException(String.format(Locale.ROOT,
                    "Invalid revision[%s] of path[%s]: a GCS revision is an object generation, a number;"
                            + " pass a revision that loadEntry returned", revision, DurablePaths.printable(path)), e);
        }
    }

    private static com.google.auth.Credentials credentials(GcsDurableStoreConfig config) {
        return switch (config.credentials()) {
            case NONE -> NoCredentials.getInstance();
            case SERVICE_ACCOUNT_FILE -> keyFileCredentials(config.credentialsFile().orElseThrow());
            case DEFAULT -> applicationDefaultCredentials();
        };
    }

    private static com.google.auth.Credentials keyFileCredentials(Path file) {
        try (var in = Files.newInputStream(file)) {
            return GoogleCredentials.fromStream(in);
        } catch (IOException | RuntimeException e) {
            throw new BackendFailureException(String.format(Locale.ROOT,
                    "Cannot read the service-account key of durable.gcs.credentials-file[%s]: %s; name a readable"
                            + " JSON key file of a service account", file, e.getMessage()), e);
        }
    }

    private static com.google.auth.Credentials applicationDefaultCredentials() {
        try {
            return GoogleCredentials.getApplicationDefault();
        } catch (IOException e) {
            throw new BackendFailureException(String.format(Locale.ROOT,
                    "Cannot find application default credentials for durable.gcs.credentials[default]: %s;"
                            + " set GOOGLE_APPLICATION_CREDENTIALS, run on Google Cloud, or set"
                            + " durable.gcs.credentials to service-account-file", e.getMessage()), e);
        }
    }

    private static int millis(Duration duration) {
        return (int) Math.min(Integer.MAX_VALUE, duration.toMillis());
    }

    private static boolean isStatus(BackendFailureException e, int status) {
        return e.getCause() instanceof StorageException storage && storage.getCode() == status;
    }

    private <T> T call(String action, String path, GcsCall<T> call) {
        try {
            return call.run();
        } catch (StorageException e) {
            if (isUnreachable(e)) {
                throw new BackendUnavailableException(String.format(Locale.ROOT,
                        "Cannot %s path[%s] in store[%s]: %s; check durable.gcs.endpoint[%s] and that the store is"
                                + " reachable within durable.gcs.connect-timeout[%s] and durable.gcs.read-timeout[%s],"
                                + " and answers within durable.gcs.call-timeout[%s]",
                        action, DurablePaths.printable(path), describe(), e.getMessage(),
                        config.endpoint().map(Object::toString).orElse(""), config.connectTimeout(),
                        config.readTimeout(), config.callTimeout()), e);
            }
            throw new BackendFailureException(String.format(Locale.ROOT,
                    "Cannot %s path[%s] in store[%s]: status[%d] %s; %s", action, DurablePaths.printable(path),
                    describe(), e.getCode(), e.getMessage(), remedy(e)), e);
        }
    }

    // The client reports an I/O failure (refused connection, timeout) as code 0 with the IOException as cause.
    private static boolean isUnreachable(StorageException e) {
        if (e.getCode() != 0) {
            return false;
        }
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof IOException) {
                return true;
            }
        }
        return false;
    }

    private String remedy(StorageException e) {
        var message = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
        if (e.getCode() == NOT_FOUND && message.contains("bucket")) {
            return missingBucket();
        }
        if (e.getCode() == 401) {
            return String.format(Locale.ROOT, "the store refused the credentials; check durable.gcs.credentials[%s]"
                    + " and durable.gcs.credentials-file[%s]", credentialsName(),
                    config.credentialsFile().map(Object::toString).orElse(""));
        }
        if (e.getCode() == 403) {
            return String.format(Locale.ROOT, "access denied; check that the account of durable.gcs.credentials[%s]"
                    + " may read, write, list and delete objects in durable.gcs.bucket[%s] (and, with"
                    + " durable.gcs.project[%s], bill that project)", credentialsName(), config.bucket(),
                    config.project().orElse(""));
        }
        return "check the store's health and the durable.gcs settings";
    }

    private String missingBucket() {
        return String.format(Locale.ROOT,
                "durable.gcs.bucket[%s] does not exist; create the bucket or name an existing one", config.bucket());
    }

    private String credentialsName() {
        return config.credentials().name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    @FunctionalInterface
    private interface GcsCall<T> {
        T run();
    }
}
