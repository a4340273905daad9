package io.strata.app.config;

import io.strata.adapters.gcs.GcsDurableStoreConfig;
import io.strata.app.config.StrataConfig.CacheType;
import io.strata.app.config.StrataConfig.DurableType;
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

/** Maps the settings an Open edX operator has onto native keys: one test per name and per refused combination. */
class OpenEdxSettingsTest {
    @TempDir
    Path folder;

    @Test
    void storageClass_s3Boto3WithSettingNames_mapsEveryS3Key() throws IOException {
        var config = load("""
                BLOCK_STRUCTURES_SETTINGS:
                  STORAGE_CLASS: storages.backends.s3boto3.S3Boto3Storage
                  STORAGE_KWARGS:
                    AWS_ACCESS_KEY_ID: AKIDEXAMPLE
                    AWS_SECRET_ACCESS_KEY: hunter2
                    AWS_STORAGE_BUCKET_NAME: block-structures
                    AWS_S3_ENDPOINT_URL: http://127.0.0.1:9000
                    AWS_S3_REGION_NAME: eu-west-1
                    AWS_LOCATION: lms
                    AWS_DEFAULT_ACL: private
                  DIRECTORY_PREFIX: /directory-name/
                """);

        assertThat(config.durableType()).isEqualTo(DurableType.S3);
        var s3 = config.s3().orElseThrow();
        assertThat(s3.accessKeyId()).contains("AKIDEXAMPLE");
        assertThat(s3.secretAccessKey().orElseThrow().reveal()).isEqualTo("hunter2");
        assertThat(s3.bucket()).isEqualTo("block-structures");
        assertThat(s3.endpoint()).contains(URI.create("http://127.0.0.1:9000"));
        assertThat(s3.region()).isEqualTo("eu-west-1");
        assertThat(s3.pathStyleAccess()).isTrue();
        assertThat(config.durablePrefix()).isEqualTo("lms//directory-name/");
        assertThat(config.toString()).doesNotContain("hunter2");
    }

    @Test
    void storageClass_s3BotoWithOptionNames_mapsEveryS3Key() throws IOException {
        var config = load("""
                BLOCK_STRUCTURES_SETTINGS:
                  STORAGE_CLASS: storages.backends.s3boto.S3BotoStorage
                  STORAGE_KWARGS:
                    access_key: AKIDEXAMPLE
                    secret_key: hunter2
                    bucket_name: block-structures
                    endpoint_url: https://s3.example.com
                    region_name: eu-west-3
                    location: lms
                    addressing_style: virtual
                """);

        var s3 = config.s3().orElseThrow();
        assertThat(s3.accessKeyId()).contains("AKIDEXAMPLE");
        assertThat(s3.secretAccessKey().orElseThrow().reveal()).isEqualTo("hunter2");
        assertThat(s3.bucket()).isEqualTo("block-structures");
        assertThat(s3.endpoint()).contains(URI.create("https://s3.example.com"));
        assertThat(s3.region()).isEqualTo("eu-west-3");
        assertThat(s3.pathStyleAccess()).isFalse();
        assertThat(config.durablePrefix()).isEqualTo("lms");
    }

