package io.strata.app.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

/** Is the result of one in-process run of the command line: exit status, standard output and error. */
record CliRun(int status, String out, String err) {
    /** Runs the command line with {@code args} followed by {@code common}, capturing both streams. */
    static CliRun run(List<String> common, String... args) {
        var out = new StringWriter();
        var err = new StringWriter();
        var all = new ArrayList<>(List.of(args));
        all.addAll(common);
        int status = StrataCommand.execute(new PrintWriter(out, true), new PrintWriter(err, true),
                all.toArray(String[]::new));
        return new CliRun(status, out.toString(), err.toString());
    }
}
