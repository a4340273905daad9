package io.strata.domain.store;

import io.strata.domain.key.CourseKey;

import org.junit.jupiter.api.Test;

import java.util.HashSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StructureAddressTest {
    private static final CourseKey COURSE = CourseKey.parse("course-v1:edX+DemoX+2024");

    @Test
    void cacheKey_anyAddress_isPrintableAsciiWithinLimit() {
        var longCourse = CourseKey.of("o".repeat(200), "n".repeat(200), "r".repeat(200));
        var address = new StructureAddress(longCourse, "é version with spaces", "hash", 1);

        var key = address.cacheKey();

        assertThat(key.length()).isLessThanOrEqualTo(250);
        assertThat(key.chars()).allMatch(c -> c > ' ' && c <= '~');
        assertThat(StructureAddress.pointerCacheKey(longCourse).length()).isLessThanOrEqualTo(250);
    }

    @Test
    void cacheKey_addressesDifferingInOneField_differ() {
        var keys = new HashSet<String>();

        keys.add(new StructureAddress(COURSE, "abc", "h1", 1).cacheKey());
        keys.add(new StructureAddress(COURSE, "abd", "h1", 1).cacheKey());
        keys.add(new StructureAddress(COURSE, "abc", "h2", 1).cacheKey());
        keys.add(new StructureAddress(COURSE, "abc", "h1", 2).cacheKey());
        keys.add(new StructureAddress(CourseKey.parse("course-v1:edX+DemoX+2025"), "abc", "h1", 1).cacheKey());
        keys.add(new StructureAddress(COURSE, "ab", "ch1", 1).cacheKey());

        assertThat(keys).hasSize(6);
    }

    @Test
    void cacheKey_longCoursesSharingAPrefix_differ() {
        var first = CourseKey.of("o".repeat(200), "n", "1");
        var second = CourseKey.of("o".repeat(200), "n", "2");

        var firstKey = new StructureAddress(first, "v", "h", 1).cacheKey();
        var secondKey = new StructureAddress(second, "v", "h", 1).cacheKey();

        assertThat(firstKey).isNotEqualTo(secondKey);
        assertThat(StructureAddress.pointerCacheKey(first)).isNotEqualTo(StructureAddress.pointerCacheKey(second));
    }

    @Test
    void versionName_plainValues_keepsThem() {
        var address = new StructureAddress(COURSE, "0123456789abcdef0123", "3f2a9c1b", 1);

        assertThat(address.versionName()).isEqualTo("0123456789abcdef0123-3f2a9c1b-c1");
    }

    @Test
    void versionName_valuesUnfitForFileNames_hashesThem() {
        var address = new StructureAddress(COURSE, "../etc/passwd", "a".repeat(65), 1);

        var name = address.versionName();

        assertThat(name).matches("h[0-9a-f]{64}-h[0-9a-f]{64}-c1");
    }

    @Test
    void new_controlCharacterInVersion_throwsIllegalArgument() {
        assertThatThrownBy(() -> new StructureAddress(COURSE, "v\n1", "h", 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("courseVersion");
    }

    @Test
    void new_codecVersionZero_throwsIllegalArgument() {
        assertThatThrownBy(() -> new StructureAddress(COURSE, "v", "h", 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("codecVersion[0]");
    }
}
