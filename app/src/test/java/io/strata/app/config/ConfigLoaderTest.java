package io.strata.app.config;

import io.strata.adapters.gcs.GcsDurableStoreConfig;
import io.strata.adapters.memcached.MemcachedCacheTierConfig.Protocol;
import io.strata.adapters.redis.RedisCacheTierConfig.Mode;
import io.strata.app.config.StrataConfig.CacheType;
import io.strata.app.config.StrataConfig.DurableType;
import io.strata.app.config.StrataConfig.InProcessType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigLoaderTest {
    @TempDir
    Path folder;

    @Test
    void load_nothingConfigured_givesEmbeddedDefaults() {
        var config = ConfigLoader.defaults();

        assertThat(config.courseSource()).isEmpty();
        assertThat(config.courseArchiveMaxBytes()).isEqualTo(512L << 20);
        assertThat(config.courseArchiveMaxEntries()).isEqualTo(100_000);
        assertThat(config.learnersFile()).isEmpty();
        assertThat(config.learnersSelectionsFile()).isEmpty();
        assertThat(config.inProcessType()).isEqualTo(InProcessType.CAFFEINE);
        assertThat(config.inProcessMaxBytes()).isEqualTo(256L << 20);
        assertThat(config.inProcessExpireAfterWrite()).isEmpty();
        assertThat(config.cacheType()).isEqualTo(CacheType.NONE);
        assertThat(config.durableType()).isEqualTo(DurableType.FILESYSTEM);
        assertThat(config.durablePrefix()).isEmpty();
        assertThat(config.durableFolder()).isEqualTo(Path.of("strata-data"));
        assertThat(config.lmsBaseUrl()).isEqualTo(URI.create("http://localhost:18000"));
        assertThat(config.originOf(ConfigKey.DURABLE_TYPE)).isEqualTo("default");
    }

    @Test
    void load_nothingConfigured_givesSharedCacheDefaults() {
        var config = ConfigLoader.defaults();

        assertThat(config.memcached().servers()).containsExactly(new InetSocketAddress("127.0.0.1", 11211));
        assertThat(config.memcached().protocol()).isEqualTo(Protocol.BINARY);
        assertThat(config.memcached().operationTimeout()).isEqualTo(Duration.ofSeconds(1));
        assertThat(config.memcached().connectTimeout()).isEqualTo(Duration.ofSeconds(1));
        assertThat(config.memcached().maxItemBytes()).isEqualTo(1016L * 1024);
        assertThat(config.memcached().expireAfterWrite()).contains(Duration.ofHours(24));
        assertThat(config.redis().mode()).isEqualTo(Mode.STANDALONE);
        assertThat(config.redis().servers()).containsExactly(new InetSocketAddress("127.0.0.1", 6379));
        assertThat(config.redis().sentinelMaster()).isEmpty();
        assertThat(config.redis().username()).isEmpty();
        assertThat(config.redis().password()).isEmpty();
        assertThat(config.redis().tls()).isFalse();
        assertThat(config.redis().operationTimeout()).isEqualTo(Duration.ofSeconds(1));
        assertThat(config.redis().connectTimeout()).isEqualTo(Duration.ofSeconds(1));
        assertThat(config.redis().maxConnections()).isEqualTo(64);
        assertThat(config.redis().maxItemBytes()).isEqualTo(4L << 20);
        assertThat(config.redis().expireAfterWrite()).contains(Duration.ofHours(24));
    }

    @Test
    void load_everySharedCacheKeyInFile_isMapped() throws IOException {
        var file = write("strata.yaml", """
                cache:
                  type: memcached
                  expire-after-write: 7d
                  memcached:
                    servers: 127.0.0.1:11311, 127.0.0.1:11312
                    protocol: text
                    operation-timeout: 250ms
                    connect-timeout: 3s
                    max-item-bytes: 512KiB
                  redis:
                    mode: sentinel
                    servers: 127.0.0.1:26379,127.0.0.1:26380
                    sentinel-master: primary
                    username: strata
                    password: hunter2
                    tls: true
                    operation-timeout: 300ms
                    connect-timeout: 2s
                    max-connections: 16
                    max-item-bytes: 8MiB
                """);

        var config = ConfigLoader.load(Optional.of(file), Map.of(), List.of());

        assertThat(config.cacheType()).isEqualTo(CacheType.MEMCACHED);
        assertThat(config.memcached().servers()).containsExactly(new InetSocketAddress("127.0.0.1", 11311),
                new InetSocketAddress("127.0.0.1", 11312));
        assertThat(config.memcached().protocol()).isEqualTo(Protocol.TEXT);
        assertThat(config.memcached().operationTimeout()).isEqualTo(Duration.ofMillis(250));
        assertThat(config.memcached().connectTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(config.memcached().maxItemBytes()).isEqualTo(512L * 1024);
        assertThat(config.memcached().expireAfterWrite()).contains(Duration.ofDays(7));
        assertThat(config.redis().mode()).isEqualTo(Mode.SENTINEL);
        assertThat(config.redis().servers()).hasSize(2);
        assertThat(config.redis().sentinelMaster()).contains("primary");
        assertThat(config.redis().username()).contains("strata");
        assertThat(config.redis().password().orElseThrow().reveal()).isEqualTo("hunter2");
        assertThat(config.redis().tls()).isTrue();
        assertThat(config.redis().operationTimeout()).isEqualTo(Duration.ofMillis(300));
        assertThat(config.redis().connectTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(config.redis().maxConnections()).isEqualTo(16);
        assertThat(config.redis().maxItemBytes()).isEqualTo(8L << 20);
        assertThat(config.redis().expireAfterWrite()).contains(Duration.ofDays(7));
    }

    @Test
    void load_redisPassword_isRedactedInConfigText() {
        var config = loadWith("cache.redis.password=hunter2");

        assertThat(config.toString()).doesNotContain("hunter2");
        assertThat(config.redis().password().orElseThrow().toString()).isEqualTo("******");
    }

    @Test
    void load_cacheTypes_acceptEveryValueAndListThemOnError() {
        assertThat(loadWith("cache.type=redis").cacheType()).isEqualTo(CacheType.REDIS);
        assertThat(loadWith("cache.type=memcached").cacheType()).isEqualTo(CacheType.MEMCACHED);
        assertThatThrownBy(() -> loadWith("cache.type=hazelcast"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("none, memcached, redis");
    }

    @Test
    void load_cacheExpiry_acceptsNeverUntilEvictedAndDurations() {
        assertThat(loadWith("cache.expire-after-write=never").memcached().expireAfterWrite()).isEmpty();
        assertThat(loadWith("cache.expire-after-write=until-evicted").redis().expireAfterWrite()).isEmpty();
        assertThat(loadWith("cache.expire-after-write=90s").redis().expireAfterWrite())
                .contains(Duration.ofSeconds(90));
        assertThatThrownBy(() -> loadWith("cache.expire-after-write=500ms"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("cache.expire-after-write[PT0.5S]");
        assertThatThrownBy(() -> loadWith("cache.expire-after-write=later"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("cache.expire-after-write[later]");
    }

    @Test
    void load_malformedServers_failNamingKeyAndServer() {
        assertThatThrownBy(() -> loadWith("cache.memcached.servers=cache-1"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("cache.memcached.servers[cache-1]");
        assertThatThrownBy(() -> loadWith("cache.redis.servers=127.0.0.1:6379,:6380"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("server[:6380]");
        assertThatThrownBy(() -> loadWith("cache.memcached.servers=127.0.0.1:70000"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("host:port");
    }

    @Test
    void load_ipv6ServerInBrackets_isParsed() {
        assertThat(loadWith("cache.memcached.servers=[::1]:11211").memcached().servers())
                .containsExactly(new InetSocketAddress("::1", 11211));
    }

    @Test
    void load_sharedCacheChoices_rejectUnknownValues() {
        assertThatThrownBy(() -> loadWith("cache.memcached.protocol=udp"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("binary, text");
        assertThatThrownBy(() -> loadWith("cache.redis.mode=ring"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("standalone, sentinel, cluster");
        assertThatThrownBy(() -> loadWith("cache.redis.tls=yes"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("cache.redis.tls[yes]");
    }

    @Test
    void load_sharedCacheTimeouts_rejectNeverAndZero() {
        assertThatThrownBy(() -> loadWith("cache.memcached.operation-timeout=never"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("cache.memcached.operation-timeout[never]");
        assertThatThrownBy(() -> loadWith("cache.memcached.connect-timeout=0s"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("cache.memcached.connect-timeout");
        assertThatThrownBy(() -> loadWith("cache.redis.operation-timeout=never"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("cache.redis.operation-timeout[never]");
        assertThatThrownBy(() -> loadWith("cache.redis.connect-timeout=soon"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("cache.redis.connect-timeout[soon]");
    }

    @Test
    void load_sharedCacheItemBytes_rejectBelowOneKib() {
        assertThat(loadWith("cache.memcached.max-item-bytes=1KiB").memcached().maxItemBytes()).isEqualTo(1024);
        assertThatThrownBy(() -> loadWith("cache.memcached.max-item-bytes=1000"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("cache.memcached.max-item-bytes[1000]");
        assertThatThrownBy(() -> loadWith("cache.redis.max-item-bytes=1KB"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("cache.redis.max-item-bytes[1000]");
    }

    @Test
    void load_redisMaxConnections_acceptsOneAndRejectsZeroOrText() {
        assertThat(loadWith("cache.redis.max-connections=1").redis().maxConnections()).isEqualTo(1);
        assertThatThrownBy(() -> loadWith("cache.redis.max-connections=0"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("cache.redis.max-connections[0]");
        assertThatThrownBy(() -> loadWith("cache.redis.max-connections=many"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("cache.redis.max-connections[many]");
    }

    @Test
    void load_redisCombinations_failNamingKeys() {
        assertThatThrownBy(() -> loadWith("cache.redis.mode=sentinel"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("cache.redis.sentinel-master");
        assertThatThrownBy(() -> loadWith("cache.redis.sentinel-master=primary"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("cache.redis.mode is sentinel");
        assertThatThrownBy(() -> loadWith("cache.redis.servers=127.0.0.1:6379,127.0.0.1:6380"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("standalone mode takes one server");
        assertThatThrownBy(() -> loadWith("cache.redis.username=strata"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("cache.redis.password");
        assertThat(ConfigLoader.load(Optional.empty(), Map.of(), List.of("cache.redis.mode=cluster",
                "cache.redis.servers=127.0.0.1:7000,127.0.0.1:7001")).redis().mode()).isEqualTo(Mode.CLUSTER);
    }

    @Test
    void load_everyKeyInFile_isMapped() throws IOException {
        var file = write("strata.yaml", """
                course:
                  source: /data/courses
                  archive:
                    max-bytes: 2GiB
                    max-entries: 250000
                learners:
                  file: /etc/strata/learners.yaml
                  selections-file: /var/lib/strata/selections.json
                in-process:
                  type: none
                  max-bytes: 64MiB
                  expire-after-write: 24h
                cache:
                  type: none
                durable:
                  type: filesystem
                  prefix: block-structures
                  filesystem:
                    folder: /var/lib/strata
                lms:
                  base-url: https://lms.example.com/
                """);

        var config = ConfigLoader.load(Optional.of(file), Map.of(), List.of());

        assertThat(config.courseSource()).contains(Path.of("/data/courses"));
        assertThat(config.courseArchiveMaxBytes()).isEqualTo(2L << 30);
        assertThat(config.courseArchiveMaxEntries()).isEqualTo(250_000);
        assertThat(config.learnersFile()).contains(Path.of("/etc/strata/learners.yaml"));
        assertThat(config.learnersSelectionsFile()).contains(Path.of("/var/lib/strata/selections.json"));
        assertThat(config.inProcessType()).isEqualTo(InProcessType.NONE);
        assertThat(config.inProcessMaxBytes()).isEqualTo(64L << 20);
        assertThat(config.inProcessExpireAfterWrite()).contains(Duration.ofHours(24));
        assertThat(config.durablePrefix()).isEqualTo("block-structures");
        assertThat(config.durableFolder()).isEqualTo(Path.of("/var/lib/strata"));
        assertThat(config.lmsBaseUrl()).isEqualTo(URI.create("https://lms.example.com"));
        assertThat(config.originOf(ConfigKey.DURABLE_PREFIX)).isEqualTo("file " + file);
    }

    @Test
    void load_dottedKeysInFile_areMapped() throws IOException {
        var file = write("strata.yaml", "durable.filesystem.folder: /srv/strata\n");

        var config = ConfigLoader.load(Optional.of(file), Map.of(), List.of());

        assertThat(config.durableFolder()).isEqualTo(Path.of("/srv/strata"));
    }

    @Test
    void load_environmentAndOverrides_winInThatOrder() throws IOException {
        var file = write("strata.yaml", "in-process:\n  max-bytes: 1MiB\n");
        var environment = Map.of("STRATA_IN_PROCESS_MAX_BYTES", "2MiB", "STRATA_DURABLE_PREFIX", "env-prefix");

        var config = ConfigLoader.load(Optional.of(file), environment, List.of("in-process.max-bytes=3MiB"));

        assertThat(config.inProcessMaxBytes()).isEqualTo(3L << 20);
        assertThat(config.durablePrefix()).isEqualTo("env-prefix");
        assertThat(config.originOf(ConfigKey.DURABLE_PREFIX)).isEqualTo("environment STRATA_DURABLE_PREFIX");
        assertThat(config.originOf(ConfigKey.IN_PROCESS_MAX_BYTES)).isEqualTo("command line");
    }

    @Test
    void environmentVariable_kebabKey_usesUnderscores() {
        assertThat(ConfigKey.DURABLE_FILESYSTEM_FOLDER.environmentVariable())
                .isEqualTo("STRATA_DURABLE_FILESYSTEM_FOLDER");
        assertThat(ConfigKey.LMS_BASE_URL.environmentVariable()).isEqualTo("STRATA_LMS_BASE_URL");
    }

    @Test
    void load_unknownKeyInFile_failsNamingKeyAndFile() throws IOException {
        var file = write("strata.yaml", "durable:\n  folder: /tmp/x\n");

        assertThatThrownBy(() -> ConfigLoader.load(Optional.of(file), Map.of(), List.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("durable.folder").hasMessageContaining(file.toString())
                .hasMessageContaining("durable.filesystem.folder");
    }

    @Test
    void load_unknownKeyOverride_failsNamingKey() {
        assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), Map.of(), List.of("cache.size=1")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("cache.size");
    }

    @Test
    void load_overrideWithoutEquals_fails() {
        assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), Map.of(), List.of("durable.type")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("key=value");
    }

    @Test
    void load_unknownTierValue_failsListingAllowedValues() {
        assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), Map.of(), List.of("durable.type=s4")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("durable.type[s4]").hasMessageContaining("allowed values: filesystem, s3, gcs");
        assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), Map.of(), List.of("in-process.type=ehcache")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("caffeine, none");
    }

    @Test
    void load_byteSizes_acceptUnitsAndRejectJunk() {
        assertThat(loadWith("in-process.max-bytes=1048576").inProcessMaxBytes()).isEqualTo(1_048_576L);
        assertThat(loadWith("in-process.max-bytes=2KB").inProcessMaxBytes()).isEqualTo(2000L);
        assertThat(loadWith("in-process.max-bytes=1GiB").inProcessMaxBytes()).isEqualTo(1L << 30);
        assertThatThrownBy(() -> loadWith("in-process.max-bytes=lots"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("in-process.max-bytes[lots]");
        assertThatThrownBy(() -> loadWith("in-process.max-bytes=0"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("must be positive");
        assertThatThrownBy(() -> loadWith("in-process.max-bytes=99999999999GiB"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("too large");
    }

    @Test
    void load_durations_acceptUnitsIsoAndNeverAndRejectJunk() {
        assertThat(loadWith("in-process.expire-after-write=never").inProcessExpireAfterWrite()).isEmpty();
        assertThat(loadWith("in-process.expire-after-write=90s").inProcessExpireAfterWrite())
                .contains(Duration.ofSeconds(90));
        assertThat(loadWith("in-process.expire-after-write=7d").inProcessExpireAfterWrite())
                .contains(Duration.ofDays(7));
        assertThat(loadWith("in-process.expire-after-write=PT15M").inProcessExpireAfterWrite())
                .contains(Duration.ofMinutes(15));
        assertThatThrownBy(() -> loadWith("in-process.expire-after-write=soon"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("in-process.expire-after-write[soon]");
        assertThatThrownBy(() -> loadWith("in-process.expire-after-write=0s"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("must be positive");
    }

    @Test
    void load_courseArchiveMaxBytes_acceptsByteSizesAndRejectsZeroAndJunk() {
        assertThat(loadWith("course.archive.max-bytes=1").courseArchiveMaxBytes()).isEqualTo(1L);
        assertThat(loadWith("course.archive.max-bytes=64MiB").courseArchiveMaxBytes()).isEqualTo(64L << 20);
        assertThatThrownBy(() -> loadWith("course.archive.max-bytes=0"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("course.archive.max-bytes must be positive");
        assertThatThrownBy(() -> loadWith("course.archive.max-bytes=big"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("course.archive.max-bytes[big]");
    }

    @Test
    void load_courseArchiveMaxEntries_acceptsPositiveCountsAndRejectsZeroNegativeAndJunk() {
        assertThat(loadWith("course.archive.max-entries=1").courseArchiveMaxEntries()).isEqualTo(1);
        assertThat(ConfigLoader.load(Optional.empty(), Map.of("STRATA_COURSE_ARCHIVE_MAX_ENTRIES", "7"), List.of())
                .courseArchiveMaxEntries()).isEqualTo(7);
        assertThatThrownBy(() -> loadWith("course.archive.max-entries=0")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("course.archive.max-entries must be positive");
        assertThatThrownBy(() -> loadWith("course.archive.max-entries=-3")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("course.archive.max-entries must be positive");
        assertThatThrownBy(() -> loadWith("course.archive.max-entries=10k"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("course.archive.max-entries[10k]");
        assertThatThrownBy(() -> loadWith("course.archive.max-entries=99999999999"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("course.archive.max-entries[99999999999]");
    }

    @Test
    void load_badLmsUrl_failsNamingKey() {
        assertThatThrownBy(() -> loadWith("lms.base-url=ftp://lms"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("lms.base-url[ftp://lms]");
    }

    @Test
    void load_emptyDurableFolder_fails() {
        assertThatThrownBy(() -> loadWith("durable.filesystem.folder="))
                .isInstanceOf(ConfigException.class).hasMessageContaining("durable.filesystem.folder");
    }

    @Test
    void load_malformedYaml_failsNamingFileAndLine() throws IOException {
        var file = write("broken.yaml", "durable:\n  type: filesystem\n   prefix: [oops\n");

        assertThatThrownBy(() -> ConfigLoader.load(Optional.of(file), Map.of(), List.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("line[");
    }

    @Test
    void load_duplicateKeyInFile_failsNamingIt() throws IOException {
        var file = write("twice.yaml", "durable:\n  prefix: a\ndurable:\n  prefix: b\n");

        assertThatThrownBy(() -> ConfigLoader.load(Optional.of(file), Map.of(), List.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("durable");
    }

    @Test
    void load_sameKeyNestedAndDotted_failsNamingIt() throws IOException {
        var file = write("twice.yaml", "durable:\n  prefix: a\ndurable.prefix: b\n");

        assertThatThrownBy(() -> ConfigLoader.load(Optional.of(file), Map.of(), List.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("key[durable.prefix] is given twice");
    }

    @Test
    void load_secondYamlDocument_failsInsteadOfBeingIgnored() throws IOException {
        var file = write("two.yaml", "durable:\n  prefix: a\n---\ndurable:\n  filesystem:\n    folder: /tmp/b\n");

        assertThatThrownBy(() -> ConfigLoader.load(Optional.of(file), Map.of(), List.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("more than one YAML document");
    }

    @Test
    void load_emptyFile_givesDefaults() throws IOException {
        var file = write("empty.yaml", "");

        assertThat(ConfigLoader.load(Optional.of(file), Map.of(), List.of()).durablePrefix()).isEmpty();
    }

    @Test
    void load_misspeltEnvironmentVariable_failsNamingIt() {
        var environment = Map.of("STRATA_DURABLE_FILESYSTEM_FOLDR", "/tmp/typo");

        assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), environment, List.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("STRATA_DURABLE_FILESYSTEM_FOLDR");
    }

    @Test
    void load_scriptVariables_areNotConfigurationKeys() {
        var environment = Map.of("STRATA_LOG_LEVEL", "DEBUG", "STRATA_JAVA_OPTS", "-Xmx1g", "PATH", "/bin");

        assertThat(ConfigLoader.load(Optional.empty(), environment, List.of()).durablePrefix()).isEmpty();
    }

    @Test
    void load_missingFile_failsNamingFile() {
        var missing = folder.resolve("absent.yaml");

        assertThatThrownBy(() -> ConfigLoader.load(Optional.of(missing), Map.of(), List.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("absent.yaml").hasMessageContaining("does not exist");
    }

    @Test
    void load_versionsToKeep_defaultsToFiveAndAcceptsZeroAndNegative() {
        assertThat(loadWithAll().durableVersionsToKeep()).isEqualTo(5);
        assertThat(loadWith("durable.versions-to-keep=2").durableVersionsToKeep()).isEqualTo(2);
        assertThat(loadWith("durable.versions-to-keep=0").durableVersionsToKeep()).isZero();
        assertThat(loadWith("durable.versions-to-keep=-1").durableVersionsToKeep()).isEqualTo(-1);
    }

    @Test
    void load_versionsToKeepNotANumber_failsNamingKey() {
        assertThatThrownBy(() -> loadWith("durable.versions-to-keep=all"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("durable.versions-to-keep[all]");
    }

    @Test
    void load_nothingConfigured_readsNoS3Settings() {
        assertThat(loadWith("durable.s3.max-attempts=0").s3()).isEmpty();
    }

    @Test
    void load_everyS3Key_isMapped() {
        var config = loadWithAll("durable.type=s3", "durable.s3.bucket=strata-structures",
                "durable.s3.region=eu-west-1", "durable.s3.endpoint=http://127.0.0.1:9000",
                "durable.s3.path-style-access=true", "durable.s3.access-key-id=AKIDEXAMPLE",
                "durable.s3.secret-access-key=hunter2", "durable.s3.connect-timeout=500ms",
                "durable.s3.read-timeout=20s", "durable.s3.max-attempts=1", "durable.s3.call-timeout=45s");

        assertThat(config.durableType()).isEqualTo(DurableType.S3);
        var s3 = config.s3().orElseThrow();
        assertThat(s3.bucket()).isEqualTo("strata-structures");
        assertThat(s3.region()).isEqualTo("eu-west-1");
        assertThat(s3.endpoint()).contains(URI.create("http://127.0.0.1:9000"));
        assertThat(s3.pathStyleAccess()).isTrue();
        assertThat(s3.accessKeyId()).contains("AKIDEXAMPLE");
        assertThat(s3.secretAccessKey().orElseThrow().reveal()).isEqualTo("hunter2");
        assertThat(s3.connectTimeout()).isEqualTo(Duration.ofMillis(500));
        assertThat(s3.readTimeout()).isEqualTo(Duration.ofSeconds(20));
        assertThat(s3.maxAttempts()).isEqualTo(1);
        assertThat(s3.callTimeout()).isEqualTo(Duration.ofSeconds(45));
        assertThat(config.toString()).doesNotContain("hunter2");
    }

    @Test
    void load_s3Defaults_useDefaultChainAndVirtualHostStyle() {
        var s3 = loadWithAll("durable.type=s3", "durable.s3.bucket=strata-structures").s3().orElseThrow();

        assertThat(s3.region()).isEqualTo("us-east-1");
        assertThat(s3.endpoint()).isEmpty();
        assertThat(s3.pathStyleAccess()).isFalse();
        assertThat(s3.accessKeyId()).isEmpty();
        assertThat(s3.connectTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(s3.readTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(s3.maxAttempts()).isEqualTo(3);
        assertThat(s3.callTimeout()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void load_s3WithoutBucket_failsNamingBucketKey() {
        assertThatThrownBy(() -> loadWith("durable.type=s3"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("durable.s3.bucket[] must be set");
    }

    @Test
    void load_s3InvalidValues_failNamingKey() {
        assertThatThrownBy(() -> loadWithAll("durable.type=s3", "durable.s3.bucket=Bad_Bucket"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("durable.s3.bucket[Bad_Bucket]");
        assertThatThrownBy(() -> loadWithAll("durable.type=s3", "durable.s3.bucket=b-1", "durable.s3.region=EU"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("durable.s3.region[EU]");
        assertThatThrownBy(() -> loadWithAll("durable.type=s3", "durable.s3.bucket=b-1",
                "durable.s3.endpoint=ftp://host")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("durable.s3.endpoint[ftp://host]");
        assertThatThrownBy(() -> loadWithAll("durable.type=s3", "durable.s3.bucket=b-1",
                "durable.s3.endpoint=http://a b")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("durable.s3.endpoint[http://a b]");
        assertThatThrownBy(() -> loadWithAll("durable.type=s3", "durable.s3.bucket=b-1",
                "durable.s3.path-style-access=yes")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("durable.s3.path-style-access[yes]");
        assertThatThrownBy(() -> loadWithAll("durable.type=s3", "durable.s3.bucket=b-1",
                "durable.s3.connect-timeout=never")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("durable.s3.connect-timeout[never]");
        assertThatThrownBy(() -> loadWithAll("durable.type=s3", "durable.s3.bucket=b-1",
                "durable.s3.read-timeout=0s")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("durable.s3.read-timeout[0s]");
        assertThatThrownBy(() -> loadWithAll("durable.type=s3", "durable.s3.bucket=b-1",
                "durable.s3.max-attempts=0")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("durable.s3.max-attempts[0]");
        assertThatThrownBy(() -> loadWithAll("durable.type=s3", "durable.s3.bucket=b-1",
                "durable.s3.max-attempts=many")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("durable.s3.max-attempts[many]");
        assertThatThrownBy(() -> loadWithAll("durable.type=s3", "durable.s3.bucket=b-1",
                "durable.s3.call-timeout=0s")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("durable.s3.call-timeout[0s]");
    }

    @Test
    void load_s3AccessKeyWithoutSecret_failsNamingBothKeys() {
        assertThatThrownBy(() -> loadWithAll("durable.type=s3", "durable.s3.bucket=b-1",
                "durable.s3.access-key-id=AKIDEXAMPLE")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("durable.s3.access-key-id[AKIDEXAMPLE]")
                .hasMessageContaining("durable.s3.secret-access-key[]");
    }

    @Test
    void load_s3SecretWithoutAccessKey_failsWithoutRevealingSecret() {
        assertThatThrownBy(() -> loadWithAll("durable.type=s3", "durable.s3.bucket=b-1",
                "durable.s3.secret-access-key=hunter2")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("durable.s3.access-key-id[]")
                .message().doesNotContain("hunter2");
    }

    @Test
    void load_inProcessPointerTtl_defaultsToFiveSecondsAndAcceptsNever() {
        assertThat(ConfigLoader.defaults().inProcessPointerTtl()).contains(Duration.ofSeconds(5));
        assertThat(loadWith("in-process.pointer-ttl=250ms").inProcessPointerTtl()).contains(Duration.ofMillis(250));
        assertThat(loadWith("in-process.pointer-ttl=never").inProcessPointerTtl()).isEmpty();
        assertThatThrownBy(() -> loadWith("in-process.pointer-ttl=0s"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("in-process.pointer-ttl[0s]");
    }

    @Test
    void load_nothingConfigured_givesServingAndPublishDefaults() {
        var config = ConfigLoader.defaults();

        assertThat(config.durableBacksCache()).isTrue();
        assertThat(config.collectOnMiss()).isTrue();
        assertThat(config.collectLeaseTtl()).isEqualTo(Duration.ofSeconds(60));
        assertThat(config.collectLeaseMaxBackoff()).isEqualTo(Duration.ofSeconds(1));
        assertThat(config.publish().delay()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.publish().maxRetries()).isEqualTo(5);
        assertThat(config.publish().retryDelay()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.publish().invalidateCache()).isFalse();
    }

    @Test
    void load_everyServingAndPublishKey_isMapped() {
        var config = loadWithAll("durable.backs-cache=false", "collect.on-miss=false", "collect.lease-ttl=5m",
                "collect.lease-max-backoff=250ms", "publish.delay=0s", "publish.max-retries=0",
                "publish.retry-delay=2m", "publish.invalidate-cache=true");

        assertThat(config.durableBacksCache()).isFalse();
        assertThat(config.collectOnMiss()).isFalse();
        assertThat(config.collectLeaseTtl()).isEqualTo(Duration.ofMinutes(5));
        assertThat(config.collectLeaseMaxBackoff()).isEqualTo(Duration.ofMillis(250));
        assertThat(config.publish().delay()).isZero();
        assertThat(config.publish().maxRetries()).isZero();
        assertThat(config.publish().retryDelay()).isEqualTo(Duration.ofMinutes(2));
        assertThat(config.publish().invalidateCache()).isTrue();
    }

    @Test
    void load_invalidServingAndPublishValues_failNamingKey() {
        assertThatThrownBy(() -> loadWith("durable.backs-cache=yes"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("durable.backs-cache[yes]");
        assertThatThrownBy(() -> loadWith("collect.on-miss=1"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("collect.on-miss[1]");
        assertThatThrownBy(() -> loadWith("collect.lease-ttl=never"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("collect.lease-ttl[never]");
        assertThatThrownBy(() -> loadWith("collect.lease-max-backoff=10ms"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("collect.lease-max-backoff[PT0.01S]");
        assertThatThrownBy(() -> loadWith("publish.delay=never"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("publish.delay[never]");
        assertThatThrownBy(() -> loadWith("publish.retry-delay=-5s"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("publish.retry-delay[-5s]");
        assertThatThrownBy(() -> loadWith("publish.max-retries=-1"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("publish.max-retries[-1]");
        assertThatThrownBy(() -> loadWith("publish.invalidate-cache=maybe"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("publish.invalidate-cache[maybe]");
    }

    @Test
    void load_nothingConfigured_readsNoGcsSettings() {
        assertThat(loadWith("durable.gcs.max-attempts=0").gcs()).isEmpty();
    }

    @Test
    void load_everyGcsKey_isMapped() {
        var config = loadWithAll("durable.type=gcs", "durable.gcs.bucket=strata-structures",
                "durable.gcs.project=my-project-1", "durable.gcs.endpoint=http://127.0.0.1:9199",
                "durable.gcs.credentials=service-account-file", "durable.gcs.credentials-file=/etc/strata/key.json",
                "durable.gcs.connect-timeout=500ms", "durable.gcs.read-timeout=20s", "durable.gcs.max-attempts=1",
                "durable.gcs.call-timeout=45s");

        assertThat(config.durableType()).isEqualTo(DurableType.GCS);
        var gcs = config.gcs().orElseThrow();
        assertThat(gcs.bucket()).isEqualTo("strata-structures");
        assertThat(gcs.project()).contains("my-project-1");
        assertThat(gcs.endpoint()).contains(URI.create("http://127.0.0.1:9199"));
        assertThat(gcs.credentials()).isEqualTo(GcsDurableStoreConfig.Credentials.SERVICE_ACCOUNT_FILE);
        assertThat(gcs.credentialsFile()).contains(Path.of("/etc/strata/key.json"));
        assertThat(gcs.connectTimeout()).isEqualTo(Duration.ofMillis(500));
        assertThat(gcs.readTimeout()).isEqualTo(Duration.ofSeconds(20));
        assertThat(gcs.maxAttempts()).isEqualTo(1);
        assertThat(gcs.callTimeout()).isEqualTo(Duration.ofSeconds(45));
        assertThat(config.s3()).isEmpty();
    }

    @Test
    void load_gcsDefaults_useDefaultCredentialsAndGooglesEndpoint() {
        var gcs = loadWithAll("durable.type=gcs", "durable.gcs.bucket=strata-structures").gcs().orElseThrow();

        assertThat(gcs.project()).isEmpty();
        assertThat(gcs.endpoint()).isEmpty();
        assertThat(gcs.credentials()).isEqualTo(GcsDurableStoreConfig.Credentials.DEFAULT);
        assertThat(gcs.credentialsFile()).isEmpty();
        assertThat(gcs.connectTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(gcs.readTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(gcs.maxAttempts()).isEqualTo(3);
        assertThat(gcs.callTimeout()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void load_gcsWithoutBucket_failsNamingBucketKey() {
        assertThatThrownBy(() -> loadWith("durable.type=gcs"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("durable.gcs.bucket[] must be set");
    }

    @Test
    void load_gcsInvalidValues_failNamingKey() {
        assertThatThrownBy(() -> loadWithAll("durable.type=gcs", "durable.gcs.bucket=Bad Bucket"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("durable.gcs.bucket[Bad Bucket]");
        assertThatThrownBy(() -> loadWithAll("durable.type=gcs", "durable.gcs.bucket=b-1",
                "durable.gcs.project=My Project")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("durable.gcs.project[My Project]");
        assertThatThrownBy(() -> loadWithAll("durable.type=gcs", "durable.gcs.bucket=b-1",
                "durable.gcs.endpoint=ftp://host")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("durable.gcs.endpoint[ftp://host]");
        assertThatThrownBy(() -> loadWithAll("durable.type=gcs", "durable.gcs.bucket=b-1",
                "durable.gcs.endpoint=http://a b")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("durable.gcs.endpoint[http://a b]");
        assertThatThrownBy(() -> loadWithAll("durable.type=gcs", "durable.gcs.bucket=b-1",
                "durable.gcs.credentials=key")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("durable.gcs.credentials[key]")
                .hasMessageContaining("allowed values: default, service-account-file, none");
        assertThatThrownBy(() -> loadWithAll("durable.type=gcs", "durable.gcs.bucket=b-1",
                "durable.gcs.connect-timeout=never")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("durable.gcs.connect-timeout[never]");
        assertThatThrownBy(() -> loadWithAll("durable.type=gcs", "durable.gcs.bucket=b-1",
                "durable.gcs.read-timeout=0s")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("durable.gcs.read-timeout[0s]");
        assertThatThrownBy(() -> loadWithAll("durable.type=gcs", "durable.gcs.bucket=b-1",
                "durable.gcs.max-attempts=0")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("durable.gcs.max-attempts[0]");
        assertThatThrownBy(() -> loadWithAll("durable.type=gcs", "durable.gcs.bucket=b-1",
                "durable.gcs.max-attempts=many")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("durable.gcs.max-attempts[many]");
        assertThatThrownBy(() -> loadWithAll("durable.type=gcs", "durable.gcs.bucket=b-1",
                "durable.gcs.call-timeout=0s")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("durable.gcs.call-timeout[0s]");
    }

    @Test
    void load_gcsKeyFileCredentialsWithoutFile_failsNamingBothKeys() {
        assertThatThrownBy(() -> loadWithAll("durable.type=gcs", "durable.gcs.bucket=b-1",
                "durable.gcs.credentials=service-account-file")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("durable.gcs.credentials[service-account-file]")
                .hasMessageContaining("durable.gcs.credentials-file[]");
    }

    @Test
    void load_gcsKeyFileWithDefaultCredentials_failsNamingBothKeys() {
        assertThatThrownBy(() -> loadWithAll("durable.type=gcs", "durable.gcs.bucket=b-1",
                "durable.gcs.credentials-file=/etc/strata/key.json")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("durable.gcs.credentials[default]")
                .hasMessageContaining("durable.gcs.credentials-file[/etc/strata/key.json]");
    }

    private static StrataConfig loadWithAll(String... overrides) {
        return ConfigLoader.load(Optional.empty(), Map.of(), List.of(overrides));
    }

    private static StrataConfig loadWith(String override) {
        return ConfigLoader.load(Optional.empty(), Map.of(), List.of(override));
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(folder.resolve(name), text);
    }
}
