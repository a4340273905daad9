package io.strata.app.cli;

import io.strata.adapters.memcached.MemcachedCacheTier;
import io.strata.adapters.memcached.MemcachedCacheTierConfig;
import io.strata.domain.key.CourseKey;
import io.strata.domain.manager.CollectLease;
import io.strata.testkit.LocalServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs two real Strata processes ({@code course-blocks} from the packaged jar) against one memcached
 * while a process that died holds the course's collect lease: one takes the lease over when it
 * expires and collects, the other reads what it stored.
 */
class TwoProcessesCollectIT {
    private static final CourseKey SAMPLE = CourseKey.parse("course-v1:StrataX+SAMPLE101+2026");
    /** Outlasts the start of both processes (a few seconds on a busy machine), so that both meet the dead lease. */
    private static final Duration DEAD_LEASE_TTL = Duration.ofSeconds(10);

    @RegisterExtension
    static final LocalServer MEMCACHED = LocalServer.memcached();

    @TempDir
    Path folder;

    @Test
    void courseBlocks_twoProcessesAfterDeadHolder_collectOnce() throws Exception {
        var jar = Path.of("target", "strata.jar");
        assertThat(jar).as("the packaged jar, built by mvn package before the integration tests").isRegularFile();
        try (var tier = new MemcachedCacheTier(MemcachedCacheTierConfig.of(MEMCACHED.address()))) {
            assertThat(tier.storeIfAbsent(CollectLease.keyOf(SAMPLE), "dead-process".getBytes(StandardCharsets.UTF_8),
                    DEAD_LEASE_TTL)).isTrue();
        }

        var processes = new ArrayList<Process>();
        for (int i = 0; i < 2; i++) {
            processes.add(start(jar, i));
        }
        for (var process : processes) {
            assertThat(process.waitFor(90, TimeUnit.SECONDS)).as("process finished").isTrue();
        }

        var logs = new ArrayList<String>();
        for (int i = 0; i < 2; i++) {
            logs.add(Files.readString(folder.resolve("stderr-" + i)));
            assertThat(processes.get(i).exitValue()).as("exit status; log: %s", logs.get(i)).isZero();
        }
        assertThat(Files.readString(folder.resolve("stdout-0"))).contains("\"root\"")
                .isEqualTo(Files.readString(folder.resolve("stdout-1")));
        assertThat(count(logs, "collected: blocks")).as("collects in both logs: %s", logs).isEqualTo(1);
        // The collecting process waited out the dead holder's lease; the other either waited for the
        // collect too or, when it started late, found the structure already stored.
        assertThat(count(logs, "lease was released or expired")).isEqualTo(1);
    }

    private Process start(Path jar, int index) throws IOException {
        var java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        var command = List.of(java, "-jar", jar.toString(), "course-blocks", "--course", SAMPLE.toString(),
                "--username", "audit_learner", "--set", "cache.type=memcached",
                "--set", "cache.memcached.servers=" + MEMCACHED.hostAndPort(),
                "--set", "durable.filesystem.folder=" + folder.resolve("store"));
        var builder = new ProcessBuilder(command)
                .redirectOutput(folder.resolve("stdout-" + index).toFile())
                .redirectError(folder.resolve("stderr-" + index).toFile());
        builder.environment().put("STRATA_LOG_LEVEL", "DEBUG");
        return builder.start();
    }

    private static long count(List<String> logs, String text) {
        return logs.stream().flatMap(String::lines).filter(line -> line.contains(text)).count();
    }
}
