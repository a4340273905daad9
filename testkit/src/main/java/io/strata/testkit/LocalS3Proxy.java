package io.strata.testkit;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Runs S3Proxy, a real S3 API server, on a free loopback port for the tests of one class: register it
 * with {@code @RegisterExtension static final LocalS3Proxy S3 = new LocalS3Proxy();}. It signs
 * requests with AWS v2 or v4 signatures and accepts only one key pair, {@link #ACCESS_KEY_ID} and
 * {@link #SECRET_ACCESS_KEY} unless given; it keeps its buckets as folders of a new temporary folder.
 *
 * <p>Its runnable jar is the file named by the system property {@code strata.s3proxy.jar}, which
 * the build sets to where {@code bin/test} downloads it. When it is missing the test fails with a
 * message saying so; it is never skipped.
 */
public final class LocalS3Proxy implements BeforeAllCallback, AfterAllCallback {
    /** Is the only access key id the server accepts. */
    public static final String ACCESS_KEY_ID = "strata-test-access";
    /** Is the secret key of {@link #ACCESS_KEY_ID}. */
    public static final String SECRET_ACCESS_KEY = "strata-test-secret";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);

    private final String accessKeyId;
    private final String secretAccessKey;

    private int port;
    private Process process;
    private Path logFile;
    private Path buckets;

    /** Creates a server that accepts {@link #ACCESS_KEY_ID} and {@link #SECRET_ACCESS_KEY}. */
    public LocalS3Proxy() {
        this(ACCESS_KEY_ID, SECRET_ACCESS_KEY);
    }

    /** Creates a server that accepts only the given key pair, such as one an unchanged operator file names. */
    public LocalS3Proxy(String accessKeyId, String secretAccessKey) {
        this.accessKeyId = accessKeyId;
        this.secretAccessKey = secretAccessKey;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stop();
    }

    /** Starts the server and waits until it listens; starting a running server does nothing. */
    public synchronized void start() {
        if (process != null) {
            return;
        }
        var jar = Path.of(System.getProperty("strata.s3proxy.jar", "(system property strata.s3proxy.jar unset)"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(String.format(Locale.ROOT,
                    "S3Proxy jar[%s] is missing; run bin/test, which downloads it with mvn dependency:copy", jar));
        }
        port = TestProcesses.freeLoopbackPort();
        try {
            buckets = Files.createTempDirectory("strata-s3proxy-");
            var properties = Files.createTempFile("strata-s3proxy-", ".properties");
            Files.writeString(properties, String.join("\n",
                    "s3proxy.endpoint=" + endpoint(),
                    "s3proxy.authorization=aws-v2-or-v4",
                    "s3proxy.identity=" + accessKeyId,
                    "s3proxy.credential=" + secretAccessKey,
                    "jclouds.provider=filesystem-nio2",
                    "jclouds.filesystem.basedir=" + buckets,
                    "jclouds.identity=" + ACCESS_KEY_ID,
                    "jclouds.credential=" + SECRET_ACCESS_KEY,
                    ""));
            logFile = Files.createTempFile("strata-s3proxy-", ".log");
            var java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            process = new ProcessBuilder(List.of(java, "-Xmx256m", "-jar", jar.toString(), "--properties",
                    properties.toString())).redirectErrorStream(true).redirectOutput(logFile.toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start S3Proxy from " + jar, e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
        awaitListening();
    }

    /** Stops the server. Stopping a stopped server does nothing. */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        TestProcesses.stop(process);
        process = null;
    }

    /** Returns the server's endpoint, such as {@code http://127.0.0.1:40123}. */
    public URI endpoint() {
        return URI.create("http://" + InetAddress.getLoopbackAddress().getHostAddress() + ":" + port);
    }

    /** Creates a new, empty bucket with the name (a valid S3 bucket name). */
    public void createBucket(String name) {
        try {
            Files.createDirectory(buckets.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create bucket " + name, e);
        }
    }

    private void awaitListening() {
        if (!TestProcesses.awaitListening(process, port, READY_TIMEOUT, "S3Proxy", logFile)) {
            stop();
            throw new IllegalStateException("S3Proxy did not listen within " + READY_TIMEOUT + ": " + log());
        }
    }

    private String log() {
        return TestProcesses.readLog(logFile);
    }

}
