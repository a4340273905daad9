package io.strata.domain.store;

import io.strata.domain.key.CourseKey;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DurableLayoutTest {
    private static final CourseKey COURSE = CourseKey.parse("course-v1:edX+DemoX+2024");
    private static final StructureAddress ADDRESS = new StructureAddress(COURSE, "abc123", "3f2a", 1);

    @Test
    void payloadPath_emptyPrefix_startsWithCourseFolder() {
        var layout = new DurableLayout("");

        assertThat(layout.payloadPath(ADDRESS)).isEqualTo("course-v1:edX+DemoX+2024/abc123-3f2a-c1.strb");
        assertThat(layout.pointerPath(COURSE)).isEqualTo("course-v1:edX+DemoX+2024/current");
    }

    @Test
    void new_directoryPrefixWithLeadingAndTrailingSlash_givesRelativePathsWithoutDoubleSlash() {
        var layout = new DurableLayout("/directory-name/");

        assertThat(layout.prefix()).isEqualTo("directory-name");
        assertThat(layout.pointerPath(COURSE)).isEqualTo("directory-name/course-v1:edX+DemoX+2024/current");
    }

    @Test
    void new_prefixWithExtraSlashes_normalizesThem() {
        var layout = new DurableLayout("/strata//structures/");

        assertThat(layout.prefix()).isEqualTo("strata/structures");
        assertThat(layout.pointerPath(COURSE)).isEqualTo("strata/structures/course-v1:edX+DemoX+2024/current");
    }

    @Test
    void courseFolder_oldFormKey_isOneSegment() {
        var layout = new DurableLayout("p");

        assertThat(layout.courseFolder(CourseKey.parse("edX/Demo/2012"))).isEqualTo("p/edX+Demo+2012");
    }

    @Test
    void courseFolder_oldFormKeyOfDotParts_staysInsideThePrefix() {
        var layout = new DurableLayout("p");

        assertThat(layout.courseFolder(CourseKey.parse("../../etc"))).isEqualTo("p/..+..+etc");
    }

    @Test
    void new_prefixWithDotDot_throwsIllegalArgument() {
        assertThatThrownBy(() -> new DurableLayout("a/../b"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("prefix[a/../b]");
    }
}
