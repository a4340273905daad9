package io.strata.app.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * Answers the errors Jetty raises before a request reaches Javalin (a URI or headers over Jetty's
 * limits, a malformed request) in the API's {@code {"detail": …}} shape instead of Jetty's HTML page.
 */
final class JsonErrorHandler extends ErrorHandler {
    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
            Callback callback) {
        byte[] body;
        try {
            body = StrataService.JSON.writeValueAsBytes(Map.of("detail", detail(code)));
        } catch (JsonProcessingException e) {
            callback.failed(e);
            return;
        }
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
    }

    /** Returns the message of the status; Jetty's own may name its internals, so it is not passed on. */
    private static String detail(int code) {
        return switch (code) {
            case HttpStatus.URI_TOO_LONG_414 -> "The request URI is too long; send fewer or shorter parameters";
            case HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE_431 -> "The request headers are too large; send a"
                    + " shorter Authorization header or fewer cookies";
            default -> String.format(Locale.ROOT, "Request refused: %d %s", code, HttpStatus.getMessage(code));
        };
    }
}
