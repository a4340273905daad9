package io.strata.testkit;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Runs a real cache server (memcached or Redis) on a free loopback port for the tests of one class:
 * register it with {@code @RegisterExtension static final LocalServer server = LocalServer.memcached();}
 * and it starts before the first test and stops after the last. Tests may stop and start it again
 * (it keeps its port) to simulate an outage.
 *
 * <p>The server binary must be installed: {@code bin/test} installs both. When it is missing the
 * test fails with a message saying so; it is never skipped.
 */
public final class LocalServer implements BeforeAllCallback, AfterAllCallback, AutoCloseable {
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(10);
    private static final List<String> FALLBACK_FOLDERS = List.of("/usr/bin", "/usr/sbin", "/usr/local/bin");

    private final Kind kind;
    private final Optional<Supplier<String>> configText;
    private final List<String> extraArguments;
    private final Optional<String> password;
    private Path configFile;
    private int port;
    private Process process;
    private Path logFile;

    private LocalServer(Kind kind, Optional<Supplier<String>> configText, List<String> extraArguments,
            Optional<String> password) {
        this.kind = kind;
        this.configText = configText;
        this.extraArguments = List.copyOf(extraArguments);
        this.password = password;
    }

    /** Returns a memcached server (UDP off, 64 MB of memory) with extra arguments such as {@code -I 1m}. */
    public static LocalServer memcached(String... extraArguments) {
        return new LocalServer(Kind.MEMCACHED, Optional.empty(), List.of(extraArguments), Optional.empty());
    }

    /** Returns a Redis server without persistence, with extra command-line arguments. */
    public static LocalServer redis(String... extraArguments) {
        return new LocalServer(Kind.REDIS, Optional.empty(), List.of(extraArguments), Optional.empty());
    }

    /**
     * Returns a Redis server without persistence whose default user needs the password (letters
     * and digits only), with extra arguments such as an ACL user:
     * {@code "--user", "app", "on", ">secret", "~*", "+@all"}. {@link #command} and {@link #flush}
     * log in with the password first.
     */
    public static LocalServer redisWithPassword(String password, String... extraArguments) {
        if (!password.matches("[A-Za-z0-9]+")) {
            throw new IllegalArgumentException("Use letters and digits only in a test password");
        }
        var arguments = new ArrayList<>(List.of("--requirepass", password));
        arguments.addAll(List.of(extraArguments));
        return new LocalServer(Kind.REDIS, Optional.empty(), arguments, Optional.of(password));
    }

    /**
     * Returns a Redis Sentinel that watches the primary (started before it) under the name, with a
     * quorum of one. Its configuration file is a new temporary file, since a sentinel rewrites it.
     */
    public static LocalServer redisSentinel(String masterName, LocalServer primary) {
        return redisSentinel(masterName, primary::address);
    }

    /**
     * Returns a Redis Sentinel that names the address as the primary, such as a {@link SilentServer}'s,
     * with a quorum of one.
     */
    public static LocalServer redisSentinel(String masterName, InetSocketAddress primary) {
        return redisSentinel(masterName, () -> primary);
    }

    private static LocalServer redisSentinel(String masterName, Supplier<InetSocketAddress> primary) {
        Supplier<String> text = () -> String.format(Locale.ROOT, "sentinel monitor %s %s %d 1%n", masterName,
                primary.get().getAddress().getHostAddress(), primary.get().getPort());
        return new LocalServer(Kind.REDIS, Optional.of(text), List.of("--sentinel"), Optional.empty());
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    /** Returns the loopback address the server listens on. */
    public InetSocketAddress address() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
    }

    /** Returns {@code host:port} of the server. */
    public String hostAndPort() {
        return InetAddress.getLoopbackAddress().getHostAddress() + ":" + port;
    }

    /**
     * Starts the server, on a new free port the first time and on the same port afterwards, and
     * waits until it answers. Starting a running server does nothing.
     */
    public synchronized void start() {
        if (process != null) {
            return;
        }
        var binary = findBinary(kind.binary);
        if (port == 0) {
            port = TestProcesses.freeLoopbackPort();
        }
        try {
            if (configText.isPresent() && configFile == null) {
                configFile = Files.writeString(Files.createTempFile("strata-" + kind.binary + "-", ".conf"),
                        configText.get().get());
            }
            logFile = Files.createTempFile("strata-" + kind.binary + "-", ".log");
            var builder = new ProcessBuilder(arguments(binary)).redirectErrorStream(true)
                    .redirectOutput(logFile.toFile());
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + binary, e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
        awaitReady();
    }

    /** Stops the server; its data is lost. Stopping a stopped server does nothing. */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        TestProcesses.stop(process);
        process = null;
    }

