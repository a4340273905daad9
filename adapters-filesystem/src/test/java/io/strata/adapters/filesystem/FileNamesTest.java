package io.strata.adapters.filesystem;

import io.strata.ports.InputRejectedException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FileNamesTest {
    /** Is a course key of the length real catalogues reach, over the 255-byte name limit once encoded. */
    private static final String LONG_COURSE = "course-v1:UniversidadNacionalAutonomadeMexicoX"
            + "+Fundamentos_de_programacion_orientada_a_objetos_con_Java"
            + "_estructuras_de_datos_y_algoritmos_para_ingenieria_de_software"
            + "+2024_T3_self_paced_verified_track_professional_certificate_extension_for_university_partners_2025";

    @Test
    void toFilePath_safeSegments_keepTheirNames() {
        var path = "strata/structures/v1-0123abcd_~-c2.strb";

        assertThat(FileNames.toFilePath(path)).isEqualTo(path);
    }

    @Test
    void toFilePath_courseKeys_percentEncodeSpecialCharacters() {
        assertThat(FileNames.toFilePath("structures/course-v1:edX+toy+2012_Fall/current"))
                .isEqualTo("structures/course-v1%3AedX%2Btoy%2B2012_Fall/current");
        assertThat(FileNames.toFilePath("block-v1:A+B+C+type@html+block@intro"))
                .isEqualTo("block-v1%3AA%2BB%2BC%2Btype%40html%2Bblock%40intro");
        assertThat(FileNames.toFilePath("100%+é")).isEqualTo("100%25%2B%C3%A9");
    }

    @Test
    void toFilePath_longCourseKey_isSplitIntoNamesWithinTheLimit() {
        var path = "structures/" + LONG_COURSE + "/current";

        var names = FileNames.toFilePath(path).split("/");

        assertThat(LONG_COURSE.length()).isGreaterThan(250);
        assertThat(names).hasSizeGreaterThan(3).allMatch(name -> name.length() <= FileNames.MAX_NAME_LENGTH);
        assertThat(names[1]).startsWith("+course-v1%3AUniversidad");
        assertThat(names[names.length - 2]).startsWith("=");
        assertThat(FileNames.toStorePath(List.of(names))).contains(path);
    }

    @Test
    void toFilePath_encodedNameAtTheLimit_isNotSplit() {
        var atLimit = "a".repeat(FileNames.MAX_NAME_LENGTH);
        var overLimit = "a".repeat(FileNames.MAX_NAME_LENGTH + 1);

        assertThat(FileNames.toFilePath(atLimit)).isEqualTo(atLimit);
        assertThat(FileNames.toFilePath(overLimit).split("/")).hasSize(2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"course-v1:edX+toy+2012_Fall", "edX+toy+2012_Fall", "a b\tc", "%2F..%2F", "+x", "=x",
            "+", "=", "...", ".hidden", "~user", "100%", "%41", "a%2fb", "日本語+コース", "emoji-\uD83D\uDE00",
            "con", "aux.txt", "a*b?c<d>e|f\"g", "\u007f\u0001", "-rf"})
    void toStorePath_hostileSegment_mapsBackToTheSamePath(String segment) {
        var path = "prefix/" + segment + "/" + segment.repeat(40);

        var names = FileNames.toFilePath(path).split("/");

        assertThat(names).allMatch(name -> name.matches("[A-Za-z0-9._~%+=-]+") && !name.equals("..")
                && name.length() <= FileNames.MAX_NAME_LENGTH);
        assertThat(FileNames.toStorePath(List.of(names))).contains(path);
    }

    @Test
    void toFilePath_segmentsThatLookEncodedOrSplit_neverShareAFilePath() {
        var segments = List.of("A", "%41", "%2541", "a:b", "a%3Ab", "a%253Ab", "+a", "%2Ba", "=a", "a".repeat(300),
                "+" + "a".repeat(142), "a".repeat(142) + "/=a");

        var filePaths = new HashSet<String>();
        segments.forEach(segment -> filePaths.add(FileNames.toFilePath(segment)));

        assertThat(filePaths).hasSameSizeAs(segments);
    }

    @Test
    void toStorePath_namesThisMappingNeverWrites_areEmpty() {
        assertThat(FileNames.toStorePath(List.of("course-v1:edX+toy"))).isEmpty();
        assertThat(FileNames.toStorePath(List.of("%41"))).isEmpty();
        assertThat(FileNames.toStorePath(List.of("a%3ab"))).isEmpty();
        assertThat(FileNames.toStorePath(List.of("%C3"))).isEmpty();
        assertThat(FileNames.toStorePath(List.of("%4"))).isEmpty();
        assertThat(FileNames.toStorePath(List.of("=a"))).isEmpty();
        assertThat(FileNames.toStorePath(List.of("+a"))).isEmpty();
        assertThat(FileNames.toStorePath(List.of("+a", "b"))).isEmpty();
        assertThat(FileNames.toStorePath(List.of("+a", "=b"))).isEmpty();
        assertThat(FileNames.toStorePath(List.of("caf\u00e9"))).isEmpty();
    }

    @Test
    void toFilePath_unpairedSurrogate_throwsInputRejected() {
        assertThatThrownBy(() -> FileNames.toFilePath("a/b\uD800c"))
                .isInstanceOf(InputRejectedException.class).hasMessageContaining("not valid Unicode");
    }

    @Test
    void toFilePath_traversal_throwsInputRejected() {
        assertThatThrownBy(() -> FileNames.toFilePath("a/../b")).isInstanceOf(InputRejectedException.class);
    }

    @Test
    void toFilePath_everyByte_isEncodedReversibly() {
        var all = new StringBuilder();
        for (char c = 1; c < 0x800; c++) {
            if (c != '/' && c != '\\') {
                all.append(c);
            }
        }

        var names = FileNames.toFilePath(all.toString()).split("/");

        assertThat(Arrays.stream(names)).allMatch(name -> name.length() <= FileNames.MAX_NAME_LENGTH);
        assertThat(FileNames.toStorePath(List.of(names))).contains(all.toString());
    }
}
