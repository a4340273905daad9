package io.strata.app.cli;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks what a user reads when a command line is wrong or names something that is not there:
 * one line saying what, without the whole usage text, values echoed with control characters
 * escaped, and no temporary folder of the bundled samples.
 */
class CommandLineErrorsTest {
    private static final String SAMPLE = "course-v1:StrataX+SAMPLE101+2026";

    @TempDir
    Path temp;

    private List<String> common;

    @BeforeEach
    void storeUnderTheTemporaryFolder() {
        common = List.of("--set", "durable.filesystem.folder=" + temp.resolve("store"));
    }

    @Test
    void courseBlocks_malformedOption_printsTheErrorAndAHintInsteadOfTheUsage() {
        var run = CliRun.run(common, "course-blocks", "--course", SAMPLE, "--username", "staff", "--depth", "-3");

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err().lines()).containsExactly(
                "strata: Invalid --depth[-3]: use a number of levels (0 or more) or all",
                "strata: see 'strata help course-blocks' for the options");
    }

    @Test
    void courseBlocks_unknownOptionAndNoRequiredOne_reportsTheUnknownOption() {
        var run = CliRun.run(common, "course-blocks", "--bogus");

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains("Unknown option: '--bogus'").doesNotContain("Missing required", "Usage:");
    }

    @Test
    void unknownCommand_pointsToTheTopLevelHelp() {
        var run = CliRun.run(common, "course-blokcs");

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains("course-blokcs", "see 'strata help' for the options")
                .doesNotContain("Usage:");
    }

    @Test
    void courseBlocks_usernameWithNewlineAndEscape_isEchoedEscapedOnOneLine() {
        var run = CliRun.run(common, "course-blocks", "--course", SAMPLE, "--username", "eve\nstrata: ok\u001b[2J");

        assertThat(run.status()).isEqualTo(1);
        assertThat(run.err().lines()).singleElement().asString()
                .startsWith("strata: User[eve\\u000astrata: ok\\u001b[2J] is not in");
    }

    @Test
    void courseBlocks_optionValueWithNewline_isEchoedEscapedOnOneLine() {
        var run = CliRun.run(common, "course-blocks", "--course", SAMPLE, "--username", "staff",
                "--as-of", "soon\nstrata: fine");

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err().lines()).hasSize(2).first().asString().contains("--as-of[soon\\u000astrata: fine]");
    }

    @Test
    void courseBlocks_courseNotInTheBundledSample_namesTheBundledSampleNotItsTemporaryFolder() {
        var run = CliRun.run(common, "course-blocks", "--course", "course-v1:No+Such+Course", "--all-blocks");

        assertThat(run.status()).isEqualTo(1);
        assertThat(run.err()).contains("Course[course-v1:No+Such+Course] not found in the bundled sample course"
                + " (set course.source to use your own)").doesNotContain("strata-sample-course");
    }

    @Test
    void generate_courseNotInTheBundledSample_namesTheBundledSampleNotItsTemporaryFolder() {
        var run = CliRun.run(common, "generate-course-blocks", "--courses", "course-v1:No+Such+Course");

        assertThat(run.status()).isEqualTo(1);
        assertThat(run.out()).contains("not found in the bundled sample course").doesNotContain("strata-sample-course");
    }
}
