package io.strata.app.wiring;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.strata.adapters.gcs.GcsDurableStore;
import io.strata.adapters.s3.S3DurableStore;
import io.strata.app.config.ConfigLoader;
import io.strata.app.config.StrataConfig.DurableType;
import io.strata.domain.key.CourseKey;
import io.strata.domain.manager.BlockStructureManager;
import io.strata.domain.manager.GenerateOutcome;
import io.strata.ports.DurableStore;
import io.strata.testkit.LocalGcsEmulator;
import io.strata.testkit.LocalS3Proxy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Starts the wiring from the configurations Open edX operators use to keep course blocks in S3 or GCS,
 * unchanged but for the endpoint of a local S3 server that accepts its credentials, or of a GCS
 * emulator (given with the native keys, as django-storages has no setting for the API's host).
 */
class OpenEdxWiringIT {
    private static final CourseKey SAMPLE = CourseKey.parse("course-v1:StrataX+SAMPLE101+2026");

    @RegisterExtension
    static final LocalS3Proxy S3 = new LocalS3Proxy("test-key", "test-secret");

    @RegisterExtension
    static final LocalGcsEmulator GCS = new LocalGcsEmulator();

    private final Logger wiringLogger = (Logger) LoggerFactory.getLogger(Wiring.class);
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();

    @TempDir
    Path folder;

    @BeforeEach
    void captureStartUpLines() {
        logged.start();
        wiringLogger.addAppender(logged);
    }

    @AfterEach
    void stopCapturing() {
        wiringLogger.detachAppender(logged);
    }

    @Test
    void openEdxS3Configuration_unchanged_wiresS3UnderDirectoryPrefix() throws Exception {
        S3.createBucket("bucket-name");
        var file = Files.writeString(folder.resolve("lms.yml"), """
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
        var config = ConfigLoader.load(Optional.of(file), Map.of(), List.of());

        var injector = Wiring.create(config);
        var store = injector.getInstance(DurableStore.class);
        try {
            var outcome = injector.getInstance(BlockStructureManager.class).generate(SAMPLE, false, true);

            assertThat(config.durableType()).isEqualTo(DurableType.S3);
            assertThat(config.memcached().expireAfterWrite()).isEmpty();
            assertThat(store).isInstanceOf(S3DurableStore.class);
            assertThat(outcome.status()).isEqualTo(GenerateOutcome.Status.COLLECTED);
            assertThat(store.load("directory-name/" + SAMPLE + "/current")).isPresent();
        } finally {
            ((AutoCloseable) store).close();
        }
        assertThat(infoLines()).anySatisfy(line -> assertThat(line).startsWith("Durable tier[")
                .contains("durable.type from file " + file
                        + " as BLOCK_STRUCTURES_SETTINGS.STORAGE_CLASS[storages.backends.s3boto.S3BotoStorage]")
                .contains("bucket from file " + file
                        + " as BLOCK_STRUCTURES_SETTINGS.STORAGE_KWARGS.AWS_STORAGE_BUCKET_NAME[bucket-name]")
                .contains("prefix from file " + file + " as BLOCK_STRUCTURES_SETTINGS.DIRECTORY_PREFIX"));
        assertThat(infoLines()).noneSatisfy(line -> assertThat(line).contains("test-secret"));
    }

    @Test
    void openEdxGcsConfiguration_withEmulatorEndpoint_wiresGcsUnderDirectoryPrefix() throws Exception {
        GCS.createBucket("gcs-bucket-name");
        var file = Files.writeString(folder.resolve("lms.yml"), """
                BLOCK_STRUCTURES_SETTINGS:
                  STORAGE_CLASS: 'storages.backends.gcloud.GoogleCloudStorage'
                  STORAGE_KWARGS:
                    GS_BUCKET_NAME: 'gcs-bucket-name'
                    GS_PROJECT_ID: '%s'
                  DIRECTORY_PREFIX: "/directory-name/"
                durable:
                  gcs:
                    endpoint: '%s'
                    credentials: none
                    max-attempts: 1
                """.formatted(LocalGcsEmulator.PROJECT, GCS.endpoint()));
        var config = ConfigLoader.load(Optional.of(file), Map.of(), List.of());

        var injector = Wiring.create(config);
        var store = injector.getInstance(DurableStore.class);
        try {
            var outcome = injector.getInstance(BlockStructureManager.class).generate(SAMPLE, false, true);

            assertThat(config.durableType()).isEqualTo(DurableType.GCS);
            assertThat(store).isInstanceOf(GcsDurableStore.class);
            assertThat(outcome.status()).isEqualTo(GenerateOutcome.Status.COLLECTED);
            assertThat(store.load("directory-name/" + SAMPLE + "/current")).isPresent();
        } finally {
            ((AutoCloseable) store).close();
        }
        assertThat(infoLines()).anySatisfy(line -> assertThat(line).startsWith("Durable tier[")
                .contains("durable.type from file " + file + " as BLOCK_STRUCTURES_SETTINGS.STORAGE_CLASS["
                        + "storages.backends.gcloud.GoogleCloudStorage]"));
    }

    private List<String> infoLines() {
        return logged.list.stream().filter(event -> event.getLevel() == Level.INFO)
                .map(ILoggingEvent::getFormattedMessage).toList();
    }
}
