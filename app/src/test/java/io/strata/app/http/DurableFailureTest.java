package io.strata.app.http;

import io.strata.ports.BackendFailureException;
import io.strata.ports.DurableStore;
import io.strata.testkit.ForwardingDurableStore;
import io.strata.testkit.InMemoryDurableStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks how requests fare when the durable store fails: a structure it cannot keep is still
 * answered from the collect, and a failed read is a plain 500 that shows nothing of the server.
 */
class DurableFailureTest {
    private static final String BLOCKS = "/api/courses/v1/blocks/?course_id=course-v1:StrataX+SAMPLE101+2026"
            + "&username=staff&depth=all";

    @TempDir
    Path temp;

    @Test
    void blocks_durableFolderBecameAFile_answersFromTheCollectAndCountsTheTierError() throws IOException {
        var durable = temp.resolve("durable");

        try (var running = RunningService.start(List.of("durable.filesystem.folder=" + durable))) {
            Files.delete(durable);
            Files.writeString(durable, "in the way");

            var response = running.get(BLOCKS, Optional.of(RunningService.TRUSTED));

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).contains("\"blocks\"");
            assertThat(running.metric("strata_tier_errors_total", "tier=\"durable\"")).isEqualTo(1);
            assertThat(running.get(BLOCKS, Optional.of(RunningService.TRUSTED)).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void blocks_durableLoadFails_answers500WithoutTheExceptionsText() {
        var failing = new ForwardingDurableStore(new InMemoryDurableStore()) {
            @Override
            public Optional<byte[]> load(String path) {
                throw new BackendFailureException("Cannot load path[" + path + "] in store[/srv/strata]: "
                        + "java.nio.file.FileSystemException: /srv/strata: Input/output error",
                        new IOException("Input/output error"));
            }
        };

        try (var running = RunningService.start(List.of(), binder -> binder.bind(DurableStore.class)
                .toInstance(failing))) {
            var response = running.get(BLOCKS, Optional.of(RunningService.TRUSTED));

            assertThat(response.statusCode()).isEqualTo(500);
            assertThat(response.body()).startsWith("{\"detail\":").doesNotContain("java.", "/srv/strata");
        }
    }
}
