package io.strata.ports;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DurablePathsTest {
    @Test
    void check_relativePathWithKeyCharacters_isAccepted() {
        assertThatCode(() -> DurablePaths.check("prefix/course-v1:Org+Num+Run/v1-abc-c2.strb"))
                .doesNotThrowAnyException();
    }

    @Test
    void check_pathsBreakingARule_areRejectedNamingTheRule() {
        assertThatThrownBy(() -> DurablePaths.check("a//b")).isInstanceOf(InputRejectedException.class)
                .hasMessageContaining("path[a//b]").hasMessageContaining("empty");
        assertThatThrownBy(() -> DurablePaths.check("/abs")).hasMessageContaining("empty");
        assertThatThrownBy(() -> DurablePaths.check("a/../b")).hasMessageContaining("'..'");
        assertThatThrownBy(() -> DurablePaths.check("a/./b")).hasMessageContaining("'.'");
        assertThatThrownBy(() -> DurablePaths.check("a\\b")).hasMessageContaining("backslash");
        assertThatThrownBy(() -> DurablePaths.check("a\u0000b")).hasMessageContaining("NUL")
                .hasMessageContaining("a\\u0000b");
        assertThatThrownBy(() -> DurablePaths.check("")).hasMessageContaining("empty");
    }

    @Test
    void printable_controlCharacters_areEscaped() {
        assertThat(DurablePaths.printable("a\tb\n")).isEqualTo("a\\u0009b\\u000a");
    }
}