    @Override
    public void close() {
        stop();
    }

    /** Removes every entry from the server. */
    public void flush() {
        command(kind.flushCommand, line -> true);
    }

    /**
     * Sends one text-protocol command line and returns the reply lines, up to and including the
     * first line that matches {@code last}.
     */
    public List<String> command(String line, Predicate<String> last) {
        try (var socket = new Socket()) {
            socket.connect(address(), 1000);
            socket.setSoTimeout(5000);
            var login = password.map(secret -> "AUTH " + secret + "\r\n").orElse("");
            socket.getOutputStream().write((login + line + "\r\n").getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            var reader = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            if (password.isPresent()) {
                // The reply to AUTH, +OK, is not part of the command's reply.
                reader.readLine();
            }
            var reply = new ArrayList<String>();
            for (var next = reader.readLine(); next != null; next = reader.readLine()) {
                reply.add(next);
                if (last.test(next)) {
                    break;
                }
            }
            return reply;
        } catch (IOException e) {
            throw new UncheckedIOException(String.format(Locale.ROOT, "Command[%s] to %s at port[%d] failed",
                    line, kind.binary, port), e);
        }
    }

    /** Returns the value of a memcached {@code stats} line, such as {@code store_too_large}. */
    public Optional<String> memcachedStat(String name) {
        return command("stats", "END"::equals).stream().filter(line -> line.startsWith("STAT " + name + " "))
                .map(line -> line.substring(("STAT " + name + " ").length())).findFirst();
    }

    private List<String> arguments(String binary) {
        var arguments = new ArrayList<String>();
        arguments.add(binary);
        if (configFile != null) {
            arguments.add(configFile.toString());
        }
        var loopback = InetAddress.getLoopbackAddress().getHostAddress();
        if (kind == Kind.MEMCACHED) {
            arguments.addAll(List.of("-l", loopback, "-p", Integer.toString(port), "-U", "0", "-m", "64"));
            if ("root".equals(System.getProperty("user.name"))) {
                // memcached refuses to run as root without naming the user to run as.
                arguments.addAll(List.of("-u", "root"));
            }
        } else {
            arguments.addAll(List.of("--port", Integer.toString(port), "--bind", loopback, "--save", "",
                    "--appendonly", "no", "--daemonize", "no"));
        }
        arguments.addAll(extraArguments);
        return arguments;
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(String.format(Locale.ROOT,
                        "%s exited at start with status[%d]: %s", kind.binary, process.exitValue(), log()));
            }
            try {
                var reply = command(kind.pingCommand, line -> true);
                if (!reply.isEmpty() && reply.get(0).startsWith(kind.pingReply)) {
                    return;
                }
            } catch (UncheckedIOException e) {
                // Not listening yet.
            }
            sleep(Duration.ofMillis(20));
        }
        stop();
        throw new IllegalStateException(String.format(Locale.ROOT, "%s did not answer on port[%d] within %s: %s",
                kind.binary, port, READY_TIMEOUT, log()));
    }

    private String log() {
        return TestProcesses.readLog(logFile);
    }

    private static String findBinary(String name) {
        var folders = new ArrayList<String>();
        var path = System.getenv("PATH");
        if (path != null) {
            folders.addAll(List.of(path.split(File.pathSeparator)));
        }
        folders.addAll(FALLBACK_FOLDERS);
        for (var folder : folders) {
            var candidate = Path.of(folder, name);
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        throw new IllegalStateException(String.format(Locale.ROOT,
                "Server binary[%s] is not installed (searched PATH and %s); run bin/test, which installs"
                        + " memcached and redis-server, or install it with apt-get",
                name, FALLBACK_FOLDERS));
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for a server", e);
        }
    }

    private enum Kind {
        MEMCACHED("memcached", "version", "VERSION", "flush_all"),
        REDIS("redis-server", "PING", "+PONG", "FLUSHALL");

        private final String binary;
        private final String pingCommand;
        private final String pingReply;
        private final String flushCommand;

        Kind(String binary, String pingCommand, String pingReply, String flushCommand) {
            this.binary = binary;
            this.pingCommand = pingCommand;
            this.pingReply = pingReply;
            this.flushCommand = flushCommand;
        }
    }
}
