package io.strata.testkit;

import io.strata.ports.CourseSource;
import io.strata.ports.ItemNotFoundException;
import io.strata.ports.SourceBlock;
import io.strata.ports.SourceBlockId;
import io.strata.ports.SourceCourse;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InMemoryCourseSourceTest extends CourseSourceContractTest {
    private static final String COURSE_KEY = "course-v1:Org+Num+Run";

    @Override
    protected CourseSource createSource() {
        var source = new InMemoryCourseSource();
        source.putCourse(course(COURSE_KEY, "v1"));
        source.putCourse(course("course-v1:Org+Another+Run", "v7"));
        return source;
    }

    @Override
    protected String knownCourseKey() {
        return COURSE_KEY;
    }

    @Override
    protected int expectedBlockCount() {
        return 5;
    }

    @Test
    void read_afterRemove_throwsItemNotFound() {
        var source = new InMemoryCourseSource();
        source.putCourse(course(COURSE_KEY, "v1"));

        source.removeCourse(COURSE_KEY);

        assertThatThrownBy(() -> source.read(COURSE_KEY))
                .isInstanceOf(ItemNotFoundException.class)
                .hasMessageContaining("course[" + COURSE_KEY + "]");
    }

    @Test
    void read_afterReplace_returnsNewVersion() {
        var source = new InMemoryCourseSource();
        source.putCourse(course(COURSE_KEY, "v1"));

        source.putCourse(course(COURSE_KEY, "v2"));

        assertThat(source.read(COURSE_KEY).version()).isEqualTo("v2");
    }

    // A course whose html block has two parents, so the blocks form a DAG.
    private static SourceCourse course(String courseKey, String version) {
        var root = new SourceBlockId("course", "course");
        var chapter = new SourceBlockId("chapter", "week1");
        var sequential = new SourceBlockId("sequential", "lesson1");
        var vertical = new SourceBlockId("vertical", "unit1");
        var html = new SourceBlockId("html", "intro");
        return new SourceCourse(courseKey, version, root, List.of(
                new SourceBlock(root, Map.of("display_name", "Course"), List.of(chapter)),
                new SourceBlock(chapter, Map.of(), List.of(sequential)),
                new SourceBlock(sequential, Map.of("graded", Boolean.TRUE), List.of(vertical, html)),
                new SourceBlock(vertical, Map.of(), List.of(html)),
                new SourceBlock(html, Map.of("weight", 1.5), List.of())));
    }
}
