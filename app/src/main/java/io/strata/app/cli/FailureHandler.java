package io.strata.app.cli;

import com.google.inject.CreationException;
import com.google.inject.ProvisionException;
import com.google.inject.spi.Message;
import io.strata.ports.BackendUnavailableException;
import io.strata.ports.DurablePaths;
import io.strata.ports.StrataException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

import java.util.Collection;
import java.util.List;

/**
 * Is the outer boundary of every command: turns an exception that escaped a command into one
 * clear line on standard error (control characters escaped) and exit status 1. Expected failures
 * (bad input, a missing course, an unreachable server) print their message alone; anything else
 * is a bug and is logged with its stack trace.
 */
final class FailureHandler implements IExecutionExceptionHandler {
    private static final Logger log = LoggerFactory.getLogger(FailureHandler.class);

    @Override
    public int handleExecutionException(Exception exception, CommandLine commandLine, ParseResult parseResult) {
        var failure = unwrapWiring(exception);
        if (failure instanceof StrataException || failure instanceof IllegalArgumentException) {
            var hint = failure instanceof BackendUnavailableException ? " (retry when the backend is back)" : "";
            // A value the user typed (a username, a course key) may hold a newline or a terminal escape.
            var message = DurablePaths.printable(String.valueOf(failure.getMessage()));
            commandLine.getErr().println("strata: " + message + hint);
        } else {
            log.error("Command[{}] failed unexpectedly", commandLine.getCommandName(), exception);
        }
        return StrataCommand.EXIT_FAILED;
    }

    /**
     * Returns the user-facing cause of a failure to build the wiring: an adapter that refuses its
     * configuration (a folder that is a file, a malformed learners file) does so while Guice builds
     * the injector, which wraps the refusal in its own exception.
     */
    private static Throwable unwrapWiring(Exception exception) {
        Collection<Message> messages = exception instanceof CreationException creation ? creation.getErrorMessages()
                : exception instanceof ProvisionException provision ? provision.getErrorMessages() : List.of();
        for (var message : messages) {
            var cause = message.getCause();
            if (cause instanceof StrataException || cause instanceof IllegalArgumentException) {
                return cause;
            }
        }
        return exception;
    }
}
