package io.strata.adapters.s3;

import io.strata.ports.BackendFailureException;

import org.junit.jupiter.api.Test;

import software.amazon.awssdk.core.exception.RetryableException;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Reads bodies of the announced length, and refuses bodies shorter or longer than announced. */
class SizedBodyReaderTest {
    private static final int LENGTH = 3 * 1024 * 1024 + 7;

    private final SizedBodyReader reader = new SizedBodyReader("course/v1.strb", "s3[test]");

    @Test
    void transform_bodyOfAnnouncedLength_returnsBytesAndETag() {
        var body = filled(LENGTH);

        var read = reader.transform(response((long) LENGTH), stream(body));

        assertThat(read.bytes()).isEqualTo(body);
        assertThat(read.eTag()).isEqualTo("\"etag\"");
    }

    @Test
    void transform_emptyBody_returnsEmptyArray() {
        var read = reader.transform(response(0L), stream(new byte[0]));

        assertThat(read.bytes()).isEmpty();
    }

    @Test
    void transform_bodyOneByteShort_throwsFailureNamingBothLengths() {
        var body = filled(LENGTH - 1);

        assertThatThrownBy(() -> reader.transform(response((long) LENGTH), stream(body)))
                .isInstanceOf(BackendFailureException.class)
                .hasMessageContaining("path[course/v1.strb]")
                .hasMessageContaining("announced bytes[" + LENGTH + "] but sent bytes[" + (LENGTH - 1) + "]");
    }

    @Test
    void transform_bodyOneByteLonger_throwsFailure() {
        var body = filled(LENGTH + 1);

        assertThatThrownBy(() -> reader.transform(response((long) LENGTH), stream(body)))
                .isInstanceOf(BackendFailureException.class)
                .hasMessageContaining("announced bytes[" + LENGTH + "] but sent more");
    }

    @Test
    void transform_lengthOverOneArray_throwsFailureWithoutAllocating() {
        assertThatThrownBy(() -> reader.transform(response(SizedBodyReader.MAX_BODY_BYTES + 1), stream(new byte[1])))
                .isInstanceOf(BackendFailureException.class)
                .hasMessageContaining("more than one array holds");
    }

    @Test
    void transform_noAnnouncedLength_readsWholeBody() {
        var body = filled(1000);

        var read = reader.transform(response(null), stream(body));

        assertThat(read.bytes()).isEqualTo(body);
    }

    @Test
    void transform_connectionFailsMidBody_throwsRetryableWithCause() {
        var failing = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("connection reset");
            }
        };

        assertThatThrownBy(() -> reader.transform(response(10L), AbortableInputStream.create(failing)))
                .isInstanceOf(RetryableException.class)
                .hasMessageContaining("path[course/v1.strb]")
                .hasRootCauseMessage("connection reset");
    }

    private static GetObjectResponse response(Long contentLength) {
        return GetObjectResponse.builder().contentLength(contentLength).eTag("\"etag\"").build();
    }

    private static AbortableInputStream stream(byte[] body) {
        return AbortableInputStream.create(new ByteArrayInputStream(body));
    }

    private static byte[] filled(int length) {
        var bytes = new byte[length];
        Arrays.fill(bytes, (byte) 7);
        return bytes;
    }
}
