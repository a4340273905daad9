package io.strata.app.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Key;
import com.google.inject.Module;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.OptionalBinder;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.strata.adapters.caffeine.CaffeineCacheTierConfig;
import io.strata.adapters.filesystem.FileLearnerSource;
import io.strata.adapters.filesystem.FileLearnerSourceConfig;
import io.strata.adapters.filesystem.FilesystemDurableStoreConfig;
import io.strata.adapters.olx.OlxCourseSource;
import io.strata.adapters.olx.OlxCourseSourceConfig;
import io.strata.app.config.StrataConfig;
import io.strata.domain.api.BlocksApi;
import io.strata.domain.codec.StructureCodec;
import io.strata.domain.manager.BlockStructureManager;
import io.strata.domain.manager.CollectLease;
import io.strata.domain.manager.ManagerOptions;
import io.strata.domain.manager.Sleeper;
import io.strata.domain.store.DurableLayout;
import io.strata.domain.store.TieredStructureStore;
import io.strata.domain.transform.TransformerRegistry;
import io.strata.ports.CacheTier;
import io.strata.ports.CourseSource;
import io.strata.ports.DurableStore;
import io.strata.ports.LearnerSource;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Wires one Strata process from its configuration: installs only the adapter modules that the
 * {@code *.type} keys choose, and builds the domain's services on top of them.
 *
 * <p>The course folder and the learners file are resolved before wiring (the bundled samples
 * are copied out of the jar when nothing is configured), so this module holds plain paths.
 */
public final class StrataModule extends AbstractModule {
    private final StrataConfig config;
    private final Path courseSource;
    private final FileLearnerSourceConfig learners;
    private final List<Module> tierModules = new ArrayList<>();
    private final DurableLayout layout;

    /**
     * Creates the wiring for a configuration. Every adapter's configuration is built here, before
     * Guice runs, so that a value an adapter refuses fails with its own message naming the key.
     *
     * @throws IllegalArgumentException when an adapter refuses its configuration
     */
    public StrataModule(StrataConfig config, Path courseSource, Path learnersFile) {
        this.config = requireNonNull(config, "config is null");
        this.courseSource = requireNonNull(courseSource, "courseSource is null");
        requireNonNull(learnersFile, "learnersFile is null");
        this.learners = new FileLearnerSourceConfig(learnersFile, config.learnersSelectionsFile()
                .orElseGet(() -> FileLearnerSourceConfig.besideLearnersFile(learnersFile)));
        switch (config.inProcessType()) {
            case CAFFEINE -> tierModules.add(new CaffeineCacheTierModule(
                    new CaffeineCacheTierConfig(config.inProcessMaxBytes(), config.inProcessExpireAfterWrite())));
            case NONE -> { }
        }
        switch (config.cacheType()) {
            case MEMCACHED -> tierModules.add(new MemcachedCacheTierModule(config.memcached()));
            case REDIS -> tierModules.add(new RedisCacheTierModule(config.redis()));
            case NONE -> { }
        }
        switch (config.durableType()) {
            case FILESYSTEM -> tierModules.add(new FilesystemDurableStoreModule(
                    new FilesystemDurableStoreConfig(config.durableFolder().toAbsolutePath())));
            case S3 -> tierModules.add(new S3DurableStoreModule(config.s3().orElseThrow()));
            case GCS -> tierModules.add(new GcsDurableStoreModule(config.gcs().orElseThrow()));
        }
        this.layout = new DurableLayout(config.durablePrefix());
    }

    @Override
    protected void configure() {
        bind(StrataConfig.class).toInstance(config);
        bind(Clock.class).toInstance(Clock.systemUTC());
        bind(TierEventLog.class).in(Singleton.class);
        OptionalBinder.newOptionalBinder(binder(), Key.get(CacheTier.class, InProcessTier.class));
        OptionalBinder.newOptionalBinder(binder(), Key.get(CacheTier.class, SharedCacheTier.class));
        tierModules.forEach(this::install);
    }

    @Provides
    @Singleton
    CourseSource courseSource() {
        return new OlxCourseSource(OlxCourseSourceConfig.of(courseSource)
                .withArchiveLimits(config.courseArchiveMaxBytes(), config.courseArchiveMaxEntries()));
    }

    @Provides
    @Singleton
    LearnerSource learnerSource() {
        return new FileLearnerSource(learners);
    }

    @Provides
    @Singleton
    TransformerRegistry transformerRegistry() {
        return TransformerRegistry.standard();
    }

    @Provides
    @Singleton
    BlocksApi blocksApi(TransformerRegistry registry, LearnerSource learners) {
        return new BlocksApi(registry, learners);
    }

    @Provides
    @Singleton
    PrometheusMeterRegistry meterRegistry() {
        return new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    }

    @Provides
    @Singleton
    TierListeners tierListeners(TierEventLog events, PrometheusMeterRegistry registry) {
        var metrics = new TierMetrics(registry);
        return new TierListeners(List.of(events, metrics), List.of(events, metrics));
    }

    @Provides
    @Singleton
    TieredStructureStore tieredStructureStore(@InProcessTier Optional<CacheTier> inProcess,
            @SharedCacheTier Optional<CacheTier> shared, DurableStore durable, TierListeners events, Clock clock) {
        // Nearest first: the in-process tier, then the shared cache, then the durable store.
        var caches = new ArrayList<CacheTier>();
        inProcess.ifPresent(caches::add);
        shared.ifPresent(caches::add);
        var pointerTtl = inProcess.flatMap(tier -> config.inProcessPointerTtl()
                .map(ttl -> new TieredStructureStore.PointerTtl(tier, ttl, clock)));
        return new TieredStructureStore(caches, Optional.of(durable), new StructureCodec(),
                layout, events, config.durableVersionsToKeep(), pointerTtl);
    }

    @Provides
    @Singleton
    BlockStructureManager blockStructureManager(CourseSource source, TransformerRegistry registry,
            TieredStructureStore store, Clock clock, TierListeners events, Optional<CollectLease> lease) {
        var options = ManagerOptions.DEFAULTS.withCollectOnMiss(config.collectOnMiss())
                .withReadsDurable(config.durableBacksCache());
        return new BlockStructureManager(source, registry, store, clock, events,
                lease.map(options::withLease).orElse(options));
    }

    /** Returns the lease on collecting a course, kept in the shared cache tier when it has conditional writes. */
    @Provides
    @Singleton
    Optional<CollectLease> collectLease(@SharedCacheTier Optional<CacheTier> shared) {
        return shared.filter(CacheTier::supportsConditionalWrites).map(tier -> new CollectLease(tier,
                config.collectLeaseTtl(), StrataConfig.MIN_LEASE_BACKOFF, config.collectLeaseMaxBackoff(),
                Sleeper.SYSTEM));
    }
}
