package io.strata.adapters.s3;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Runs S3Proxy (an S3 API server keeping objects in memory) on a free loopback port for the tests of
 * one class. Its runnable jar is found through the system property {@code strata.s3proxy.jar}, which
 * the build sets to the file {@code bin/test} downloads; when it is missing the tests fail, never skip.
 */
final class S3ProxyServer implements BeforeAllCallback, AfterAllCallback {
    static final String ACCESS_KEY_ID = "strata-test-access";
    static final String SECRET_ACCESS_KEY = "strata-test-secret";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);

    private int port;
    private Process process;
    private Path logFile;
    private S3Client admin;

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        var jar = Path.of(System.getProperty("strata.s3proxy.jar", "(strata.s3proxy.jar is not set)"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(String.format(Locale.ROOT,
                    "S3Proxy jar[%s] is missing; run bin/test, which downloads it with mvn dependency:copy", jar));
        }
        port = freePort();
        var properties = Files.createTempFile("strata-s3proxy-", ".properties");
        Files.writeString(properties, String.join("\n",
                "s3proxy.endpoint=" + endpoint(),
                "s3proxy.authorization=aws-v2-or-v4",
                "s3proxy.identity=" + ACCESS_KEY_ID,
                "s3proxy.credential=" + SECRET_ACCESS_KEY,
                "jclouds.provider=transient-nio2",
                "jclouds.identity=" + ACCESS_KEY_ID,
                "jclouds.credential=" + SECRET_ACCESS_KEY,
                ""));
        logFile = Files.createTempFile("strata-s3proxy-", ".log");
        var java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        process = new ProcessBuilder(List.of(java, "-Xmx256m", "-jar", jar.toString(), "--properties",
                properties.toString())).redirectErrorStream(true).redirectOutput(logFile.toFile()).start();
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
        awaitListening();
        admin = S3Client.builder().region(Region.US_EAST_1).endpointOverride(endpoint()).forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(ACCESS_KEY_ID, SECRET_ACCESS_KEY)))
                .build();
    }

    @Override
    public void afterAll(ExtensionContext context) throws InterruptedException {
        if (admin != null) {
            admin.close();
        }
        if (process != null) {
            process.destroy();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    /** Returns the server's endpoint, such as {@code http://127.0.0.1:40123}. */
    URI endpoint() {
        return URI.create("http://" + InetAddress.getLoopbackAddress().getHostAddress() + ":" + port);
    }

    /** Creates a new, empty bucket with the name. */
    void createBucket(String name) {
        admin.createBucket(request -> request.bucket(name));
    }

    private void awaitListening() {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("S3Proxy exited at start: " + log());
            }
            try (var socket = new Socket()) {
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
                return;
            } catch (IOException e) {
                // Not listening yet.
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for S3Proxy", e);
            }
        }
        process.destroyForcibly();
        throw new IllegalStateException("S3Proxy did not listen within " + READY_TIMEOUT + ": " + log());
    }

    private String log() {
        try {
            return Files.readString(logFile);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    private static int freePort() {
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot find a free loopback port", e);
        }
    }
}
