package io.strata.app.cli;

import io.strata.app.wiring.Wiring;
import io.strata.ports.CourseSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * Prints the keys of the courses a course folder holds, one a line, and the places that look like
 * courses but cannot be read. Only {@code course.xml} files are read. The exit status is 1 when
 * any place cannot be read or nothing is found.
 */
@Command(name = "list-courses", mixinStandardHelpOptions = true, versionProvider = StrataVersion.class,
        description = "Prints the course keys a course folder holds.")
final class ListCoursesCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions configOptions;

    @Spec
    CommandSpec spec;

    @Option(names = "--source", paramLabel = "DIR",
            description = "A course export, a folder of exports, or a .tar.gz (default: course.source).")
    Path source;

    @Override
    public Integer call() {
        var config = configOptions.load(source == null ? List.of() : List.of("course.source=" + source));
        var courseSource = Wiring.create(config).getInstance(CourseSource.class);
        var catalog = courseSource.listCourses();
        var out = spec.commandLine().getOut();

        catalog.courseKeys().forEach(out::println);
        for (var unreadable : catalog.unreadable()) {
            spec.commandLine().getErr().printf(Locale.ROOT, "strata: %s%n", unreadable.getMessage());
        }
        if (catalog.courseKeys().isEmpty() && catalog.unreadable().isEmpty()) {
            spec.commandLine().getErr().printf(Locale.ROOT, "strata: no course found in source[%s]%n",
                    courseSource.describe());
        }
        out.flush();
        boolean isClean = catalog.unreadable().isEmpty() && !catalog.courseKeys().isEmpty();
        return isClean ? 0 : StrataCommand.EXIT_FAILED;
    }
}
