package io.strata.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.strata.testkit.LocalS3Proxy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Starts {@code strata serve} (the packaged jar, as an operator runs it) from the configuration Open edX
 * operators use to keep course blocks in S3, unchanged but for the endpoint of a local S3 server
 * (S3Proxy), with the key that signs the LMS's JWTs in the environment, as the README says to add it.
 */
class ServeOpenEdxSettingsIT {
    private static final String SAMPLE = "course-v1:StrataX+SAMPLE101+2026";
    private static final String JWT_KEY = "the-lms-jwt-secret-key-of-at-least-32-bytes";
    private static final Pattern LISTENING = Pattern.compile("Service listening on .* port\\[(\\d+)\\]");

    @RegisterExtension
    static final LocalS3Proxy S3 = new LocalS3Proxy("test-key", "test-secret");

    @TempDir
    Path folder;

    @Test
    void serve_openEdxS3SettingsWithJwtKeyFromEnvironment_answersFromTheBucket() throws Exception {
        S3.createBucket("bucket-name");
        var settings = Files.writeString(folder.resolve("lms.yml"), """
                BLOCK_STRUCTURES_SETTINGS:
                  STORAGE_CLASS: 'storages.backends.s3boto.S3BotoStorage'
                  STORAGE_KWARGS:
                    AWS_ACCESS_KEY_ID: 'test-key'
                    AWS_SECRET_ACCESS_KEY: 'test-secret'
                    AWS_STORAGE_BUCKET_NAME: 'bucket-name'
                    AWS_S3_ENDPOINT_URL: '%s'
                  DIRECTORY_PREFIX: "/directory-name/"
                BLOCK_STRUCTURE_CONFIGURATION:
                  version: 1
                  cache_timeout_in_seconds: null
                """.formatted(S3.endpoint()));
        var generated = run("generate-course-blocks", "--config", settings.toString(), "--all-courses",
                "--with-storage");
        assertThat(generated.waitFor(90, TimeUnit.SECONDS)).as("generate finished").isTrue();
        assertThat(generated.exitValue()).as(Files.readString(folder.resolve("stderr"))).isZero();

        var serve = run("serve", "--config", settings.toString(), "--port", "0");
        try {
            int port = awaitPort(serve);
            var response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + port + "/api/courses/v1/blocks/?course_id=" + SAMPLE + "&username=staff&depth=all"))
                    .header("Authorization", "Bearer " + lmsJwt("staff")).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(new ObjectMapper().readTree(response.body()).get("blocks").size()).isGreaterThan(10);
            assertThat(response.headers().firstValue("Server-Timing").orElseThrow()).contains("desc=\"durable\"");
        } finally {
            serve.destroy();
            assertThat(serve.waitFor(30, TimeUnit.SECONDS)).as("serve stopped on SIGTERM").isTrue();
        }
        assertThat(Files.readString(folder.resolve("stderr"))).doesNotContain("test-secret", JWT_KEY);
    }

    /** Starts the packaged jar with the command; its standard error goes to the file {@code stderr}. */
    private Process run(String... command) throws Exception {
        var jar = Path.of("target", "strata.jar");
        assertThat(jar).as("the packaged jar, built by mvn package before the integration tests").isRegularFile();
        var java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        var builder = new ProcessBuilder(java, "-jar", jar.toString())
                .redirectOutput(folder.resolve("stdout").toFile())
                .redirectError(folder.resolve("stderr").toFile());
        builder.command().addAll(List.of(command));
        builder.environment().keySet().removeIf(name -> name.startsWith("STRATA_"));
        builder.environment().put("STRATA_SERVICE_AUTH_JWT_SECRET_KEY", JWT_KEY);
        return builder.start();
    }

    private int awaitPort(Process serve) throws Exception {
        var deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            var matcher = LISTENING.matcher(Files.readString(folder.resolve("stderr")));
            if (matcher.find()) {
                return Integer.parseInt(matcher.group(1));
            }
            assertThat(serve.isAlive()).as("serve runs; log: %s", Files.readString(folder.resolve("stderr"))).isTrue();
            Thread.sleep(100);
        }
        throw new AssertionError("serve did not say where it listens: " + Files.readString(folder.resolve("stderr")));
    }

    private static String lmsJwt(String username) throws Exception {
        var claims = new JWTClaimsSet.Builder().claim("preferred_username", username).claim("administrator", true)
                .expirationTime(Date.from(Instant.now().plusSeconds(300))).build();
        var jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        jwt.sign(new MACSigner(JWT_KEY.getBytes(StandardCharsets.UTF_8)));
        return jwt.serialize();
    }
}
