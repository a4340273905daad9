package io.strata.testkit;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Runs a Google Cloud Storage JSON API emulator on a free loopback port for the tests of one class:
 * register it with {@code @RegisterExtension static final LocalGcsEmulator GCS = new LocalGcsEmulator();}.
 * It is the Cloud Storage emulator of the npm package {@code firebase-tools}, started by the Node
 * script {@code gcs-emulator.js} beside this class (which says what it adds and what it lacks: it
 * ignores generation preconditions). It keeps objects in memory and accepts any credentials.
 *
 * <p>The package is installed in the folder named by the system property
 * {@code strata.gcs.emulator.dir}, which the build sets to where {@code bin/test} installs it; Node
 * is {@code node} on the PATH. When either is missing the test fails with a message saying so; it is
 * never skipped.
 */
public final class LocalGcsEmulator implements BeforeAllCallback, AfterAllCallback {
    /** Is the project the emulator serves. */
    public static final String PROJECT = "strata-test";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private int port;
    private Process process;
    private Path logFile;

    @Override
    public void beforeAll(ExtensionContext context) {
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stop();
    }

    /** Starts the emulator and waits until it listens; starting a running emulator does nothing. */
    public synchronized void start() {
        if (process != null) {
            return;
        }
        var folder = Path.of(System.getProperty("strata.gcs.emulator.dir",
                "(system property strata.gcs.emulator.dir unset)"));
        if (!Files.isDirectory(folder.resolve("node_modules").resolve("firebase-tools"))) {
            throw new IllegalStateException(String.format(Locale.ROOT,
                    "GCS emulator folder[%s] holds no node_modules/firebase-tools; run bin/test, which installs it"
                            + " with npm", folder));
        }
        port = TestProcesses.freeLoopbackPort();
        try {
            var script = extractScript();
            logFile = Files.createTempFile("strata-gcs-emulator-", ".log");
            process = new ProcessBuilder(List.of("node", script.toString(), folder.toString(),
                    Integer.toString(port), PROJECT)).redirectErrorStream(true).redirectOutput(logFile.toFile())
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the GCS emulator with node from " + folder
                    + "; install Node.js 18 or later", e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
        awaitListening();
    }

    /** Stops the emulator. Stopping a stopped emulator does nothing. */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        TestProcesses.stop(process);
        process = null;
    }

    /** Returns the emulator's endpoint, such as {@code http://127.0.0.1:40123}. */
    public URI endpoint() {
        return URI.create("http://" + InetAddress.getLoopbackAddress().getHostAddress() + ":" + port);
    }

    /** Creates a new, empty bucket with the name (a valid GCS bucket name). */
    public void createBucket(String name) {
        var request = HttpRequest.newBuilder(endpoint().resolve("/storage/v1/b?project=" + PROJECT))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"" + name + "\"}"))
                .timeout(Duration.ofSeconds(10))
                .build();
        try {
            var response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(String.format(Locale.ROOT, "Cannot create bucket[%s]: status[%d] %s",
                        name, response.statusCode(), response.body()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create bucket " + name, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating bucket " + name, e);
        }
    }

    private static Path extractScript() throws IOException {
        var script = Files.createTempFile("strata-gcs-emulator-", ".js");
        try (InputStream in = LocalGcsEmulator.class.getResourceAsStream("gcs-emulator.js")) {
            if (in == null) {
                throw new IllegalStateException("Resource gcs-emulator.js is missing beside LocalGcsEmulator");
            }
            Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
        }
        script.toFile().deleteOnExit();
        return script;
    }

    private void awaitListening() {
        if (!TestProcesses.awaitListening(process, port, READY_TIMEOUT, "The GCS emulator", logFile)) {
            stop();
            throw new IllegalStateException("The GCS emulator did not listen within " + READY_TIMEOUT + ": " + log());
        }
    }

    private String log() {
        return TestProcesses.readLog(logFile);
    }

}
