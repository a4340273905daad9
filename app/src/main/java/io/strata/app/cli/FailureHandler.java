package io.strata.app.cli;

import io.strata.ports.BackendUnavailableException;
import io.strata.ports.StrataException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Is the outer boundary of every command: turns an exception that escaped a command into one
 * clear line on standard error and exit status 1. Expected failures (bad input, a missing course,
 * an unreachable server) print their message alone; anything else is a bug and is logged with
 * its stack trace.
 */
final class FailureHandler implements IExecutionExceptionHandler {
    private static final Logger log = LoggerFactory.getLogger(FailureHandler.class);

    @Override
    public int handleExecutionException(Exception exception, CommandLine commandLine, ParseResult parseResult) {
        if (exception instanceof StrataException || exception instanceof IllegalArgumentException) {
            var hint = exception instanceof BackendUnavailableException ? " (retry when the backend is back)" : "";
            commandLine.getErr().println("strata: " + exception.getMessage() + hint);
        } else {
            log.error("Command[{}] failed unexpectedly", commandLine.getCommandName(), exception);
        }
        return StrataCommand.EXIT_FAILED;
    }
}
