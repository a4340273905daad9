package io.strata.app.wiring;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.TypeLiteral;
import io.strata.adapters.caffeine.CaffeineCacheTier;
import io.strata.adapters.memcached.MemcachedCacheTier;
import io.strata.adapters.redis.RedisCacheTier;
import io.strata.adapters.gcs.GcsDurableStore;
import io.strata.adapters.s3.S3DurableStore;
import io.strata.adapters.filesystem.FileLearnerSource;
import io.strata.adapters.filesystem.FilesystemDurableStore;
import io.strata.adapters.olx.OlxCourseSource;
import io.strata.app.config.ConfigLoader;
import io.strata.app.config.StrataConfig;
import io.strata.domain.api.BlocksApi;
import io.strata.domain.codec.StructureCodec;
import io.strata.domain.key.CourseKey;
import io.strata.domain.key.UsageKey;
import io.strata.domain.manager.BlockStructureManager;
import io.strata.domain.manager.CollectLease;
import io.strata.domain.store.StructureAddress;
import io.strata.domain.store.TierSelection;
import io.strata.domain.store.TieredStructureStore;
import io.strata.domain.structure.BlockStructure;
import io.strata.ports.CacheTier;
import io.strata.ports.CourseImportException;
import io.strata.ports.CourseSource;
import io.strata.ports.DurableStore;
import io.strata.ports.LearnerSource;
import io.strata.ports.BackendFailureException;
import io.strata.testkit.LocalGcsEmulator;
import io.strata.testkit.LocalS3Proxy;
import io.strata.testkit.LocalServer;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Builds the real injector once per value of each {@code *.type} key. */
class WiringTest {
    private static final Key<Optional<CacheTier>> IN_PROCESS = Key.get(new TypeLiteral<>() { }, InProcessTier.class);
    private static final Key<Optional<CacheTier>> SHARED = Key.get(new TypeLiteral<>() { }, SharedCacheTier.class);
    private static final Key<Optional<CollectLease>> LEASE = Key.get(new TypeLiteral<>() { });
    private static final CourseKey COURSE = CourseKey.parse("course-v1:Wiring+W1+2026");

    @RegisterExtension
    static final LocalServer MEMCACHED = LocalServer.memcached();
    @RegisterExtension
    static final LocalServer REDIS = LocalServer.redis();
    @RegisterExtension
    static final LocalS3Proxy S3 = new LocalS3Proxy();
    @RegisterExtension
    static final LocalGcsEmulator GCS = new LocalGcsEmulator();

    private final List<AutoCloseable> opened = new ArrayList<>();

    @TempDir
    Path temp;

    @Test
    void inProcessType_caffeine_bindsCaffeineTier() {
        var injector = injector("in-process.type=caffeine");

        assertThat(injector.getInstance(IN_PROCESS)).containsInstanceOf(CaffeineCacheTier.class);
        assertThat(injector.getInstance(BlockStructureManager.class)).isNotNull();
    }

    @Test
    void inProcessType_none_bindsNoInProcessTier() {
        var injector = injector("in-process.type=none");

        assertThat(injector.getInstance(IN_PROCESS)).isEmpty();
        assertThat(injector.getInstance(BlockStructureManager.class)).isNotNull();
    }

    @AfterEach
    void closeSharedTiers() throws Exception {
        for (var tier : opened) {
            tier.close();
        }
    }

    @Test
    void cacheType_none_wiresWithoutSharedCache() {
        var injector = injector("cache.type=none");

        assertThat(injector.getInstance(SHARED)).isEmpty();
        assertThat(injector.getInstance(BlocksApi.class)).isNotNull();
    }

    @Test
    void cacheType_memcached_bindsMemcachedTierBelowInProcessTier() {
        var injector = injector("cache.type=memcached", "cache.memcached.servers=" + MEMCACHED.hostAndPort());
        var shared = injector.getInstance(SHARED);
        shared.ifPresent(tier -> opened.add((AutoCloseable) tier));

        assertThat(shared).containsInstanceOf(MemcachedCacheTier.class);
        assertThat(storeThenLoadFromCaches(injector)).isEqualTo("caffeine");
        assertThat(Integer.parseInt(MEMCACHED.memcachedStat("curr_items").orElseThrow())).isPositive();
    }

