package io.strata.app.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.TypeLiteral;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HttpResponseException;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.strata.app.config.ServiceConfig;
import io.strata.app.config.StrataConfig;
import io.strata.app.wiring.InProcessTier;
import io.strata.app.wiring.SharedCacheTier;
import io.strata.domain.api.BlocksApi;
import io.strata.domain.api.BlocksApiVersion;
import io.strata.domain.key.CourseKey;
import io.strata.domain.key.InvalidKeyException;
import io.strata.domain.manager.BlockStructureManager;
import io.strata.domain.store.TieredStructureStore;
import io.strata.domain.transform.TransformerRegistry;
import io.strata.ports.BackendFailureException;
import io.strata.ports.BackendUnavailableException;
import io.strata.ports.CacheTier;
import io.strata.ports.CourseSource;
import io.strata.ports.DurableStore;
import io.strata.ports.LearnerSource;
import io.strata.ports.StrataException;
import org.eclipse.jetty.ee10.servlet.HttpOutput;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ScheduledThreadPoolExecutor;

import static java.util.Objects.requireNonNull;

/*
 * The HTTP service, on Javalin (a thin layer over Jetty 12): routes are plain lambdas, so every
 * request goes through one wrapper that authenticates, maps refusals to JSON errors (never a stack
 * trace), and records the request in /metrics by route and status.
 *
 *   GET    /api/courses/{v1,v2}/blocks/?course_id=...   the Blocks API, from the course root
 *   GET    /api/courses/{v1,v2}/blocks/{usage_id}       the Blocks API, from one block
 *   POST   /api/strata/v1/courses/{course_id}/published a publish event: rebuild after publish.delay
 *   DELETE /api/strata/v1/courses/{course_id}           delete the course from every tier
 *   GET    /health, /ready, /metrics                    liveness, each tier's state, Prometheus
 *
 * Errors are {"detail": message} (Open edX's DRF shape), with "parameter" naming the refused query
 * parameter of a 400.
 */
