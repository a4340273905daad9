package io.strata.app.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Checks how {@code strata serve} refuses to start; a started service runs until stopped (see StrataServiceTest). */
class ServeCommandTest {
    @TempDir
    Path store;

    @Test
    void serve_noWayToAdmitCallers_failsNamingTheAuthKeys() {
        var run = CliRun.run(List.of("--set", "durable.filesystem.folder=" + store), "serve", "--port", "0");

        assertThat(run.status()).isEqualTo(StrataCommand.EXIT_FAILED);
        assertThat(run.err()).contains("would refuse every request", "service.auth.jwt.secret-key",
                "service.auth.trusted-secret", "service.auth.allow-anonymous");
    }

    @Test
    void serve_invalidServiceKey_failsNamingIt() {
        var run = CliRun.run(List.of("--set", "service.port=-1"), "serve");

        assertThat(run.status()).isEqualTo(StrataCommand.EXIT_FAILED);
        assertThat(run.err()).contains("service.port[-1]");
    }
}
