package io.strata.adapters.gcs;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.strata.adapters.gcs.GcsDurableStoreConfig.Credentials;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks what the store sends for a conditional write and how it reads GCS's refusal, against a
 * small HTTP server that answers as GCS does: the emulator the other tests use ignores
 * preconditions, so only here is the refusal path exercised.
 */
class GcsDurableStorePreconditionTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final String OBJECT_JSON = "{\"kind\":\"storage#object\",\"name\":\"course/current\","
            + "\"bucket\":\"bucket\",\"generation\":\"43\",\"metageneration\":\"1\",\"size\":\"3\"}";
    private static final String CONDITION_NOT_MET = "{\"error\":{\"code\":412,\"message\":\"At least one of the"
            + " pre-conditions you specified did not hold.\",\"errors\":[{\"reason\":\"conditionNotMet\"}]}}";

    private final List<String> queries = new CopyOnWriteArrayList<>();
    private HttpServer server;
    private volatile int status;
    private GcsDurableStore store;

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::answer);
        server.start();
        var endpoint = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        store = new GcsDurableStore(new GcsDurableStoreConfig("bucket", Optional.of("p-1"), Optional.of(endpoint),
                Credentials.NONE, Optional.empty(), TIMEOUT, TIMEOUT, 1, TIMEOUT));
    }

    @AfterEach
    void stopServer() {
        store.close();
        server.stop(0);
    }

    @Test
    void storeIfUnchanged_generationMoved_sendsGenerationMatchAndReturnsFalse() {
        status = 412;

        boolean stored = store.storeIfUnchanged("course/current", Optional.of("42"), new byte[] {1, 2, 3});

        assertThat(stored).isFalse();
        assertThat(queries).singleElement().asString().contains("ifGenerationMatch=42");
    }

    @Test
    void storeIfUnchanged_expectedAbsentButPresent_sendsGenerationZeroAndReturnsFalse() {
        status = 412;

        boolean stored = store.storeIfUnchanged("course/current", Optional.empty(), new byte[] {1, 2, 3});

        assertThat(stored).isFalse();
        assertThat(queries).singleElement().asString().contains("ifGenerationMatch=0");
    }

    @Test
    void storeIfUnchanged_generationStillCurrent_returnsTrue() {
        status = 200;

        boolean stored = store.storeIfUnchanged("course/current", Optional.of("42"), new byte[] {1, 2, 3});

        assertThat(stored).isTrue();
        assertThat(queries).singleElement().asString().contains("ifGenerationMatch=42");
    }

    private void answer(HttpExchange exchange) throws IOException {
        queries.add(exchange.getRequestMethod() + " " + exchange.getRequestURI());
        exchange.getRequestBody().readAllBytes();
        var body = (status == 200 ? OBJECT_JSON : CONDITION_NOT_MET).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json; charset=UTF-8");
        exchange.sendResponseHeaders(status, body.length);
        try (var out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
