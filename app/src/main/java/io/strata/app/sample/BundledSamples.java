package io.strata.app.sample;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Copies the sample course and sample learners that ship inside the jar to a temporary folder, so
 * that the embedded defaults work with no files of the user's. The folder is deleted when the
 * process exits.
 *
 * <p>The course lives under {@code io/strata/app/sample-course/}; {@code sample-course.index}
 * lists its files, because a folder inside a jar cannot be listed portably.
 */
public final class BundledSamples {
    private static final Logger log = LoggerFactory.getLogger(BundledSamples.class);
    private static final String BASE = "/io/strata/app/";

    private BundledSamples() {
    }

    /** Returns a fresh copy of the bundled sample course folder (the one holding {@code course.xml}). */
    public static Path extractSampleCourse() {
        var target = temporaryFolder("strata-sample-course").resolve("sample-course");
        for (var file : sampleCourseFiles()) {
            copyResource(BASE + "sample-course/" + file, target.resolve(file));
        }
        return target;
    }

    /** Returns a fresh copy of the bundled sample learners file. */
    public static Path extractSampleLearners() {
        var target = temporaryFolder("strata-sample-learners").resolve("sample-learners.yaml");
        copyResource(BASE + "sample-learners.yaml", target);
        return target;
    }

    /** Returns the relative paths of every file of the bundled sample course, sorted. */
    public static List<String> sampleCourseFiles() {
        try (var in = open(BASE + "sample-course.index")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .map(String::strip).filter(line -> !line.isEmpty()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the bundled sample course index", e);
        }
    }

    private static void copyResource(String resource, Path target) {
        try (var in = open(resource)) {
            Files.createDirectories(target.getParent());
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(String.format(Locale.ROOT,
                    "Cannot copy bundled resource[%s] to file[%s]", resource, target), e);
        }
    }

    private static InputStream open(String resource) throws IOException {
        var in = BundledSamples.class.getResourceAsStream(resource);
        if (in == null) {
            throw new IOException("Bundled resource[" + resource + "] is missing from the jar");
        }
        return in;
    }

    private static Path temporaryFolder(String prefix) {
        try {
            var folder = Files.createTempDirectory(prefix);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(folder), "delete-" + prefix));
            return folder;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a temporary folder for the bundled samples", e);
        }
    }

    private static void deleteTree(Path folder) {
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            log.warn("Cannot delete temporary folder[{}]; delete it by hand", folder, e);
        }
    }
}
