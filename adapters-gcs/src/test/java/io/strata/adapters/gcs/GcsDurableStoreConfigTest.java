package io.strata.adapters.gcs;

import io.strata.adapters.gcs.GcsDurableStoreConfig.Credentials;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GcsDurableStoreConfigTest {
    private static final Duration SECOND = Duration.ofSeconds(1);

    @Test
    void create_validSettings_keepsThem() {
        var config = new GcsDurableStoreConfig("strata_structures.example.com", Optional.of("my-project-1"),
                Optional.of(URI.create("http://127.0.0.1:9199")), Credentials.SERVICE_ACCOUNT_FILE,
                Optional.of(Path.of("/etc/strata/key.json")), SECOND, SECOND, 3, Duration.ofSeconds(20));

        assertThat(config.bucket()).isEqualTo("strata_structures.example.com");
        assertThat(config.project()).contains("my-project-1");
        assertThat(config.credentialsFile()).contains(Path.of("/etc/strata/key.json"));
        assertThat(config.maxAttempts()).isEqualTo(3);
        assertThat(config.callTimeout()).isEqualTo(Duration.ofSeconds(20));
    }

    @Test
    void create_zeroCallTimeout_throwsNamingCallTimeoutSetting() {
        assertThatThrownBy(() -> new GcsDurableStoreConfig("bucket", Optional.empty(), Optional.empty(),
                Credentials.NONE, Optional.empty(), SECOND, SECOND, 1, Duration.ZERO))
                .hasMessageContaining("durable.gcs.call-timeout[PT0S]");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "ab", "Upper", "-dash", "dash-",
        "a-name-without-any-dot-that-is-longer-than-sixty-three-characters"})
    void create_invalidBucket_throwsNamingBucketSetting(String bucket) {
        assertThatThrownBy(() -> config(bucket, Optional.empty(), Credentials.NONE, Optional.empty(), 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("durable.gcs.bucket[" + bucket + "]");
    }

    @Test
    void create_bucketOf63Characters_isAccepted() {
        var bucket = "b".repeat(63);

        assertThat(config(bucket, Optional.empty(), Credentials.NONE, Optional.empty(), 1).bucket()).isEqualTo(bucket);
    }

    @Test
    void create_invalidProject_throwsNamingProjectSetting() {
        assertThatThrownBy(() -> config("bucket", Optional.of("My Project"), Credentials.NONE, Optional.empty(), 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("durable.gcs.project[My Project]");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://host", "localhost:9199", "http:///path"})
    void create_invalidEndpoint_throwsNamingEndpointSetting(String endpoint) {
        assertThatThrownBy(() -> new GcsDurableStoreConfig("bucket", Optional.empty(),
                Optional.of(URI.create(endpoint)), Credentials.NONE, Optional.empty(), SECOND, SECOND, 1, SECOND))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("durable.gcs.endpoint[" + endpoint + "]");
    }

    @Test
    void create_keyFileCredentialsWithoutFile_throwsNamingBothSettings() {
        assertThatThrownBy(() -> config("bucket", Optional.empty(), Credentials.SERVICE_ACCOUNT_FILE,
                Optional.empty(), 1))
                .hasMessageContaining("durable.gcs.credentials[service-account-file]")
                .hasMessageContaining("durable.gcs.credentials-file[]");
    }

    @Test
    void create_fileWithDefaultCredentials_throwsNamingBothSettings() {
        assertThatThrownBy(() -> config("bucket", Optional.empty(), Credentials.DEFAULT,
                Optional.of(Path.of("key.json")), 1))
                .hasMessageContaining("durable.gcs.credentials[default]")
                .hasMessageContaining("durable.gcs.credentials-file[key.json]");
    }

    @Test
    void create_zeroMaxAttempts_throwsNamingSetting() {
        assertThatThrownBy(() -> config("bucket", Optional.empty(), Credentials.NONE, Optional.empty(), 0))
                .hasMessageContaining("durable.gcs.max-attempts[0]");
    }

    @Test
    void create_oneMaxAttempt_isAccepted() {
        assertThat(config("bucket", Optional.empty(), Credentials.NONE, Optional.empty(), 1).maxAttempts())
                .isEqualTo(1);
    }

    @Test
    void create_zeroReadTimeout_throwsNamingSetting() {
        assertThatThrownBy(() -> new GcsDurableStoreConfig("bucket", Optional.empty(), Optional.empty(),
                Credentials.NONE, Optional.empty(), SECOND, Duration.ZERO, 1, SECOND))
                .hasMessageContaining("durable.gcs.read-timeout[PT0S]");
    }

    @Test
    void create_negativeConnectTimeout_throwsNamingSetting() {
        assertThatThrownBy(() -> new GcsDurableStoreConfig("bucket", Optional.empty(), Optional.empty(),
                Credentials.NONE, Optional.empty(), Duration.ofSeconds(-1), SECOND, 1, SECOND))
                .hasMessageContaining("durable.gcs.connect-timeout[PT-1S]");
    }

    private static GcsDurableStoreConfig config(String bucket, Optional<String> project, Credentials credentials,
            Optional<Path> credentialsFile, int maxAttempts) {
        return new GcsDurableStoreConfig(bucket, project, Optional.empty(), credentials, credentialsFile, SECOND,
                SECOND, maxAttempts, SECOND);
    }
}
