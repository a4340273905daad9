package io.strata.adapters.redis;

import io.strata.adapters.redis.RedisCacheTierConfig.Mode;
import io.strata.ports.BackendUnavailableException;
import io.strata.ports.CacheTier;
import io.strata.testkit.CacheTierContractTest;
import io.strata.testkit.LocalServer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Runs the cache tier contract over TLS against a real Redis that listens on a TLS port only for
 * the tier (its plain port serves the test's own commands), with a self-signed certificate made by
 * the JDK's keytool and trusted through the JVM's trust store, as an operator would configure it
 * ({@code -Djavax.net.ssl.trustStore}).
 *
 * <p>The JVM reads its trust store once, when the first TLS connection is made; no other test in
 * this module uses TLS, so the properties set here before the server starts are the ones it reads.
 */
class RedisTlsIT extends CacheTierContractTest {
    private static final char[] STORE_PASSWORD = "changeit".toCharArray();
    private static final Path FOLDER = trustedCertificate();
    private static final int TLS_PORT = freePort();

    @RegisterExtension
    static final LocalServer SERVER = LocalServer.redis("--tls-port", Integer.toString(TLS_PORT),
            "--tls-cert-file", FOLDER.resolve("cert.pem").toString(),
            "--tls-key-file", FOLDER.resolve("key.pem").toString(),
            "--tls-ca-cert-file", FOLDER.resolve("cert.pem").toString(), "--tls-auth-clients", "no");

    private static final Duration TIMEOUT = Duration.ofSeconds(1);

    private final List<RedisCacheTier> opened = new ArrayList<>();

    @Override
    protected CacheTier createTier() {
        SERVER.flush();
        return open(/* tls= */ true);
    }

    @AfterEach
    void closeTiers() {
        opened.forEach(RedisCacheTier::close);
    }

    @Test
    void load_plainConnectionToTlsPort_throwsUnavailable() {
        var tier = open(/* tls= */ false);

        assertThatThrownBy(() -> tier.load("tls:key")).isInstanceOf(BackendUnavailableException.class);
    }

    private RedisCacheTier open(boolean tls) {
        var server = new InetSocketAddress(InetAddress.getLoopbackAddress(), TLS_PORT);
        var tier = new RedisCacheTier(new RedisCacheTierConfig(Mode.STANDALONE, List.of(server), Optional.empty(),
                Optional.empty(), Optional.empty(), tls, TIMEOUT, TIMEOUT, RedisCacheTierConfig.DEFAULT_MAX_CONNECTIONS,
                2L * 1024 * 1024, Optional.empty()));
        opened.add(tier);
        return tier;
    }

    /**
     * Makes a self-signed certificate for the loopback address, writes it and its key as PEM files
     * for Redis, and makes a trust store holding it the JVM's; returns the folder of the files.
     */
    private static Path trustedCertificate() {
        try {
            var folder = Files.createTempDirectory("strata-redis-tls-");
            var keyStore = folder.resolve("server.p12");
            runKeytool("-genkeypair", "-alias", "redis", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                    "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-storetype", "PKCS12",
                    "-keystore", keyStore.toString(), "-storepass", new String(STORE_PASSWORD));
            var server = KeyStore.getInstance("PKCS12");
            try (var in = Files.newInputStream(keyStore)) {
                server.load(in, STORE_PASSWORD);
            }
            var certificate = server.getCertificate("redis");
            Files.writeString(folder.resolve("cert.pem"), pem("CERTIFICATE", certificate.getEncoded()));
            Files.writeString(folder.resolve("key.pem"),
                    pem("PRIVATE KEY", server.getKey("redis", STORE_PASSWORD).getEncoded()));

            var trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("redis", certificate);
            var trustStore = folder.resolve("trust.p12");
            try (var out = Files.newOutputStream(trustStore)) {
                trust.store(out, STORE_PASSWORD);
            }
            System.setProperty("javax.net.ssl.trustStore", trustStore.toString());
            System.setProperty("javax.net.ssl.trustStorePassword", new String(STORE_PASSWORD));
            System.setProperty("javax.net.ssl.trustStoreType", "PKCS12");
            return folder;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the test certificate", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot read the test certificate keytool made", e);
        }
    }

    private static void runKeytool(String... arguments) throws IOException {
        var command = new ArrayList<String>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(arguments));
        var process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            var output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("keytool failed to make the test certificate: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while keytool made the test certificate", e);
        }
    }

    private static String pem(String type, byte[] der) {
        var body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }

    private static int freePort() {
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot find a free loopback port", e);
        }
    }
}
