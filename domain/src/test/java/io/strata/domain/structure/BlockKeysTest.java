package io.strata.domain.structure;

import io.strata.domain.key.CourseKey;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BlockKeysTest {
    private static final CourseKey COURSE = CourseKey.parse("course-v1:StrataX+A1+2026");
    private static final String NAME_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.~:-";

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8, 9, 31, 32, 33, 67})
    void of_idOfAnyLength_keepsItsStringHashCode(int length) {
        var id = new StringBuilder();
        for (int i = 0; i < length; i++) {
            id.append(NAME_CHARS.charAt((i * 7 + length) % NAME_CHARS.length()));
        }

        var keys = BlockKeys.of(new CourseKey[] {COURSE}, new int[1], new String[] {"html"},
                new String[] {id.toString()});

        assertThat(keys.idHash(0)).isEqualTo(id.toString().hashCode());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 4, 7, 8, 9})
    void of_idWithOneInvalidCharAtAnyPosition_throwsNamingBlock(int position) {
        var id = new StringBuilder("abcdefghij");
        id.setCharAt(position, '+');

        assertThatThrownBy(() -> BlockKeys.of(new CourseKey[] {COURSE}, new int[1], new String[] {"html"},
                new String[] {id.toString()}))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("Block[0] has an invalid id[" + id + "]");
    }

    @ParameterizedTest
    @ValueSource(chars = {'é', 'Ā', '\u0080', '\uFFFF'})
    void of_idWithCharBeyondAscii_throwsNamingBlock(char beyond) {
        var id = "abcd" + beyond + "fgh";

        assertThatThrownBy(() -> BlockKeys.of(new CourseKey[] {COURSE}, new int[1], new String[] {"html"},
                new String[] {id}))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("Block[0] has an invalid id[" + id + "]");
    }
}
