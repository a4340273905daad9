package io.strata.app.http;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks that a request whose collected structure the durable store cannot keep is still answered
 * from it, and that the failure shows in the metrics instead of the response.
 */
class DurableWriteFailureTest {
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
}
