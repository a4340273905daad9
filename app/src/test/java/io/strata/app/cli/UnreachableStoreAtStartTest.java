package io.strata.app.cli;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the command line's entry point in its own process against a durable store nobody listens
 * for: standard error holds the one-line reason, not the stack traces Guice and the cloud clients
 * would log through java.util.logging. A process, because the JDK's console handler keeps the
 * standard error it found at start, which a test in this JVM cannot capture.
 */
class UnreachableStoreAtStartTest {
    private static final String NOBODY_LISTENS = "http://127.0.0.1:1";

    @Test
    void courseBlocks_s3NotReachable_printsOneCleanLineWithoutStackTraces() throws Exception {
        var run = runMain("--set", "durable.type=s3", "--set", "durable.s3.bucket=strata-test",
                "--set", "durable.s3.path-style-access=true", "--set", "durable.s3.access-key-id=a",
                "--set", "durable.s3.secret-access-key=b", "--set", "durable.s3.max-attempts=1",
                "--set", "durable.s3.endpoint=" + NOBODY_LISTENS);

        assertCleanFailure(run);
    }

    @Test
    void courseBlocks_gcsNotReachable_printsOneCleanLineWithoutStackTraces() throws Exception {
        var run = runMain("--set", "durable.type=gcs", "--set", "durable.gcs.bucket=strata-test",
                "--set", "durable.gcs.project=test", "--set", "durable.gcs.credentials=none",
                "--set", "durable.gcs.max-attempts=1",
                "--set", "durable.gcs.endpoint=" + NOBODY_LISTENS);

        assertCleanFailure(run);
    }

    private static void assertCleanFailure(ProcessRun run) {
        assertThat(run.status()).as(run.err()).isEqualTo(1);
        assertThat(run.err()).contains("strata: ").contains("127.0.0.1:1")
                .doesNotContain("Caused by", "Suppressed:", "\tat ", "MessageProcessor");
        assertThat(run.err().lines().filter(line -> line.strip().startsWith("at com.")
                || line.strip().startsWith("at io.") || line.strip().startsWith("at java."))).isEmpty();
    }

    private static ProcessRun runMain(String... settings) throws IOException, InterruptedException {
        var command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), StrataCommand.class.getName(),
                "course-blocks", "--course", "course-v1:StrataX+SAMPLE101+2026", "--username", "staff"));
        command.addAll(List.of(settings));
        var process = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        var err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
        }
        return new ProcessRun(process.exitValue(), err);
    }

    private record ProcessRun(int status, String err) {
    }
}
