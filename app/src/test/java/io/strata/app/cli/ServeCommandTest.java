package io.strata.app.cli;

import ch.qos.logback.classic.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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

    @Test
    void serve_durableFolderBelowAFile_failsNamingTheKeyAndTheFolder() throws IOException {
        Files.writeString(store.resolve("afile"), "in the way");
        var folder = store.resolve("afile").resolve("sub");

        var run = serve("durable.filesystem.folder=" + folder);

        assertThat(run.status()).isEqualTo(StrataCommand.EXIT_FAILED);
        assertThat(run.err()).contains("durable.filesystem.folder[" + folder + "]").doesNotContain("java.");
    }

    @Test
    void serve_unresolvableHost_failsInOneLineNamingHostAndPort() {
        try (var logs = new LogCapture()) {
            var run = serve("service.host=999.1.1.1", "service.port=18771");

            assertThat(run.status()).isEqualTo(StrataCommand.EXIT_FAILED);
            assertThat(run.err().strip()).doesNotContain("\n").contains("host[999.1.1.1]", "port[18771]",
                    "cannot be resolved").doesNotContain("in use");
            assertThat(logs.messages(Level.ERROR)).isEmpty();
        }
    }

    @Test
    void serve_hostNotOfThisMachine_failsInOneLineSayingSo() {
        try (var logs = new LogCapture()) {
            var run = serve("service.host=192.0.2.1", "service.port=18771");

            assertThat(run.status()).isEqualTo(StrataCommand.EXIT_FAILED);
            assertThat(run.err().strip()).doesNotContain("\n").contains("host[192.0.2.1]", "port[18771]",
                    "not an address of this machine");
            assertThat(logs.messages(Level.ERROR)).isEmpty();
        }
    }

    @Test
    void serve_portInUse_failsInOneLineSayingSo() throws IOException {
        try (var taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress()); var logs = new LogCapture()) {
            var run = serve("service.host=127.0.0.1", "service.port=" + taken.getLocalPort());

            assertThat(run.status()).isEqualTo(StrataCommand.EXIT_FAILED);
            assertThat(run.err().strip()).doesNotContain("\n").contains("host[127.0.0.1]",
                    "port[" + taken.getLocalPort() + "]", "in use");
            assertThat(logs.messages(Level.ERROR)).isEmpty();
        }
    }

    private CliRun serve(String... settings) {
        var common = new ArrayList<String>(List.of("--set", "durable.filesystem.folder=" + store.resolve("data"),
                "--set", "service.auth.trusted-secret=t"));
        for (var setting : settings) {
            common.add("--set");
            common.add(setting);
        }
        return CliRun.run(common, "serve");
    }
}