    @Test
    void cacheType_redis_bindsRedisTierBelowInProcessTier() {
        var injector = injector("cache.type=redis", "cache.redis.servers=" + REDIS.hostAndPort());
        var shared = injector.getInstance(SHARED);
        shared.ifPresent(tier -> opened.add((AutoCloseable) tier));

        assertThat(shared).containsInstanceOf(RedisCacheTier.class);
        assertThat(storeThenLoadFromCaches(injector)).isEqualTo("caffeine");
        assertThat(REDIS.command("DBSIZE", line -> true).get(0)).isNotEqualTo(":0");
    }

    @Test
    void cacheType_redisWithoutInProcessTier_servesFromRedis() {
        var injector = injector("in-process.type=none", "cache.type=redis",
                "cache.redis.servers=" + REDIS.hostAndPort());
        injector.getInstance(SHARED).ifPresent(tier -> opened.add((AutoCloseable) tier));

        assertThat(storeThenLoadFromCaches(injector)).isEqualTo("redis");
    }

    @Test
    void collectLease_sharedTierWithConditionalWrites_isKeptThere() {
        var memcached = injector("cache.type=memcached", "cache.memcached.servers=" + MEMCACHED.hostAndPort(),
                "collect.lease-ttl=90s");
        memcached.getInstance(SHARED).ifPresent(tier -> opened.add((AutoCloseable) tier));
        var redis = injector("cache.type=redis", "cache.redis.servers=" + REDIS.hostAndPort());
        redis.getInstance(SHARED).ifPresent(tier -> opened.add((AutoCloseable) tier));

        assertThat(memcached.getInstance(LEASE)).hasValueSatisfying(lease -> {
            assertThat(lease.tierName()).isEqualTo("memcached");
            assertThat(lease.ttl()).isEqualTo(Duration.ofSeconds(90));
        });
        assertThat(redis.getInstance(LEASE)).hasValueSatisfying(lease -> assertThat(lease.tierName())
                .isEqualTo("redis"));
    }

    @Test
    void collectLease_noSharedTierOrTextProtocol_isAbsent() {
        var text = injector("cache.type=memcached", "cache.memcached.servers=" + MEMCACHED.hostAndPort(),
                "cache.memcached.protocol=text");
        text.getInstance(SHARED).ifPresent(tier -> opened.add((AutoCloseable) tier));

        assertThat(injector("cache.type=none").getInstance(LEASE)).isEmpty();
        assertThat(text.getInstance(LEASE)).isEmpty();
    }

    @Test
    void durableType_filesystem_bindsFilesystemStoreAtConfiguredFolder() {
        var injector = injector("durable.type=filesystem");

        var store = injector.getInstance(DurableStore.class);
        assertThat(store).isInstanceOf(FilesystemDurableStore.class);
        assertThat(store.describe()).contains(temp.resolve("store").toString());
    }

    @Test
    void durableType_s3_bindsS3StoreThatKeepsStructures() {
        S3.createBucket("wiring-ok");
        var injector = injector(s3Settings("wiring-ok"));
        var store = injector.getInstance(DurableStore.class);
        opened.add((AutoCloseable) store);

        assertThat(store).isInstanceOf(S3DurableStore.class);
        assertThat(store.describe()).contains("wiring-ok");
        var tiered = injector.getInstance(TieredStructureStore.class);
        var address = new StructureAddress(COURSE, "v1", "hash", StructureCodec.FORMAT_VERSION);
        tiered.store(address, BlockStructure.builder(COURSE, "v1", new UsageKey(COURSE, "course", "course")).build(),
                /* withDurable= */ true);
        assertThat(store.list(COURSE.toString())).isNotEmpty();
    }

    @Test
    void durableType_s3MissingBucket_failsAtStartNamingBucketKey() {
        assertThatThrownBy(() -> injector(s3Settings("wiring-missing")))
                .hasStackTraceContaining(BackendFailureException.class.getName())
                .hasStackTraceContaining("durable.s3.bucket[wiring-missing] does not exist");
    }

    private static String[] s3Settings(String bucket) {
        return new String[] {"durable.type=s3", "durable.s3.bucket=" + bucket, "durable.s3.endpoint=" + S3.endpoint(),
            "durable.s3.path-style-access=true", "durable.s3.access-key-id=" + LocalS3Proxy.ACCESS_KEY_ID,
            "durable.s3.secret-access-key=" + LocalS3Proxy.SECRET_ACCESS_KEY, "durable.s3.max-attempts=1"};
    }

