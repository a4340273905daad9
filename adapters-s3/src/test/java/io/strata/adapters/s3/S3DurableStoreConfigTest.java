package io.strata.adapters.s3;

import io.strata.ports.Secret;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class S3DurableStoreConfigTest {
    private static final Duration SECOND = Duration.ofSeconds(1);

    @Test
    void create_validSettings_keepsThem() {
        var config = new S3DurableStoreConfig("strata-structures", "eu-west-1",
                Optional.of(URI.create("http://127.0.0.1:9000")), true, Optional.of("id"),
                Optional.of(Secret.of("secret")), SECOND, SECOND, 3, Duration.ofSeconds(20));

        assertThat(config.bucket()).isEqualTo("strata-structures");
        assertThat(config.maxAttempts()).isEqualTo(3);
        assertThat(config.callTimeout()).isEqualTo(Duration.ofSeconds(20));
    }

    @Test
    void create_zeroCallTimeout_throwsNamingCallTimeoutSetting() {
        assertThatThrownBy(() -> new S3DurableStoreConfig("bucket", "us-east-1", Optional.empty(), false,
                Optional.empty(), Optional.empty(), SECOND, SECOND, 1, Duration.ZERO))
                .hasMessageContaining("durable.s3.call-timeout[PT0S]");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "ab", "Upper", "under_score", "-dash", "dash-"})
    void create_invalidBucket_throwsNamingBucketSetting(String bucket) {
        assertThatThrownBy(() -> config(bucket, "us-east-1", Optional.empty(), Optional.empty(), 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("durable.s3.bucket[" + bucket + "]");
    }

    @Test
    void create_invalidRegion_throwsNamingRegionSetting() {
        assertThatThrownBy(() -> config("bucket", "EU West", Optional.empty(), Optional.empty(), 1))
                .hasMessageContaining("durable.s3.region[EU West]");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://host", "localhost:9000", "http:///path"})
    void create_invalidEndpoint_throwsNamingEndpointSetting(String endpoint) {
        var config = new Object() {
            S3DurableStoreConfig create() {
                return new S3DurableStoreConfig("bucket", "us-east-1", Optional.of(URI.create(endpoint)), true,
                        Optional.empty(), Optional.empty(), SECOND, SECOND, 1, SECOND);
            }
        };

        assertThatThrownBy(config::create).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("durable.s3.endpoint[" + endpoint + "]");
    }

    @Test
    void create_accessKeyWithoutSecret_throwsNamingBothSettings() {
        assertThatThrownBy(() -> config("bucket", "us-east-1", Optional.of("id"), Optional.empty(), 1))
                .hasMessageContaining("durable.s3.access-key-id[id]")
                .hasMessageContaining("durable.s3.secret-access-key[]");
    }

    @Test
    void create_secretWithoutAccessKey_throwsWithoutRevealingSecret() {
        assertThatThrownBy(() -> config("bucket", "us-east-1", Optional.empty(), Optional.of(Secret.of("hunter2")), 1))
                .hasMessageContaining("durable.s3.access-key-id[]")
                .message().doesNotContain("hunter2");
    }

    @Test
    void create_zeroMaxAttempts_throwsNamingSetting() {
        assertThatThrownBy(() -> config("bucket", "us-east-1", Optional.empty(), Optional.empty(), 0))
                .hasMessageContaining("durable.s3.max-attempts[0]");
    }

    @Test
    void create_zeroReadTimeout_throwsNamingSetting() {
        assertThatThrownBy(() -> new S3DurableStoreConfig("bucket", "us-east-1", Optional.empty(), false,
                Optional.empty(), Optional.empty(), SECOND, Duration.ZERO, 1, SECOND))
                .hasMessageContaining("durable.s3.read-timeout[PT0S]");
    }

    @Test
    void create_negativeConnectTimeout_throwsNamingSetting() {
        assertThatThrownBy(() -> new S3DurableStoreConfig("bucket", "us-east-1", Optional.empty(), false,
                Optional.empty(), Optional.empty(), Duration.ofSeconds(-1), SECOND, 1, SECOND))
                .hasMessageContaining("durable.s3.connect-timeout[PT-1S]");
    }

    private static S3DurableStoreConfig config(String bucket, String region, Optional<String> accessKeyId,
            Optional<Secret> secret, int maxAttempts) {
        return new S3DurableStoreConfig(bucket, region, Optional.empty(), false, accessKeyId, secret, SECOND, SECOND,
                maxAttempts, SECOND);
    }
}
