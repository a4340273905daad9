package io.strata.testkit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static java.util.Objects.requireNonNull;

/**
 * Is a JVM of its own, started on the test's class path with a main class, that a test talks to in
 * lines: it writes to the process's standard input and reads its standard output, while the
 * process's standard error goes to a log file named in assertion messages. For tests that race
 * several processes on one resource (a file lock, say), which threads of one JVM cannot.
 */
public final class LineProcess implements AutoCloseable {
    private final Process process;
    private final Writer input;
    private final BufferedReader output;
    private final Path log;

    private LineProcess(Process process, Path log) {
        this.process = process;
        this.input = process.outputWriter(StandardCharsets.UTF_8);
        this.output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        this.log = log;
    }

    /** Starts {@code main} with the arguments in a new JVM, its standard error going to {@code log}. */
    public static LineProcess start(Class<?> main, Path log, String... args) throws IOException {
        requireNonNull(main, "main is null");
        requireNonNull(log, "log is null");
        var command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(List.of(args));
        return new LineProcess(new ProcessBuilder(command).redirectError(log.toFile()).start(), log);
    }

    /** Writes the line to the process's standard input and flushes it. */
    public void send(String line) throws IOException {
        input.write(line + "\n");
        input.flush();
    }

    /** Returns the next line of the process's standard output, or null once it ended. */
    public String readLine() throws IOException {
        return output.readLine();
    }

    /** Returns what the process wrote to its standard error so far, for assertion messages. */
    public String log() {
        return TestProcesses.readLog(log);
    }

    /** Closes the process's standard input, waits up to 10 s for it to end, then ends it by force. */
    @Override
    public void close() {
        try {
            input.close();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot close the input of process " + process.pid(), e);
        } finally {
            awaitOrDestroy();
        }
    }

    private void awaitOrDestroy() {
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