/** Runs the Strata HTTP service until {@link #close()}; start it with {@link #start}. */
public final class StrataService implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(StrataService.class);
    private static final String JSON_TYPE = "application/json";
    private static final String BLOCKS_V1 = "/api/courses/v1/blocks";
    private static final String BLOCKS_V2 = "/api/courses/v2/blocks";
    private static final String COURSES = "/api/strata/v1/courses/{course_id}";
    /** Is the one mapper of the service's JSON, responses and error bodies alike. */
    static final ObjectMapper JSON = new ObjectMapper();

    private final Javalin server;
    private final CourseRebuilds rebuilds;

    private StrataService(Javalin server, CourseRebuilds rebuilds) {
        this.server = server;
        this.rebuilds = rebuilds;
    }

    /**
     * Starts the service on the configured address (or {@code port} when given) with the injector's
     * tiers, sources and manager; returns once it listens.
     *
     * @throws IllegalArgumentException when no caller could be admitted (no JWT key, no trusted
     *     secret, no anonymous access), or when it cannot listen on the address: the host does not
     *     resolve or is not of this machine, or the port is in use
     */
    public static StrataService start(Injector injector, StrataConfig config, Optional<Integer> port) {
        requireNonNull(injector, "injector is null");
        requireNonNull(config, "config is null");
        var service = config.service();
        if (!service.admitsAnyone()) {
            throw new IllegalArgumentException("The service would refuse every request: set"
                    + " service.auth.jwt.secret-key, service.auth.jwt.public-keys, service.auth.trusted-secret or"
                    + " service.auth.allow-anonymous");
        }
        // Checked before anything is built, so a refusal leaves no rebuild executor behind.
        int listenPort = port.orElse(service.port());
        ListenAddress.checkAvailable(service.host(), listenPort);

        var clock = injector.getInstance(Clock.class);
        var metrics = injector.getInstance(PrometheusMeterRegistry.class);
        var caches = caches(injector);
        var structures = new ServedStructures(injector.getInstance(BlockStructureManager.class),
                injector.getInstance(TieredStructureStore.class),
                injector.getInstance(TransformerRegistry.class).writeVersionHash(), service.structuresMaxBlocks());
        var responses = new RenderedResponses(service.responsesMaxBytes(), metrics);
        var rebuilds = rebuilds(injector, structures, responses, config, metrics);
        var routes = new Routes(new CallerAuthenticator(service, clock),
                blocks(injector, config, structures, responses, caches), rebuilds,
                new Readiness(caches, injector.getInstance(DurableStore.class)), metrics);

        var server = Javalin.create(javalin -> routes.configure(javalin, service.host(), listenPort));
        try {
            server.start();
        } catch (RuntimeException e) {
            rebuilds.close();
            throw ListenAddress.bindFailure(service.host(), listenPort, e);
        }
        log.info("Service listening on host[{}] port[{}] auth[jwt hs256 {}, jwt rsa keys {}, trusted secret {},"
                + " anonymous {}] publish-delay[{}]", service.host(), server.port(),
                onOff(service.jwtSecretKey().isPresent()),
                service.jwtPublicKeys().map(keys -> Integer.toString(keys.getKeys().size())).orElse("off"),
                onOff(service.trustedSecret().isPresent()), onOff(service.allowsAnonymous()), config.publish().delay());
        return new StrataService(server, rebuilds);
    }

    /** Returns the port the service listens on. */
    public int port() {
        return server.port();
    }

    /** Stops listening and drops waiting rebuilds; requests in progress finish first. */
    @Override
    public void close() {
        int port = server.port();
        log.info("Service on port[{}] shutting down: finishing requests in progress, dropping waiting rebuilds",
                port);
        rebuilds.close();
        server.stop();
        log.info("Service on port[{}] stopped", port);
    }

    private static BlocksService blocks(Injector injector, StrataConfig config, ServedStructures structures,
            RenderedResponses responses, List<CacheTier> caches) {
        var itemBytes = new LinkedHashMap<String, Long>();
        caches.forEach(tier -> itemBytes.put(tier.name(), tier.maxValueBytes()));
        return new BlocksService(structures, responses, injector.getInstance(BlocksApi.class),
                injector.getInstance(LearnerSource.class), injector.getInstance(Clock.class),
                config.lmsBaseUrl().toString(), JSON, injector.getInstance(PrometheusMeterRegistry.class), itemBytes);
    }

    private static CourseRebuilds rebuilds(Injector injector, ServedStructures structures,
            RenderedResponses responses, StrataConfig config, PrometheusMeterRegistry metrics) {
        var executor = new ScheduledThreadPoolExecutor(1, runnable -> {
            var thread = new Thread(runnable, "strata-rebuilds");
            thread.setDaemon(true);
            return thread;
        });
        // Retries wait in the executor, not in the pending map: closing must drop them too.
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        var publish = config.publish();
        var invalidated = publish.invalidateCache()
                ? Optional.of(injector.getInstance(TieredStructureStore.class))
                : Optional.<TieredStructureStore>empty();
        return new CourseRebuilds(injector.getInstance(BlockStructureManager.class),
                injector.getInstance(CourseSource.class), invalidated, structures,
                responses, executor, publish.delay(), publish.maxRetries(), publish.retryDelay(), metrics);
    }

    private static String onOff(boolean isOn) {
        return isOn ? "on" : "off";
    }

    private static List<CacheTier> caches(Injector injector) {
        var type = new TypeLiteral<Optional<CacheTier>>() { };
        var caches = new ArrayList<CacheTier>();
        injector.getInstance(Key.get(type, InProcessTier.class)).ifPresent(caches::add);
        injector.getInstance(Key.get(type, SharedCacheTier.class)).ifPresent(caches::add);
        return caches;
    }

    /** Is the routes and their shared request wrapper. */
    private record Routes(CallerAuthenticator authenticator, BlocksService blocks, CourseRebuilds rebuilds,
            Readiness readiness, PrometheusMeterRegistry metrics) {
        void configure(JavalinConfig config, String host, int port) {
            config.jetty.host = host;
            config.jetty.port = port;
            config.jetty.modifyServer(server -> server.setErrorHandler(new JsonErrorHandler()));
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            // A known path asked with another method is 405, not Javalin's default 404.
            config.http.prefer405over404 = true;
            config.routes.exception(HttpResponseException.class, this::refusedByRouter);
            config.routes.get(BLOCKS_V1, timed(BLOCKS_V1, ctx -> blocks(ctx, BlocksApiVersion.V1, false)));
            config.routes.get(BLOCKS_V2, timed(BLOCKS_V2, ctx -> blocks(ctx, BlocksApiVersion.V2, false)));
            config.routes.get(BLOCKS_V1 + "/{usage_id}",
                    timed(BLOCKS_V1 + "/{usage_id}", ctx -> blocks(ctx, BlocksApiVersion.V1, true)));
            config.routes.get(BLOCKS_V2 + "/{usage_id}",
                    timed(BLOCKS_V2 + "/{usage_id}", ctx -> blocks(ctx, BlocksApiVersion.V2, true)));
            config.routes.post(COURSES + "/published", timed(COURSES + "/published", this::published));
            config.routes.delete(COURSES, timed(COURSES, this::deleted));
            config.routes.get("/health", timed("/health", ctx -> json(ctx, 200, "{\"status\":\"ok\"}")));
            config.routes.get("/ready", timed("/ready", this::ready));
            config.routes.get("/metrics", timed("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4")
                    .result(metrics.scrape())));
        }

        private void blocks(Context ctx, BlocksApiVersion version, boolean hasUsageId) {
            var caller = authenticator.authenticate(Optional.ofNullable(ctx.header("Authorization")));
            var query = BlocksQuery.parse(ctx.queryParamMap(),
                    hasUsageId ? Optional.of(ctx.pathParam("usage_id")) : Optional.empty());
            var served = blocks.serve(caller, query, version);
            ctx.header("Server-Timing", served.timing().headerValue());
            ctx.status(200).contentType(JSON_TYPE);
            write(ctx, served.body());
        }

        /**
         * Writes the body. Javalin copies a result through its compressing stream in small pieces and
         * without a length (chunked); a client that accepts no encoding gets the buffer in one write
         * with its Content-Length instead (Jetty's own stream takes a buffer, so a cached direct one
         * reaches the socket without a copy), which measurably cuts the cost of a large cached body.
         * A client that goes away while it is written (or a server that stops) ends the request, as
         * in Javalin's own write: there is nobody left to answer.
         */
        private static void write(Context ctx, ByteBuffer body) {
            var encodings = ctx.header("Accept-Encoding");
            if (encodings != null && !encodings.isBlank()) {
                ctx.result(bytes(body));
                return;
            }
            int length = body.remaining();
            ctx.res().setContentLength(length);
            try {
                var out = ctx.res().getOutputStream();
                if (out instanceof HttpOutput jetty) {
                    jetty.write(body);
                } else {
                    out.write(bytes(body));
                }
            } catch (IOException e) {
                log.debug("Request[{} {}] closed before its body[{} bytes] was written", ctx.method(), ctx.path(),
                        length, e);
            }
        }

        private static byte[] bytes(ByteBuffer body) {
            if (body.hasArray() && body.arrayOffset() == 0 && body.position() == 0
                    && body.remaining() == body.array().length) {
                return body.array();
            }
            var copy = new byte[body.remaining()];
            body.duplicate().get(copy);
            return copy;
        }

        private void published(Context ctx) {
            var course = staffCourse(ctx);
            boolean scheduled = rebuilds.published(course);
            json(ctx, 202, String.format(Locale.ROOT, "{\"course_id\":\"%s\",\"rebuild_scheduled\":%b,"
                    + "\"delay_seconds\":%.3f}", course, scheduled, rebuilds.delay().toMillis() / 1000.0));
        }

        private void deleted(Context ctx) {
            rebuilds.delete(staffCourse(ctx));
            ctx.status(204);
        }

        private CourseKey staffCourse(Context ctx) {
            var caller = authenticator.authenticate(Optional.ofNullable(ctx.header("Authorization")));
            var text = ctx.pathParam("course_id");
            if (!caller.isTrusted() && !caller.isAdministrator()) {
                throw ApiException.forbidden("Caller[%s] may not publish or delete courses; it needs global staff"
                        + " or the trusted secret", caller.describe());
            }
            try {
                return CourseKey.parse(text);
            } catch (InvalidKeyException e) {
                throw ApiException.badParameter("course_id", "course_id[%s] is not a course key: %s", text,
                        e.getMessage());
            }
        }

        /**
         * Answers what Javalin's router refuses before any route runs (an unknown path, a method the path
         * does not take) in the API's error shape: Javalin's own answer is HTML or text for a browser.
         */
        private void refusedByRouter(HttpResponseException refusal, Context ctx) {
            var request = ctx.method().name() + " " + ctx.path();
            var message = switch (refusal.getStatus()) {
                case 404 -> String.format(Locale.ROOT, "No route for request[%s]; the Blocks API is under %s/ and"
                        + " %s/", request, BLOCKS_V1, BLOCKS_V2);
                case 405 -> String.format(Locale.ROOT, "Method[%s] is not allowed on path[%s]", ctx.method().name(),
                        ctx.path());
                default -> String.format(Locale.ROOT, "Request[%s] refused: %s", request, refusal.getMessage());
            };
            log.debug("Request[{}] refused by the router: status[{}]", request, refusal.getStatus());
            error(ctx, refusal.getStatus(), message, Optional.empty());
        }

        private void ready(Context ctx) {
            var states = readiness.check();
            var body = new StringBuilder("{\"status\":\"").append(states.isReady() ? "ready" : "not ready")
                    .append("\",\"tiers\":{");
            var first = true;
            for (var entry : states.tiers().entrySet()) {
                body.append(first ? "" : ",").append('"').append(entry.getKey()).append("\":\"")
                        .append(entry.getValue()).append('"');
                first = false;
            }
            json(ctx, states.isReady() ? 200 : 503, body.append("}}").toString());
        }

        private Handler timed(String route, Handler handler) {
            return ctx -> {
                long start = System.nanoTime();
                try {
                    handler.handle(ctx);
                } catch (ApiException e) {
                    log.debug("Request[{} {}] refused: status[{}] {}", ctx.method(), ctx.path(), e.status(),
                            e.getMessage());
                    error(ctx, e.status(), e.getMessage(), e.parameter());
                } catch (BackendUnavailableException e) {
                    log.warn("Request[{} {}] failed: a tier it needs is unreachable", ctx.method(), ctx.path(), e);
                    error(ctx, 503, "A storage tier is unreachable; retry later", Optional.empty());
                } catch (BackendFailureException e) {
                    log.warn("Request[{} {}] failed: {}", ctx.method(), ctx.path(), e.getMessage());
                    log.debug("Request[{} {}] failure", ctx.method(), ctx.path(), e);
                    error(ctx, 500, "A storage tier failed the request; the service log has the details",
                            Optional.empty());
                } catch (StrataException e) {
                    // The message is for the operator: it may name server paths or a library's exception.
                    log.warn("Request[{} {}] failed: {}", ctx.method(), ctx.path(), e.getMessage());
                    log.debug("Request[{} {}] failure", ctx.method(), ctx.path(), e);
                    error(ctx, 500, "The request failed; the service log has the details", Optional.empty());
                } catch (Exception e) {
                    log.error("Request[{} {}] failed unexpectedly", ctx.method(), ctx.path(), e);
                    error(ctx, 500, "Internal error; the service log has the details", Optional.empty());
                } finally {
                    Timer.builder("strata.http.requests").tag("route", route).tag("method", ctx.method().name())
                            .tag("status", Integer.toString(ctx.statusCode())).publishPercentileHistogram()
                            .register(metrics).record(Duration.ofNanos(System.nanoTime() - start));
                }
            };
        }

        private static void error(Context ctx, int status, String message, Optional<String> parameter) {
            var body = new LinkedHashMap<String, String>();
            body.put("detail", message);
            parameter.ifPresent(name -> body.put("parameter", name));
            try {
                json(ctx, status, JSON.writeValueAsString(body));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("Cannot write an error body", e);
            }
        }

        private static void json(Context ctx, int status, String body) {
            ctx.status(status).contentType(JSON_TYPE).result(body.getBytes(StandardCharsets.UTF_8));
        }
    }
}
