package io.strata.app.wiring;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.Stage;
import com.google.inject.TypeLiteral;
import io.strata.app.config.ConfigKey;
import io.strata.app.config.StrataConfig;
import io.strata.app.sample.BundledSamples;
import io.strata.domain.manager.CollectLease;
import io.strata.ports.CacheTier;
import io.strata.ports.CourseSource;
import io.strata.ports.DurableStore;
import io.strata.ports.LearnerSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * Builds the injector of one Strata process from its configuration and logs, once, what was
 * chosen for each tier and source and why (which setting, from where).
 */
public final class Wiring {
    private static final Logger log = LoggerFactory.getLogger(Wiring.class);

    private Wiring() {
    }

    /** Returns the injector for the configuration, with the bundled samples where nothing is configured. */
    public static Injector create(StrataConfig config) {
        var courseSource = config.courseSource().orElseGet(BundledSamples::extractSampleCourse);
        var learnersFile = config.learnersFile().orElseGet(BundledSamples::extractSampleLearners);
        var injector = Guice.createInjector(Stage.PRODUCTION, new StrataModule(config, courseSource, learnersFile));
        logSummary(config, injector);
        return injector;
    }

    private static void logSummary(StrataConfig config, Injector injector) {
        var inProcess = injector.getInstance(Key.get(new TypeLiteral<Optional<CacheTier>>() { },
                InProcessTier.class));
        if (inProcess.isPresent()) {
            log.info("In-process tier[{}] max-bytes[{}] pointer-ttl[{}] (in-process.type from {})",
                    inProcess.get().name(), config.inProcessMaxBytes(), expiry(config.inProcessPointerTtl()),
                    config.originOf(ConfigKey.IN_PROCESS_TYPE));
        } else {
            log.info("In-process tier[none] (in-process.type from {})", config.originOf(ConfigKey.IN_PROCESS_TYPE));
        }
        logSharedCache(config);
        logLease(config, injector.getInstance(Key.get(new TypeLiteral<Optional<CollectLease>>() { })));
        logDurable(config, injector.getInstance(DurableStore.class));
        log.info("Course source[{}]{}", injector.getInstance(CourseSource.class).describe(),
                originNote(config, config.courseSource(), ConfigKey.COURSE_SOURCE, "sample course"));
        log.info("Learner source[{}]{}", injector.getInstance(LearnerSource.class).describe(),
                originNote(config, config.learnersFile(), ConfigKey.LEARNERS_FILE, "sample learners"));
    }

    private static void logLease(StrataConfig config, Optional<CollectLease> lease) {
        if (lease.isPresent()) {
            log.info("Collect lease[{}] ttl[{}] max-backoff[{}]: one process collects a course at a time"
                    + " (collect.lease-ttl from {})", lease.get().tierName(), lease.get().ttl(),
                    config.collectLeaseMaxBackoff(), config.originOf(ConfigKey.COLLECT_LEASE_TTL));
        } else {
            log.info("Collect lease[none]: processes do not coordinate collects, only the callers within one"
                    + " (cache.type[{}] has {} conditional writes)",
                    config.cacheType().name().toLowerCase(Locale.ROOT),
                    config.cacheType() == StrataConfig.CacheType.NONE ? "no shared tier for" : "no");
        }
    }

    private static void logDurable(StrataConfig config, DurableStore store) {
        switch (config.durableType()) {
            case FILESYSTEM -> log.info("Durable tier[{}] prefix[{}] versions-to-keep[{}] backs-cache[{}]"
                    + " (durable.type from {}, folder from {}, prefix from {})", store.describe(),
                    config.durablePrefix(), config.durableVersionsToKeep(), config.durableBacksCache(),
                    config.originOf(ConfigKey.DURABLE_TYPE), config.originOf(ConfigKey.DURABLE_FILESYSTEM_FOLDER),
                    config.originOf(ConfigKey.DURABLE_PREFIX));
            // Only which kind of credentials is used is logged, never the secret key.
            case S3 -> {
                var s3 = config.s3().orElseThrow();
                log.info("Durable tier[{}] prefix[{}] versions-to-keep[{}] backs-cache[{}] region[{}]"
                        + " path-style-access[{}] credentials[{}] max-attempts[{}] call-timeout[{}] (durable.type"
                        + " from {}, bucket from {}, prefix from {})", store.describe(), config.durablePrefix(),
                        config.durableVersionsToKeep(),
                        config.durableBacksCache(), s3.region(), s3.pathStyleAccess(),
                        s3.accessKeyId().map(id -> "static " + id).orElse("default chain"), s3.maxAttempts(),
                        s3.callTimeout(),
                        config.originOf(ConfigKey.DURABLE_TYPE), config.originOf(ConfigKey.DURABLE_S3_BUCKET),
                        config.originOf(ConfigKey.DURABLE_PREFIX));
            }
            // Only where the credentials come from is logged, never their content.
            case GCS -> {
                var gcs = config.gcs().orElseThrow();
                log.info("Durable tier[{}] prefix[{}] versions-to-keep[{}] project[{}] credentials[{}] max-attempts[{}]"
                        + " call-timeout[{}] (durable.type from {}, bucket from {})", store.describe(),
                        config.durablePrefix(),
                        config.durableVersionsToKeep(), gcs.project().orElse("(from credentials)"),
                        gcs.credentialsFile().map(file -> "service-account-file " + file)
                                .orElse(gcs.credentials().name().toLowerCase(Locale.ROOT)),
                        gcs.maxAttempts(), gcs.callTimeout(), config.originOf(ConfigKey.DURABLE_TYPE),
                        config.originOf(ConfigKey.DURABLE_GCS_BUCKET));
            }
        }
    }

    private static void logSharedCache(StrataConfig config) {
        var origin = config.originOf(ConfigKey.CACHE_TYPE);
        switch (config.cacheType()) {
            case NONE -> log.info("Shared cache tier[none] (cache.type from {})", origin);
            case MEMCACHED -> log.info("Shared cache tier[memcached] servers{} protocol[{}] max-item-bytes[{}]"
                    + " expire-after-write[{}] (cache.type from {}, expiry from {})", config.memcached().servers(),
                    config.memcached().protocol(), config.memcached().maxItemBytes(),
                    expiry(config.memcached().expireAfterWrite()), origin,
                    config.originOf(ConfigKey.CACHE_EXPIRE_AFTER_WRITE));
            // Only whether a password is set is logged, never the password.
            case REDIS -> log.info("Shared cache tier[redis] mode[{}] servers{} tls[{}] password[{}]"
                    + " max-connections[{}] max-item-bytes[{}] expire-after-write[{}] (cache.type from {},"
                    + " expiry from {})",
                    config.redis().mode(), config.redis().servers(), config.redis().tls(),
                    config.redis().password().isPresent() ? "set" : "none", config.redis().maxConnections(),
                    config.redis().maxItemBytes(), expiry(config.redis().expireAfterWrite()), origin,
                    config.originOf(ConfigKey.CACHE_EXPIRE_AFTER_WRITE));
        }
    }

    private static String expiry(Optional<Duration> expireAfterWrite) {
        return expireAfterWrite.map(Duration::toString).orElse("never");
    }

    private static String originNote(StrataConfig config, Optional<Path> configured, ConfigKey key, String what) {
        if (configured.isPresent()) {
            return " (" + key.key() + " from " + config.originOf(key) + ")";
        }
        return " (bundled " + what + "; set " + key.key() + " to use your own)";
    }
}
