package io.strata.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.fail;

/**
 * Finds the public Open edX course exports the tests read ({@code shared/data/olx} beside the
 * checkout, or the folder the system property {@code strata.shared.olx} names, as the build sets
 * it), and copies course folders that a test changes. A test fails, never skips, when they are absent.
 */
public final class SharedCourses {
    private SharedCourses() {
    }

    /** Returns the absolute folder holding the shared course exports; fails when it is absent. */
    public static Path folder() {
        var configured = System.getProperty("strata.shared.olx");
        var folder = configured != null ? Path.of(configured) : Path.of("../../shared/data/olx");
        if (!Files.isDirectory(folder)) {
            fail("Shared OLX exports not found at folder[" + folder.toAbsolutePath().normalize()
                    + "]; set system property strata.shared.olx or check out shared/data/olx beside the repository");
        }
        return folder.toAbsolutePath().normalize();
    }

    /** Returns the export folder of the shared course {@code name}; fails when it is absent. */
    public static Path course(String name) {
        var course = folder().resolve(name);
        if (!Files.isDirectory(course)) {
            fail("Shared course[" + name + "] not found in folder[" + folder() + "]");
        }
        return course;
    }

    /** Copies the folder {@code from}, with everything below it, to {@code to}; no file may be there yet. */
    public static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (var path : paths.toList()) {
                var target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(path, target);
                }
            }
        }
    }
}
