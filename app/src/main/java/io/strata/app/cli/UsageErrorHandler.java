package io.strata.app.cli;

import io.strata.ports.DurablePaths;
import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Reports a malformed command line in one line and a pointer to the command's help, instead of
 * the whole usage text, and exits with status 2. An unknown option is reported before a missing
 * required one: the unknown option is often the required one misspelt.
 */
final class UsageErrorHandler implements IParameterExceptionHandler {
    @Override
    public int handleParseException(ParameterException exception, String[] args) {
        var commandLine = exception.getCommandLine();
        var err = commandLine.getErr();
        err.println("strata: " + DurablePaths.printable(message(exception)));
        UnmatchedArgumentException.printSuggestions(exception, err);
        err.println("strata: see 'strata help" + subcommandName(commandLine) + "' for the options");
        err.flush();
        return commandLine.getCommandSpec().exitCodeOnInvalidInput();
    }

    private static String message(ParameterException exception) {
        var unmatched = exception.getCommandLine().getUnmatchedArguments();
        if (exception instanceof MissingParameterException && !unmatched.isEmpty()) {
            return new UnmatchedArgumentException(exception.getCommandLine(), unmatched).getMessage();
        }
        return exception.getMessage();
    }

    /** Returns " NAME" for a subcommand, or nothing for the top-level command. */
    private static String subcommandName(CommandLine commandLine) {
        return commandLine.getParent() == null ? "" : " " + commandLine.getCommandName();
    }
}
