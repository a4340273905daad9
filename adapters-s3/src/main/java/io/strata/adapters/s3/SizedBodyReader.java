package io.strata.adapters.s3;

import io.strata.ports.BackendFailureException;
import io.strata.ports.DurablePaths;

import software.amazon.awssdk.core.exception.RetryableException;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;

/*
 * The SDK's ResponseTransformer.toBytes() reads a body into a growing buffer and copies it into
 * the final array: for a 20 MB payload that is about three times its size in short-lived arrays.
 * This reader allocates the array once, at the Content-Length S3 announces, and reads the
 * connection's stream straight into it. It runs inside the SDK's call, so the body counts against
 * durable.s3.call-timeout; the SDK retries what a transformer throws only as RetryableException,
 * so an I/O error while reading is thrown as one, and retried like a failed request
 * (durable.s3.max-attempts), as toBytes() does. A length mismatch is not retried.
 */

/**
 * Reads an object's body into one array of the length the response announces, with the object's
 * ETag. A body that ends before that length, or goes on past it, is reported as
 * {@link BackendFailureException}: its bytes are not what the store holds.
 */
final class SizedBodyReader implements ResponseTransformer<GetObjectResponse, SizedBodyReader.ObjectBody> {
    /** Is the longest array a JVM reliably allocates. */
    static final long MAX_BODY_BYTES = Integer.MAX_VALUE - 8;

    private final String path;
    private final String store;

    /** Creates a reader for the object at the path of the store (both for messages only). */
    SizedBodyReader(String path, String store) {
        this.path = path;
        this.store = store;
    }

    /** Is an object's bytes and ETag, read in one response. */
    record ObjectBody(byte[] bytes, String eTag) {
    }

    @Override
    public ObjectBody transform(GetObjectResponse response, AbortableInputStream body) {
        Long length = response.contentLength();
        if (length != null && (length < 0 || length > MAX_BODY_BYTES)) {
            throw mismatch(String.format(Locale.ROOT, "it announced bytes[%d], more than one array holds", length));
        }
        try {
            // S3 always sends Content-Length on GET; a store that streams without one gets the JDK's reader.
            var bytes = length == null ? body.readAllBytes() : readExactly(body, length.intValue());
            return new ObjectBody(bytes, response.eTag());
        } catch (IOException e) {
            throw RetryableException.builder().cause(e)
                    .message("Cannot read the body of path[" + DurablePaths.printable(path) + "]: " + e).build();
        }
    }

    private byte[] readExactly(InputStream body, int length) throws IOException {
        var bytes = new byte[length];
        int read = body.readNBytes(bytes, 0, length);
        if (read < length) {
            throw mismatch(String.format(Locale.ROOT, "it announced bytes[%d] but sent bytes[%d]", length, read));
        }
        // Reading to the end also lets the SDK check the body's checksum, which it does at the end.
        if (body.read() >= 0) {
            throw mismatch(String.format(Locale.ROOT, "it announced bytes[%d] but sent more", length));
        }
        return bytes;
    }

    private BackendFailureException mismatch(String reason) {
        return new BackendFailureException(String.format(Locale.ROOT,
                "Cannot load path[%s] in store[%s]: %s; the object or the connection is corrupt, load it again",
                DurablePaths.printable(path), store, reason), null);
    }
}
