package io.strata.app.cli;

import io.strata.app.sample.SampleCourseGenerator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * Writes a synthetic OLX course of the requested number of blocks, the same bytes for the
 * same seed: test data for benchmarks and scale checks, shaped like the shared real courses.
 */
@Command(name = "sample-course", mixinStandardHelpOptions = true, versionProvider = StrataVersion.class,
        description = "Writes a generated OLX course of N blocks, deterministic for a seed.")
final class SampleCourseCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--blocks", required = true, paramLabel = "N", description = "How many blocks the course has.")
    int blocks;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "The seed (default: 1).")
    long seed;

    @Option(names = "--out", required = true, paramLabel = "DIR",
            description = "The folder to write the course into; it must not hold a course.xml yet.")
    Path out;

    @Override
    public Integer call() {
        if (blocks < SampleCourseGenerator.MIN_BLOCKS || blocks > SampleCourseGenerator.MAX_BLOCKS) {
            throw new ParameterException(spec.commandLine(), String.format(Locale.ROOT,
                    "--blocks[%d] must be between %d and %d", blocks, SampleCourseGenerator.MIN_BLOCKS,
                    SampleCourseGenerator.MAX_BLOCKS));
        }

        try {
            var result = SampleCourseGenerator.generate(blocks, seed, out);
            spec.commandLine().getOut().printf(Locale.ROOT, "generated  %s: %,d blocks, %,d files in %s%n",
                    result.courseKey(), result.blocks(), result.files(), result.folder());
            spec.commandLine().getOut().flush();
            return 0;
        } catch (UncheckedIOException e) {
            spec.commandLine().getErr().println("strata: " + e.getMessage() + " (" + e.getCause().getMessage() + ")");
            return StrataCommand.EXIT_FAILED;
        }
    }
}
