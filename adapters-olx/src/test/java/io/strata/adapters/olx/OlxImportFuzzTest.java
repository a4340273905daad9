package io.strata.adapters.olx;

import io.strata.ports.CourseImportException;
import io.strata.ports.SourceCourse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;

import static io.strata.adapters.olx.OlxTestFiles.sharedCourse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/*
 * Mutates real exports and imports them, asserting only that each import ends, within a few
 * seconds, in a structure or a CourseImportException that names a file, and that nothing from
 * outside the course folder reaches the structure. Each round copies nothing: it changes one file
 * of a private copy, imports, and puts the file back.
 *
 * The loop runs for FUZZ_TIME (strata.fuzz.seconds, default 20) from a seed (strata.fuzz.seed,
 * default fixed, so CI runs are repeatable); a failure names the seed, the round, the file and the
 * mutation, which is enough to replay it.
 */
class OlxImportFuzzTest {
    private static final List<String> EXPORTS = List.of("edx-toy", "edx-xml-dag", "demo-content-library",
            "openedx-test-course", "demo-course", "dhis2-data-analysis", "dartmouthx-engx");
    private static final String CANARY = "CANARY-OUTSIDE-THE-COURSE";
    private static final Duration PER_IMPORT = Duration.ofSeconds(10);
    private static final List<String> SNIPPETS = List.of(
            "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:../../canary.xml\">]>",
            "<vertical url_name=\"../../canary\"/>",
            "<vertical url_name=\"..:..:canary\"/>",
            "<vertical url_name=\":canary\"/>",
            "<sequential filename=\"../../canary\" slug=\"x\"/>",
            "<html filename=\"../../../canary\"/>",
            "<html url_name=\"loop\"/>",
            "&#0;", "&amp;", "<![CDATA[", "]]>", "<!--", "\u0000", "\"", "'", "<", ">", "/>", "",
            "{\"chapter/../../x\": {}}", "\"start\": \"not a date\"", "due=\"2015-13-45\"",
            "group_access=\"{1: [\"", "max_count=\"many\"", "url_name=\"\"", "<course/>", "<library/>");

    @TempDir
    Path temp;

    @Test
    void import_mutatedSharedExports_givesAStructureOrAClearImportError() throws IOException {
        var seed = Long.getLong("strata.fuzz.seed", 20_260_412L);
        var deadline = System.nanoTime() + Duration.ofSeconds(Long.getLong("strata.fuzz.seconds", 20)).toNanos();
        var random = new Random(seed);
        var copies = copies();
        Files.writeString(temp.resolve("canary.xml"), "<vertical display_name=\"" + CANARY + "\"/>");

        int rounds = 0;
        int structures = 0;
        while (System.nanoTime() < deadline) {
            var folder = copies.get(random.nextInt(copies.size()));
            var files = filesOf(folder);
            var file = files.get(random.nextInt(files.size()));
            var original = Files.readAllBytes(file);
            var mutation = mutate(original, random);
            Files.write(file, mutation.bytes());
            var round = String.format(java.util.Locale.ROOT, "seed[%d] round[%d] file[%s] mutation[%s]", seed,
                    rounds, temp.relativize(file), mutation.description());
            try {
                structures += importOnce(folder, round) ? 1 : 0;
            } finally {
                Files.write(file, original);
            }
            rounds++;
        }

        assertThat(rounds).as("fuzz rounds").isPositive();
        assertThat(structures).as("rounds that still gave a structure, of %d", rounds).isPositive();
    }

    /** Returns whether the import gave a structure; fails on any other outcome than an import error. */
    private static boolean importOnce(Path folder, String round) {
        var kind = Files.exists(folder.resolve("library.xml")) ? CourseXml.Kind.LIBRARY : CourseXml.Kind.COURSE;
        try {
            SourceCourse course = assertTimeoutPreemptively(PER_IMPORT,
                    () -> new OlxCourseImport(new CourseFiles(folder), kind).run(), round);
            assertThat(course.blocks().toString()).as(round).doesNotContain(CANARY);
            return true;
        } catch (CourseImportException e) {
            assertThat(e.getFile()).as(round).isNotBlank();
            assertThat(e.getMessage()).as(round).startsWith("Cannot import file[").doesNotContain(CANARY);
            return false;
        } catch (RuntimeException | StackOverflowError e) {
            return fail(round + " ended in " + e, e);
        }
    }

    private record Mutation(byte[] bytes, String description) {
    }

    private static Mutation mutate(byte[] original, Random random) {
        var text = new String(original, StandardCharsets.UTF_8);
        int at = text.isEmpty() ? 0 : random.nextInt(text.length());
        return switch (random.nextInt(6)) {
            case 0 -> {
                var snippet = SNIPPETS.get(random.nextInt(SNIPPETS.size()));
                yield new Mutation(utf8(text.substring(0, at) + snippet + text.substring(at)),
                        "insert " + printable(snippet) + " at " + at);
            }
            case 1 -> {
                int end = Math.min(text.length(), at + 1 + random.nextInt(40));
                yield new Mutation(utf8(text.substring(0, at) + text.substring(end)), "delete " + at + ".." + end);
            }
            case 2 -> {
                var bytes = original.clone();
                int index = bytes.length == 0 ? 0 : random.nextInt(bytes.length);
                if (bytes.length > 0) {
                    bytes[index] = (byte) random.nextInt(256);
                }
                yield new Mutation(bytes, "byte " + index);
            }
            case 3 -> new Mutation(utf8(text.substring(0, at)), "truncate at " + at);
            case 4 -> {
                int end = Math.min(text.length(), at + 1 + random.nextInt(200));
                var copy = text.substring(at, end);
                yield new Mutation(utf8(text.substring(0, end) + copy + text.substring(end)),
                        "duplicate " + at + ".." + end);
            }
            default -> {
                var replaced = text.replaceFirst("url_name=\"[^\"]*\"", "url_name=\"" + randomName(random) + "\"");
                yield new Mutation(utf8(replaced), "rename first url_name");
            }
        };
    }

    private static String randomName(Random random) {
        var names = List.of("course", "loop", "..", "a:b:c", "x/y", "", " ", "Überschrift", "2012_Fall",
                "DemoCourse", "vertical_test", "Overview");
        return names.get(random.nextInt(names.size()));
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String printable(String text) {
        return text.replace("\u0000", "\\0");
    }

    private List<Path> copies() {
        var copies = new ArrayList<Path>();
        for (var name : EXPORTS) {
            var copy = temp.resolve("exports").resolve(name);
            OlxTestFiles.copyTree(sharedCourse(name), copy);
            copies.add(copy);
        }
        return copies;
    }

    private static List<Path> filesOf(Path folder) throws IOException {
        try (var paths = Files.walk(folder)) {
            return paths.filter(Files::isRegularFile).filter(path -> !path.toString().endsWith("assets.json"))
                    .sorted().collect(Collectors.toList());
        }
    }
}
