package io.strata.app.cli;

import io.strata.app.config.StrataConfig;
import io.strata.app.wiring.Wiring;
import io.strata.domain.key.CourseKey;
import io.strata.domain.manager.BlockStructureManager;
import io.strata.domain.manager.GenerateOutcome;
import io.strata.domain.manager.GenerateOutcome.Status;
import io.strata.ports.CourseSource;
import io.strata.ports.ItemNotFoundException;
import io.strata.ports.StrataException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * Collects the block structure of each selected course and stores it: Open edX's
 * {@code generate_course_blocks}. A course that fails is reported with its reason and the run goes
 * on; the exit status is 1 when any failed.
 */
@Command(name = "generate-course-blocks", mixinStandardHelpOptions = true, versionProvider = StrataVersion.class,
        description = "Reads each course, collects its block structure and writes it to the tiers.")
final class GenerateCourseBlocksCommand implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(GenerateCourseBlocksCommand.class);

    @Mixin
    ConfigOptions configOptions;

    @Spec
    CommandSpec spec;

    @Option(names = "--source", paramLabel = "DIR",
            description = "A course export, a folder of exports, or a .tar.gz (default: course.source).")
    Path source;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Selection selection;

    @Option(names = "--with-storage",
            description = "Also write to the durable tier (and check it for unchanged courses).")
    boolean withStorage;

    @Option(names = "--force-update", description = "Collect every selected course even if its version is stored.")
    boolean forceUpdate;

    /** Is the choice of courses: all of them, or the named ones. */
    static final class Selection {
        @Option(names = "--all-courses", required = true, description = "Every course in the source.")
        boolean allCourses;

        @Option(names = "--courses", arity = "1..*", paramLabel = "KEY", required = true,
                description = "The keys of the courses to generate.")
        List<String> courses;
    }

    @Override
    public Integer call() {
        var config = configOptions.load(source == null ? List.of() : List.of("course.source=" + source));
        var injector = Wiring.create(config);
        var courseSource = injector.getInstance(CourseSource.class);
        var manager = injector.getInstance(BlockStructureManager.class);
        var out = spec.commandLine().getOut();
        var summary = new Summary();
        long started = System.nanoTime();

        for (var key : selectedCourses(courseSource, summary, out)) {
            generateOne(manager, key, summary, out, config);
        }

        summary.print(out, Duration.ofNanos(System.nanoTime() - started));
        out.flush();
        return summary.failed == 0 ? 0 : StrataCommand.EXIT_FAILED;
    }

    private List<String> selectedCourses(CourseSource courseSource, Summary summary, PrintWriter out) {
        if (!selection.allCourses) {
            return selection.courses;
        }
        var catalog = courseSource.listCourses();
        for (var unreadable : catalog.unreadable()) {
            summary.fail(out, unreadable.getFile(), unreadable.getMessage());
        }
        if (catalog.courseKeys().isEmpty() && catalog.unreadable().isEmpty()) {
            summary.fail(out, courseSource.describe(), "no course found: expected a folder holding course.xml,"
                    + " a folder of such folders, or a .tar.gz export");
        }
        return catalog.courseKeys();
    }

    private void generateOne(BlockStructureManager manager, String key, Summary summary, PrintWriter out,
            StrataConfig config) {
        try {
            var outcome = manager.generate(CourseKey.parse(key), forceUpdate, withStorage);
            summary.record(out, outcome);
        } catch (ItemNotFoundException e) {
            summary.fail(out, key, BundledSampleCourse.reworded(e, config, key).getMessage());
        } catch (StrataException e) {
            summary.fail(out, key, e.getMessage());
        } catch (RuntimeException e) {
            // The outer boundary of one course: an unexpected failure of one course must not stop the others.
            log.error("Course[{}] failed unexpectedly", key, e);
            summary.fail(out, key, "unexpected " + e);
        }
    }

    /** Counts what the run did and prints one line per course and a total. */
    private static final class Summary {
        private int collected;
        private int unchanged;
        private int failed;
        private long blocks;
        private long encodedBytes;

        void record(PrintWriter out, GenerateOutcome outcome) {
            blocks += outcome.blocks();
            encodedBytes += outcome.encodedBytes();
            if (outcome.status() == Status.COLLECTED) {
                collected++;
                out.printf(Locale.ROOT,
                        "collected  %s: %,d blocks, %,d bytes encoded (read %s, collect %s, store %s)%n",
                        outcome.course(), outcome.blocks(), outcome.encodedBytes(), millis(outcome.readDuration()),
                        millis(outcome.collectDuration()), millis(outcome.storeDuration()));
            } else {
                unchanged++;
                out.printf(Locale.ROOT, "unchanged  %s: %,d blocks, version already stored; nothing collected"
                        + " (use --force-update to collect anyway)%n", outcome.course(), outcome.blocks());
            }
            out.flush();
        }

        void fail(PrintWriter out, String what, String reason) {
            failed++;
            out.printf(Locale.ROOT, "FAILED     %s: %s%n", what, reason);
            out.flush();
        }

        void print(PrintWriter out, Duration elapsed) {
            out.printf(Locale.ROOT, "Courses: %d done (%d collected, %d unchanged), %d failed; %,d blocks;"
                    + " %,d bytes encoded; %s%n", collected + unchanged, collected, unchanged, failed, blocks,
                    encodedBytes, millis(elapsed));
        }

        private static String millis(Duration duration) {
            return String.format(Locale.ROOT, "%,d ms", duration.toMillis());
        }
    }
}
