package io.strata.app.cli;

import org.slf4j.bridge.SLF4JBridgeHandler;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * Is the {@code strata} command line: the entry point of the runnable jar. Each subcommand builds
 * the wiring the configuration chooses, does one job and exits with a status that says whether it
 * worked: 0 done, 1 failed (a course, a key, a server), 2 the command line itself was wrong.
 */
@Command(name = "strata", mixinStandardHelpOptions = true, versionProvider = StrataVersion.class,
        description = "Collects Open edX course block structures, keeps them in tiers and serves per-learner views.",
        subcommands = {GenerateCourseBlocksCommand.class, CourseBlocksCommand.class, ListCoursesCommand.class,
            SampleCourseCommand.class, ServeCommand.class,
            CommandLine.HelpCommand.class})
public final class StrataCommand {
    /** Is the exit status of a command whose work failed. */
    static final int EXIT_FAILED = 1;

    /** Runs the command line and exits with its status. */
    public static void main(String[] args) {
        routeJavaUtilLogging();
        System.exit(execute(args));
    }

    /**
     * Sends what libraries log through java.util.logging (Guice, some cloud clients) to SLF4J, so
     * that logback's levels and format apply to it too instead of the JDK's console handler.
     */
    static void routeJavaUtilLogging() {
        if (!SLF4JBridgeHandler.isInstalled()) {
            SLF4JBridgeHandler.removeHandlersForRootLogger();
            SLF4JBridgeHandler.install();
        }
    }

    /** Runs the command line with the process's standard streams and returns its exit status. */
    public static int execute(String... args) {
        return execute(new PrintWriter(System.out, true, StandardCharsets.UTF_8),
                new PrintWriter(System.err, true, StandardCharsets.UTF_8), args);
    }

    /** Runs the command line writing results to {@code out} and messages to {@code err}; used by tests. */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        return new CommandLine(new StrataCommand())
                .setOut(out)
                .setErr(err)
                .setParameterExceptionHandler(new UsageErrorHandler())
                .setExecutionExceptionHandler(new FailureHandler())
                .execute(args);
    }
}
