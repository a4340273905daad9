package io.strata.app.http;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import com.google.inject.util.Modules;
import io.strata.app.config.ConfigLoader;
import io.strata.app.config.StrataConfig;
import io.strata.app.sample.BundledSamples;
import io.strata.app.wiring.StrataModule;
import io.strata.app.wiring.Wiring;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** Is a service started on a free loopback port for a test, with an HTTP client and token helpers. */
final class RunningService implements AutoCloseable {
    static final String JWT_KEY = "a-test-key-that-is-at-least-32-bytes-long";
    static final String TRUSTED_SECRET = "trusted-test-secret";
    static final String TRUSTED = "Trusted " + TRUSTED_SECRET;

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    final StrataConfig config;
    final Injector injector;
    final StrataService service;

    private RunningService(StrataConfig config, Injector injector, StrataService service) {
        this.config = config;
        this.injector = injector;
        this.service = service;
    }

    /** Starts a service with test credentials, loopback and a free port, then the given settings. */
    static RunningService start(List<String> settings) {
        var config = config(settings);
        var injector = Wiring.create(config);
        return new RunningService(config, injector, StrataService.start(injector, config, Optional.empty()));
    }

    /** Starts a service as {@link #start(List)} does, with bindings replaced by the override module. */
    static RunningService start(List<String> settings, Module override) {
        return start(Optional.empty(), settings, override);
    }

    /** Starts a service as {@link #start(List, Module)} does, reading the configuration file first. */
    static RunningService start(Optional<Path> file, List<String> settings, Module override) {
        var config = ConfigLoader.load(file, Map.of(), settings(settings));
        var injector = Guice.createInjector(Modules.override(new StrataModule(config, config.courseSource()
                .orElseGet(BundledSamples::extractSampleCourse), BundledSamples.extractSampleLearners()))
                .with(override));
        return new RunningService(config, injector, StrataService.start(injector, config, Optional.empty()));
    }

    /** Returns the settings every test service uses (loopback, a free port, test credentials) and the given ones. */
    static List<String> settings(List<String> settings) {
        var all = new ArrayList<>(List.of("service.host=127.0.0.1", "service.port=0",
                "service.auth.jwt.secret-key=" + JWT_KEY, "service.auth.trusted-secret=" + TRUSTED_SECRET));
        all.addAll(settings);
        return all;
    }

    private static StrataConfig config(List<String> settings) {
        return ConfigLoader.load(Optional.empty(), Map.of(), settings(settings));
    }

    /** Returns a bearer header for a JWT signed with the test key. */
    static String bearer(String username, boolean isAdministrator) {
        return bearer(new JWTClaimsSet.Builder().claim(CallerAuthenticator.USERNAME_CLAIM, username)
                .claim(CallerAuthenticator.ADMINISTRATOR_CLAIM, isAdministrator)
                .expirationTime(Date.from(Instant.now().plusSeconds(300))).build(), JWT_KEY);
    }

    /** Returns a bearer header for a JWT with the given claims, signed with the given key. */
    static String bearer(JWTClaimsSet claims, String key) {
        try {
            var jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
            jwt.sign(new MACSigner(key.getBytes(StandardCharsets.UTF_8)));
            return "Bearer " + jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sends a GET with the Authorization header, when given. */
    HttpResponse<String> get(String pathAndQuery, Optional<String> authorization) {
        return send("GET", pathAndQuery, authorization);
    }

    /** Sends a request of the method with the Authorization header, when given. */
    HttpResponse<String> send(String method, String pathAndQuery, Optional<String> authorization) {
        return send(method, pathAndQuery, authorization.map(value -> Map.of("Authorization", value)).orElse(Map.of()));
    }

    /** Sends a request of the method with the headers. */
    HttpResponse<String> send(String method, String pathAndQuery, Map<String, String> headers) {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.port() + pathAndQuery))
                .version(HttpClient.Version.HTTP_1_1)
                .timeout(Duration.ofSeconds(60)).method(method, HttpRequest.BodyPublishers.noBody());
        headers.forEach(request::header);
        try {
            return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Returns the value of a counter or timer count in the /metrics text, 0 when absent. */
    double metric(String name, String labels) {
        var text = get("/metrics", Optional.empty()).body();
        var pattern = Pattern.compile("(?m)^" + Pattern.quote(name) + "(?:\\{([^}]*)\\})? (\\S+)$");
        double total = 0;
        var matcher = pattern.matcher(text);
        while (matcher.find()) {
            var found = matcher.group(1) == null ? "" : matcher.group(1);
            if (found.contains(labels)) {
                total += Double.parseDouble(matcher.group(2));
            }
        }
        return total;
    }

    @Override
    public void close() {
        service.close();
    }
}