    @Test
    void addressingStyle_eachValue_setsPathStyleAccess() throws IOException {
        assertThat(s3WithKwargs("AWS_S3_ADDRESSING_STYLE: path").s3().orElseThrow().pathStyleAccess()).isTrue();
        assertThat(s3WithKwargs("AWS_S3_ADDRESSING_STYLE: auto").s3().orElseThrow().pathStyleAccess()).isFalse();
        assertThat(s3WithKwargs("AWS_S3_ADDRESSING_STYLE: auto\n    AWS_S3_ENDPOINT_URL: http://127.0.0.1:9000")
                .s3().orElseThrow().pathStyleAccess()).isTrue();
        assertThat(s3WithKwargs("AWS_S3_REGION_NAME: us-west-2").s3().orElseThrow().pathStyleAccess()).isFalse();
        assertThatThrownBy(() -> s3WithKwargs("AWS_S3_ADDRESSING_STYLE: sideways"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("STORAGE_KWARGS.AWS_S3_ADDRESSING_STYLE[sideways]")
                .hasMessageContaining("path, virtual, auto");
    }

    @Test
    void storageClass_fileSystem_mapsLocationAndDirectoryPrefix() throws IOException {
        var config = load("""
                BLOCK_STRUCTURES_SETTINGS:
                  STORAGE_CLASS: django.core.files.storage.FileSystemStorage
                  STORAGE_KWARGS:
                    location: /edx/var/edxapp/block-structures
                    base_url: /media/
                  DIRECTORY_PREFIX: structures/
                """);

        assertThat(config.durableType()).isEqualTo(DurableType.FILESYSTEM);
        assertThat(config.durableFolder()).isEqualTo(Path.of("/edx/var/edxapp/block-structures"));
        assertThat(config.durablePrefix()).isEqualTo("structures/");
    }

    @Test
    void directoryPrefix_withoutStorageClass_setsDurablePrefix() throws IOException {
        var config = load("BLOCK_STRUCTURES_SETTINGS:\n  DIRECTORY_PREFIX: /directory-name/\n");

        assertThat(config.durableType()).isEqualTo(DurableType.FILESYSTEM);
        assertThat(config.durablePrefix()).isEqualTo("/directory-name/");
    }

    @Test
    void storageClass_googleCloudWithSettingNames_mapsEveryGcsKey() throws IOException {
        var config = load("""
                BLOCK_STRUCTURES_SETTINGS:
                  STORAGE_CLASS: storages.backends.gcloud.GoogleCloudStorage
                  STORAGE_KWARGS:
                    GS_BUCKET_NAME: block-structures
                    GS_PROJECT_ID: my-project-123
                    GS_CREDENTIALS: /etc/strata/gcs-key.json
                    GS_LOCATION: lms
                    GS_DEFAULT_ACL: projectPrivate
                  DIRECTORY_PREFIX: /directory-name/
                """);

        assertThat(config.durableType()).isEqualTo(DurableType.GCS);
        var gcs = config.gcs().orElseThrow();
        assertThat(gcs.bucket()).isEqualTo("block-structures");
        assertThat(gcs.project()).contains("my-project-123");
        assertThat(gcs.credentials()).isEqualTo(GcsDurableStoreConfig.Credentials.SERVICE_ACCOUNT_FILE);
        assertThat(gcs.credentialsFile()).contains(Path.of("/etc/strata/gcs-key.json"));
        assertThat(config.durablePrefix()).isEqualTo("lms//directory-name/");
    }

    @Test
    void storageClass_googleCloudWithOptionNames_usesDefaultCredentials() throws IOException {
        var config = load("""
                BLOCK_STRUCTURES_SETTINGS:
                  STORAGE_CLASS: storages.backends.gcloud.GoogleCloudStorage
                  STORAGE_KWARGS:
                    bucket_name: block-structures
                    project_id: my-project-123
                    location: lms
                    querystring_auth: false
                """);

        var gcs = config.gcs().orElseThrow();
        assertThat(gcs.bucket()).isEqualTo("block-structures");
        assertThat(gcs.project()).contains("my-project-123");
        assertThat(gcs.credentials()).isEqualTo(GcsDurableStoreConfig.Credentials.DEFAULT);
        assertThat(gcs.credentialsFile()).isEmpty();
        assertThat(config.durablePrefix()).isEqualTo("lms");
    }

    @Test
    void storageClass_googleCloudWithoutBucket_failsNamingTheNativeKey() {
        assertThatThrownBy(() -> load("""
                BLOCK_STRUCTURES_SETTINGS:
                  STORAGE_CLASS: storages.backends.gcloud.GoogleCloudStorage
                  STORAGE_KWARGS:
                    GS_PROJECT_ID: my-project-123
                """)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("durable.gcs.bucket");
    }

    @Test
    void storageClass_googleCloudWithUnknownKwarg_failsNamingIt() {
        assertThatThrownBy(() -> load("""
                BLOCK_STRUCTURES_SETTINGS:
                  STORAGE_CLASS: storages.backends.gcloud.GoogleCloudStorage
                  STORAGE_KWARGS:
                    GS_BUCKET_NAME: block-structures
                    AWS_STORAGE_BUCKET_NAME: block-structures
                """)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("STORAGE_KWARGS.AWS_STORAGE_BUCKET_NAME");
    }

    @Test
    void storageClass_googleCloudWithDisagreeingBucketNames_failsNamingBoth() {
        assertThatThrownBy(() -> load("""
                BLOCK_STRUCTURES_SETTINGS:
                  STORAGE_CLASS: storages.backends.gcloud.GoogleCloudStorage
                  STORAGE_KWARGS:
                    GS_BUCKET_NAME: block-structures
                    bucket_name: other-bucket
                """)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("GS_BUCKET_NAME[block-structures]")
                .hasMessageContaining("bucket_name[other-bucket]");
    }

    @Test
    void storageClass_unknown_failsListingAllowedValues() {
        assertThatThrownBy(() -> load("BLOCK_STRUCTURES_SETTINGS:\n  STORAGE_CLASS: storages.backends.ftp.FTPStorage"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("STORAGE_CLASS[storages.backends.ftp.FTPStorage]")
                .hasMessageContaining("storages.backends.s3boto3.S3Boto3Storage,"
                        + " storages.backends.s3boto.S3BotoStorage");
    }

    @Test
    void storageKwargs_withoutStorageClass_failsNamingStorageClass() {
        assertThatThrownBy(() -> load("BLOCK_STRUCTURES_SETTINGS:\n  STORAGE_KWARGS:\n    bucket_name: b-1\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("STORAGE_KWARGS")
                .hasMessageContaining("needs BLOCK_STRUCTURES_SETTINGS.STORAGE_CLASS");
    }

    @Test
    void storageKwargs_unknownName_failsNamingIt() {
        assertThatThrownBy(() -> s3WithKwargs("AWS_S3_MAX_MEMORY_SIZE: 100"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("setting[BLOCK_STRUCTURES_SETTINGS.STORAGE_KWARGS.AWS_S3_MAX_MEMORY_SIZE]");
        assertThatThrownBy(() -> load("""
                BLOCK_STRUCTURES_SETTINGS:
                  STORAGE_CLASS: django.core.files.storage.FileSystemStorage
                  STORAGE_KWARGS:
                    file_permissions_mode: 420
                """)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("STORAGE_KWARGS.file_permissions_mode");
    }

    @Test
    void storageSettings_unknownName_failsNamingIt() {
        assertThatThrownBy(() -> load("BLOCK_STRUCTURES_SETTINGS:\n  PRUNING_ACTIVE: true\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("setting[BLOCK_STRUCTURES_SETTINGS.PRUNING_ACTIVE]");
    }

    @Test
    void storageKwargs_twoNamesThatDisagree_failNamingBoth() {
        assertThatThrownBy(() -> s3WithKwargs("bucket_name: b-3"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("AWS_STORAGE_BUCKET_NAME[b-1]").hasMessageContaining("bucket_name[b-3]");
        assertThatThrownBy(() -> s3WithKwargs("AWS_SECRET_ACCESS_KEY: hunter2\n    secret_key: hunter3\n"
                + "    AWS_ACCESS_KEY_ID: AKID"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("AWS_SECRET_ACCESS_KEY[(secret)]")
                .message().doesNotContain("hunter2").doesNotContain("hunter3");
    }

    @Test
    void s3ValueRefused_messageNamesTheOpenEdxSetting() {
        assertThatThrownBy(() -> load("""
                BLOCK_STRUCTURES_SETTINGS:
                  STORAGE_CLASS: storages.backends.s3boto3.S3Boto3Storage
                  STORAGE_KWARGS:
                    AWS_STORAGE_BUCKET_NAME: Bad_Bucket
                """)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("durable.s3.bucket[Bad_Bucket]")
                .hasMessageContaining(
                        "as BLOCK_STRUCTURES_SETTINGS.STORAGE_KWARGS.AWS_STORAGE_BUCKET_NAME[Bad_Bucket]");
    }

    @Test
    void taskSettings_eachName_setsPublishKey() throws IOException {
        var publish = load("""
                BLOCK_STRUCTURES_SETTINGS:
                  COURSE_PUBLISH_TASK_DELAY: 0
                  TASK_MAX_RETRIES: 2
                  TASK_DEFAULT_RETRY_DELAY: 45
                """).publish();

        assertThat(publish.delay()).isZero();
        assertThat(publish.maxRetries()).isEqualTo(2);
        assertThat(publish.retryDelay()).isEqualTo(Duration.ofSeconds(45));
    }

    @Test
    void taskSettings_negativeOrText_failNamingThem() {
        assertThatThrownBy(() -> load("BLOCK_STRUCTURES_SETTINGS:\n  COURSE_PUBLISH_TASK_DELAY: -1\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("COURSE_PUBLISH_TASK_DELAY[-1]");
        assertThatThrownBy(() -> load("BLOCK_STRUCTURES_SETTINGS:\n  TASK_MAX_RETRIES: many\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("TASK_MAX_RETRIES[many]");
        assertThatThrownBy(() -> load("BLOCK_STRUCTURES_SETTINGS:\n  TASK_DEFAULT_RETRY_DELAY: 1.5\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("TASK_DEFAULT_RETRY_DELAY[1.5]");
    }

    @Test
    void configuration_versionOneAndEnabled_areAccepted() throws IOException {
        var config = load("BLOCK_STRUCTURE_CONFIGURATION:\n  version: 1\n  enabled: true\n");

        assertThat(config.durableVersionsToKeep()).isEqualTo(5);
    }

    @Test
    void configuration_otherVersion_failsNamingIt() {
        assertThatThrownBy(() -> load("BLOCK_STRUCTURE_CONFIGURATION:\n  version: 2\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("BLOCK_STRUCTURE_CONFIGURATION.version[2]").hasMessageContaining("version 1");
        assertThatThrownBy(() -> load("BLOCK_STRUCTURE_CONFIGURATION:\n  enabled: sometimes\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("enabled[sometimes]");
    }

    @Test
    void numVersionsToKeep_numberOrNull_setsVersionsToKeep() throws IOException {
        assertThat(load("BLOCK_STRUCTURE_CONFIGURATION:\n  num_versions_to_keep: 3\n").durableVersionsToKeep())
                .isEqualTo(3);
        assertThat(load("BLOCK_STRUCTURE_CONFIGURATION:\n  num_versions_to_keep: null\n").durableVersionsToKeep())
                .isZero();
        assertThatThrownBy(() -> load("BLOCK_STRUCTURE_CONFIGURATION:\n  num_versions_to_keep: 0\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("num_versions_to_keep[0]");
    }

    @Test
    void cacheTimeoutInSeconds_numberOrNull_setsCacheExpiry() throws IOException {
        assertThat(load("BLOCK_STRUCTURE_CONFIGURATION:\n  cache_timeout_in_seconds: null\n")
                .memcached().expireAfterWrite()).isEmpty();
        assertThat(load("BLOCK_STRUCTURE_CONFIGURATION:\n  cache_timeout_in_seconds: 3600\n")
                .redis().expireAfterWrite()).contains(Duration.ofHours(1));
        assertThatThrownBy(() -> load("BLOCK_STRUCTURE_CONFIGURATION:\n  cache_timeout_in_seconds: 0\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("cache_timeout_in_seconds[0]");
    }

    @Test
    void configuration_unknownName_failsNamingIt() {
        assertThatThrownBy(() -> load("BLOCK_STRUCTURE_CONFIGURATION:\n  prune: true\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("setting[BLOCK_STRUCTURE_CONFIGURATION.prune]")
                .hasMessageContaining("num_versions_to_keep");
    }

    @Test
    void caches_memcachedBackends_mapServersExpiryAndTimeouts() throws IOException {
        var config = load("""
                CACHES:
                  default:
                    BACKEND: django.core.cache.backends.memcached.PyMemcacheCache
                    LOCATION: 10.0.0.11:11211;10.0.0.12
                    TIMEOUT: 600
                    KEY_PREFIX: default
                    OPTIONS:
                      connect_timeout: 0.5
                      timeout: 2
                      no_delay: true
                  general:
                    BACKEND: django.core.cache.backends.memcached.PyMemcacheCache
                """);

        assertThat(config.cacheType()).isEqualTo(CacheType.MEMCACHED);
        assertThat(config.memcached().servers()).containsExactly(new InetSocketAddress("10.0.0.11", 11211),
                new InetSocketAddress("10.0.0.12", 11211));
        assertThat(config.memcached().expireAfterWrite()).contains(Duration.ofMinutes(10));
        assertThat(config.memcached().connectTimeout()).isEqualTo(Duration.ofMillis(500));
        assertThat(config.memcached().operationTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(cacheType("django.core.cache.backends.memcached.PyLibMCCache")).isEqualTo(CacheType.MEMCACHED);
        assertThat(cacheType("django.core.cache.backends.memcached.MemcachedCache")).isEqualTo(CacheType.MEMCACHED);
    }

    @Test
    void cachesLocation_list_mapsEveryServer() throws IOException {
        var config = load("""
                CACHES:
                  default:
                    BACKEND: django.core.cache.backends.memcached.PyMemcacheCache
                    LOCATION: ['127.0.0.1:11311', '127.0.0.1:11312']
                    TIMEOUT: null
                """);

        assertThat(config.memcached().servers()).hasSize(2);
        assertThat(config.memcached().expireAfterWrite()).isEmpty();
    }

    @Test
    void cachesLocation_unixSocket_fails() {
        assertThatThrownBy(() -> load("""
                CACHES:
                  default:
                    BACKEND: django.core.cache.backends.memcached.PyMemcacheCache
                    LOCATION: unix:/tmp/memcached.sock
                """)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("CACHES.default.LOCATION[unix:/tmp/memcached.sock]").hasMessageContaining("TCP");
    }

    @Test
    void cachesTimeout_zero_failsNamingIt() {
        assertThatThrownBy(() -> load("""
                CACHES:
                  default:
                    BACKEND: django.core.cache.backends.memcached.PyMemcacheCache
                    TIMEOUT: 0
                """)).isInstanceOf(ConfigException.class).hasMessageContaining("CACHES.default.TIMEOUT[0]");
    }

    @Test
    void cacheTimeoutInSeconds_withCachesTimeout_winsAsInOpenEdx() throws IOException {
        var config = load("""
                CACHES:
                  default:
                    BACKEND: django.core.cache.backends.memcached.PyMemcacheCache
                    TIMEOUT: 300
                BLOCK_STRUCTURE_CONFIGURATION:
                  cache_timeout_in_seconds: null
                """);

        assertThat(config.memcached().expireAfterWrite()).isEmpty();
        assertThat(config.originOf(ConfigKey.CACHE_EXPIRE_AFTER_WRITE))
                .contains("BLOCK_STRUCTURE_CONFIGURATION.cache_timeout_in_seconds[never]");
    }

    @Test
    void caches_redisUrl_mapsServerUserPasswordAndTls() throws IOException {
        var config = load("""
                CACHES:
                  default:
                    BACKEND: django.core.cache.backends.redis.RedisCache
                    LOCATION: redis://strata:hunter2@10.0.0.5:6380/1
                    OPTIONS:
                      SOCKET_CONNECT_TIMEOUT: 3
                      SOCKET_TIMEOUT: 0.25
                """);

        assertThat(config.cacheType()).isEqualTo(CacheType.REDIS);
        assertThat(config.redis().servers()).containsExactly(new InetSocketAddress("10.0.0.5", 6380));
        assertThat(config.redis().username()).contains("strata");
        assertThat(config.redis().password().orElseThrow().reveal()).isEqualTo("hunter2");
        assertThat(config.redis().tls()).isFalse();
        assertThat(config.redis().connectTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(config.redis().operationTimeout()).isEqualTo(Duration.ofMillis(250));
        assertThat(config.originOf(ConfigKey.CACHE_REDIS_PASSWORD)).doesNotContain("hunter2");
        assertThat(config.originOf(ConfigKey.CACHE_REDIS_SERVERS)).doesNotContain("hunter2");
    }

    @Test
    void caches_djangoRedisWithTlsAndOptionPassword_mapsBoth() throws IOException {
        var config = load("""
                CACHES:
                  default:
                    BACKEND: django_redis.cache.RedisCache
                    LOCATION: rediss://cache.example.com
                    OPTIONS:
                      CLIENT_CLASS: django_redis.client.DefaultClient
                      PASSWORD: hunter2
                """);

        assertThat(config.redis().servers()).singleElement()
                .satisfies(server -> assertThat(server.getHostString() + ":" + server.getPort())
                        .isEqualTo("cache.example.com:6379"));
        assertThat(config.redis().tls()).isTrue();
        assertThat(config.redis().password().orElseThrow().reveal()).isEqualTo("hunter2");
    }

    @Test
    void caches_redisWithSeveralLocations_fails() {
        assertThatThrownBy(() -> load("""
                CACHES:
                  default:
                    BACKEND: django.core.cache.backends.redis.RedisCache
                    LOCATION: [redis://10.0.0.5:6379, redis://10.0.0.6:6379]
                """)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("CACHES.default.LOCATION").hasMessageContaining("lists 2 servers");
    }

    @Test
    void caches_redisPasswordInUrlAndOptions_disagreeWithoutRevealingThem() {
        assertThatThrownBy(() -> load("""
                CACHES:
                  default:
                    BACKEND: django.core.cache.backends.redis.RedisCache
                    LOCATION: redis://:hunter2@10.0.0.5:6379
                    OPTIONS:
                      PASSWORD: hunter3
                """)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("CACHES.default.LOCATION[(secret)]")
                .hasMessageContaining("CACHES.default.OPTIONS.PASSWORD[(secret)]")
                .message().doesNotContain("hunter2").doesNotContain("hunter3");
    }

    @Test
    void caches_dummyOrLocalMemoryBackend_meansNoSharedCache() throws IOException {
        assertThat(cacheType("django.core.cache.backends.dummy.DummyCache")).isEqualTo(CacheType.NONE);
        assertThat(cacheType("django.core.cache.backends.locmem.LocMemCache")).isEqualTo(CacheType.NONE);
    }

    @Test
    void caches_unknownBackend_failsListingAllowedValues() {
        assertThatThrownBy(() -> cacheType("django.core.cache.backends.db.DatabaseCache"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("CACHES.default.BACKEND[django.core.cache.backends.db.DatabaseCache]")
                .hasMessageContaining("django.core.cache.backends.redis.RedisCache");
    }

    @Test
    void caches_withoutDefaultOrBackend_fail() {
        assertThatThrownBy(() -> load("CACHES:\n  general:\n    BACKEND: x\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("no default entry");
        assertThatThrownBy(() -> load("CACHES:\n  default:\n    LOCATION: 127.0.0.1:11211\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("CACHES.default.BACKEND");
    }

    @Test
    void caches_unknownNameOrOption_failsNamingIt() {
        assertThatThrownBy(() -> load("""
                CACHES:
                  default:
                    BACKEND: django.core.cache.backends.memcached.PyMemcacheCache
                    OPTIONS:
                      serde: json
                """)).isInstanceOf(ConfigException.class).hasMessageContaining("CACHES.default.OPTIONS.serde");
        assertThatThrownBy(() -> load("""
                CACHES:
                  default:
                    BACKEND: django.core.cache.backends.memcached.PyMemcacheCache
                    MAX_ENTRIES: 10
                """)).isInstanceOf(ConfigException.class).hasMessageContaining("CACHES.default.MAX_ENTRIES");
    }

    @Test
    void switches_eachName_setsItsNativeKey() throws IOException {
        var config = load("""
                block_structure.storage_backing_for_cache: false
                block_structure.invalidate_cache_on_publish: true
                block_structure.raise_error_when_not_found: true
                """);

        assertThat(config.durableBacksCache()).isFalse();
        assertThat(config.publish().invalidateCache()).isTrue();
        assertThat(config.collectOnMiss()).isFalse();
        assertThat(config.originOf(ConfigKey.COLLECT_ON_MISS))
                .endsWith("as block_structure.raise_error_when_not_found[true]");
    }

    @Test
    void switches_nested_areReadLikeDotted() throws IOException {
        var config = load("block_structure:\n  raise_error_when_not_found: false\n");

        assertThat(config.collectOnMiss()).isTrue();
    }

    @Test
    void switches_unknownNameOrValue_failNamingIt() {
        assertThatThrownBy(() -> load("block_structure.prune_old_versions: true\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("switch[block_structure.prune_old_versions]");
        assertThatThrownBy(() -> load("block_structure.storage_backing_for_cache: on-weekdays\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("block_structure.storage_backing_for_cache[on-weekdays]");
    }

    @Test
    void nativeAndOpenEdxName_sameValue_areAccepted() throws IOException {
        var config = load("""
                durable.prefix: directory-name
                cache.expire-after-write: 24h
                BLOCK_STRUCTURES_SETTINGS:
                  DIRECTORY_PREFIX: /directory-name/
                CACHES:
                  default:
                    BACKEND: django.core.cache.backends.memcached.PyMemcacheCache
                    TIMEOUT: 86400
                """);

        assertThat(config.durablePrefix()).isEqualTo("directory-name");
        assertThat(config.originOf(ConfigKey.DURABLE_PREFIX)).doesNotContain(" as ");
    }

    @Test
    void nativeAndOpenEdxName_differentValues_failNamingBoth() {
        assertThatThrownBy(() -> load("""
                durable:
                  type: filesystem
                BLOCK_STRUCTURES_SETTINGS:
                  STORAGE_CLASS: storages.backends.s3boto3.S3Boto3Storage
                  STORAGE_KWARGS:
                    AWS_STORAGE_BUCKET_NAME: b-1
                """)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("durable.type[filesystem]")
                .hasMessageContaining(
                        "BLOCK_STRUCTURES_SETTINGS.STORAGE_CLASS[storages.backends.s3boto3.S3Boto3Storage]");
    }

    @Test
    void nativeAndOpenEdxSecret_differentValues_failWithoutRevealingThem() {
        assertThatThrownBy(() -> load("""
                cache.redis.password: hunter2
                CACHES:
                  default:
                    BACKEND: django.core.cache.backends.redis.RedisCache
                    OPTIONS:
                      PASSWORD: hunter3
                """)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("cache.redis.password[(secret)]")
                .message().doesNotContain("hunter2").doesNotContain("hunter3");
    }

    @Test
    void environment_overridesOpenEdxName() throws IOException {
        var file = write("""
                BLOCK_STRUCTURES_SETTINGS:
                  COURSE_PUBLISH_TASK_DELAY: 30
                """);

        var config = ConfigLoader.load(Optional.of(file), Map.of("STRATA_PUBLISH_DELAY", "5s"), List.of());

        assertThat(config.publish().delay()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.originOf(ConfigKey.PUBLISH_DELAY)).isEqualTo("environment STRATA_PUBLISH_DELAY");
    }

    @Test
    void openEdxSection_notAMap_fails() {
        assertThatThrownBy(() -> load("BLOCK_STRUCTURES_SETTINGS: s3\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("must be a map");
    }

    @Test
    void origins_nameTheOpenEdxSettingAndHideSecrets() throws IOException {
        var config = s3WithKwargs("AWS_ACCESS_KEY_ID: AKID\n    AWS_SECRET_ACCESS_KEY: hunter2");

        assertThat(config.originOf(ConfigKey.DURABLE_TYPE)).endsWith(
                "as BLOCK_STRUCTURES_SETTINGS.STORAGE_CLASS[storages.backends.s3boto3.S3Boto3Storage]");
        assertThat(config.originOf(ConfigKey.DURABLE_S3_SECRET_ACCESS_KEY))
                .endsWith("as BLOCK_STRUCTURES_SETTINGS.STORAGE_KWARGS.AWS_SECRET_ACCESS_KEY");
    }

    private StrataConfig s3WithKwargs(String kwargs) throws IOException {
        return load("""
                BLOCK_STRUCTURES_SETTINGS:
                  STORAGE_CLASS: storages.backends.s3boto3.S3Boto3Storage
                  STORAGE_KWARGS:
                    AWS_STORAGE_BUCKET_NAME: b-1
                    %s
                """.formatted(kwargs));
    }

    private CacheType cacheType(String backend) throws IOException {
        return load("CACHES:\n  default:\n    BACKEND: " + backend + "\n").cacheType();
    }

    private StrataConfig load(String yaml) throws IOException {
        return ConfigLoader.load(Optional.of(write(yaml)), Map.of(), List.of());
    }

    private Path write(String yaml) throws IOException {
        return Files.writeString(folder.resolve("lms.yaml"), yaml);
    }
}