    @Test
    void durableType_gcs_bindsGcsStoreThatKeepsStructures() {
        GCS.createBucket("wiring-ok");
        var injector = injector(gcsSettings("wiring-ok"));
        var store = injector.getInstance(DurableStore.class);
        opened.add((AutoCloseable) store);

        assertThat(store).isInstanceOf(GcsDurableStore.class);
        assertThat(store.describe()).contains("wiring-ok");
        var tiered = injector.getInstance(TieredStructureStore.class);
        var address = new StructureAddress(COURSE, "v1", "hash", StructureCodec.FORMAT_VERSION);
        tiered.store(address, BlockStructure.builder(COURSE, "v1", new UsageKey(COURSE, "course", "course")).build(),
                /* withDurable= */ true);
        assertThat(store.list(COURSE.toString())).hasSize(2);
        assertThat(tiered.loadPointer(COURSE, TierSelection.DURABLE)).contains(address);
    }

    @Test
    void durableType_gcsMissingBucket_failsAtStartNamingBucketKey() {
        assertThatThrownBy(() -> injector(gcsSettings("wiring-missing")))
                .hasStackTraceContaining(BackendFailureException.class.getName())
                .hasStackTraceContaining("durable.gcs.bucket[wiring-missing] does not exist");
    }

    @Test
    void durableType_gcsUnreadableKeyFile_failsAtStartNamingKeyFileKey() {
        var keyFile = temp.resolve("absent-key.json");
        var settings = new ArrayList<>(List.of(gcsSettings("wiring-ok")));
        settings.removeIf(setting -> setting.startsWith("durable.gcs.credentials="));
        settings.addAll(List.of("durable.gcs.credentials=service-account-file",
                "durable.gcs.credentials-file=" + keyFile));

        assertThatThrownBy(() -> injector(settings.toArray(String[]::new)))
                .hasStackTraceContaining(BackendFailureException.class.getName())
                .hasStackTraceContaining("durable.gcs.credentials-file[" + keyFile + "]");
    }

    private static String[] gcsSettings(String bucket) {
        return new String[] {"durable.type=gcs", "durable.gcs.bucket=" + bucket,
            "durable.gcs.endpoint=" + GCS.endpoint(), "durable.gcs.project=" + LocalGcsEmulator.PROJECT,
            "durable.gcs.credentials=none", "durable.gcs.max-attempts=1"};
    }

    @Test
    void sources_areOlxAndLearnersFile() {
        var injector = injector();

        assertThat(injector.getInstance(CourseSource.class)).isInstanceOf(OlxCourseSource.class);
        assertThat(injector.getInstance(LearnerSource.class)).isInstanceOf(FileLearnerSource.class);
    }

    @Test
    void courseArchiveLimits_configured_reachTheCourseSource() throws IOException {
        var archive = temp.resolve("courses.tar.gz");
        try (var tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(Files.newOutputStream(archive)))) {
            for (var name : List.of("course/course.xml", "course/about/overview.html")) {
                var entry = new TarArchiveEntry(name);
                entry.setSize(1);
                tar.putArchiveEntry(entry);
                tar.write('x');
                tar.closeArchiveEntry();
            }
        }
        var config = ConfigLoader.load(Optional.empty(), Map.of(), List.of("course.archive.max-entries=1",
                "durable.filesystem.folder=" + temp.resolve("store")));

        var source = Guice.createInjector(new StrataModule(config, archive, temp.resolve("learners.yaml")))
                .getInstance(CourseSource.class);

        assertThatThrownBy(source::listCourses).isInstanceOf(CourseImportException.class)
                .hasMessageContaining("more than 1 entries");
    }

    @Test
    void services_areSingletons() {
        var injector = injector();

        assertThat(injector.getInstance(BlockStructureManager.class))
                .isSameAs(injector.getInstance(BlockStructureManager.class));
    }

    /** Stores a structure through the wired store and returns the name of the tier a cache-only read hits. */
    private static String storeThenLoadFromCaches(Injector injector) {
        var store = injector.getInstance(TieredStructureStore.class);
        var address = new StructureAddress(COURSE, "v1", "hash", StructureCodec.FORMAT_VERSION);
        var structure = BlockStructure.builder(COURSE, "v1", new UsageKey(COURSE, "course", "course")).build();

        store.store(address, structure, false);

        return store.load(address, TierSelection.CACHES).orElseThrow().tierName();
    }

    private Injector injector(String... overrides) {
        var all = new ArrayList<>(List.of("durable.filesystem.folder=" + temp.resolve("store")));
        all.addAll(List.of(overrides));
        StrataConfig config = ConfigLoader.load(Optional.empty(), Map.of(), all);
        return Guice.createInjector(new StrataModule(config, temp.resolve("courses"), temp.resolve("learners.yaml")));
    }
}
