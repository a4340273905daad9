package io.strata.testkit;

import io.strata.ports.CourseSource;
import io.strata.ports.ItemNotFoundException;
import io.strata.ports.SourceBlock;
import io.strata.ports.SourceBlockId;
import io.strata.ports.SourceCourse;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Holds the behaviour every {@link CourseSource} must show. An adapter's test extends it, returns
 * a source that holds one known course from {@link #createSource()}, and names that course and
 * its size.
 */
public abstract class CourseSourceContractTest {
    /** Is a course key that no test source holds. */
    protected static final String UNKNOWN_COURSE_KEY = "course-v1:StrataContract+Unknown+Never";

    /** Is a library key that no test source holds. */
    protected static final String UNKNOWN_LIBRARY_KEY = "library-v1:StrataContract+Unknown";

    private CourseSource source;

    /** Returns a source that holds the course named by {@link #knownCourseKey()}; called once per test. */
    protected abstract CourseSource createSource();

    /** Returns the key of a course the source holds. */
    protected abstract String knownCourseKey();

    /** Returns how many distinct blocks the known course has, the root included. */
    protected abstract int expectedBlockCount();

    /** Returns the source under test, creating it on first use. */
    protected final CourseSource source() {
        if (source == null) {
            source = createSource();
        }
        return source;
    }

    @Test
    void describe_always_isNotBlank() {
        assertThat(source().describe()).isNotBlank();
    }

    @Test
    void listCourses_always_containsKnownCourseOnceAndSorted() {
        var keys = source().listCourses().courseKeys();

        assertThat(keys).containsOnlyOnce(knownCourseKey()).isSorted();
    }

    @Test
    void read_knownCourse_returnsItsKeyAndBlockCount() {
        var course = source().read(knownCourseKey());

        assertThat(course.courseKey()).isEqualTo(knownCourseKey());
        assertThat(course.blocks()).hasSize(expectedBlockCount());
    }

    @Test
    void read_twice_returnsEqualCoursesWithSameVersion() {
        var first = source().read(knownCourseKey());

        var second = source().read(knownCourseKey());

        assertThat(second.version()).isEqualTo(first.version());
        assertThat(second).isEqualTo(first);
    }

    @Test
    void read_unknownKey_throwsItemNotFound() {
        assertThatThrownBy(() -> source().read(UNKNOWN_COURSE_KEY)).isInstanceOf(ItemNotFoundException.class);
    }

    @Test
    void listLibraries_always_isSortedAndNamesNoCourse() {
        var libraries = source().listLibraries().courseKeys();

        assertThat(libraries).isSorted().doesNotContain(knownCourseKey())
                .doesNotContainAnyElementsOf(source().listCourses().courseKeys());
    }

    @Test
    void readLibrary_unknownKey_throwsItemNotFound() {
        assertThatThrownBy(() -> source().readLibrary(UNKNOWN_LIBRARY_KEY)).isInstanceOf(ItemNotFoundException.class);
    }

    @Test
    void read_knownCourse_listsRootFirstAndEachBlockOnce() {
        var course = source().read(knownCourseKey());

        assertThat(course.blocks()).isNotEmpty();
        assertThat(course.blocks().get(0).id()).isEqualTo(course.root());
        assertThat(course.blocks()).extracting(SourceBlock::id).doesNotHaveDuplicates();
    }

    @Test
    void read_knownCourse_namesOnlyListedBlocksAsChildren() {
        var course = source().read(knownCourseKey());

        assertThat(childIds(course)).isSubsetOf(blockIds(course));
    }

    @Test
    void read_knownCourse_namesEveryOtherBlockAsSomeChild() {
        var course = source().read(knownCourseKey());

        var reachable = new HashSet<SourceBlockId>(childIds(course));
        reachable.add(course.root());

        assertThat(reachable).containsExactlyInAnyOrderElementsOf(blockIds(course));
    }

    private static Set<SourceBlockId> blockIds(SourceCourse course) {
        return course.blocks().stream().map(SourceBlock::id).collect(Collectors.toSet());
    }

    private static Set<SourceBlockId> childIds(SourceCourse course) {
        return course.blocks().stream().flatMap(block -> block.children().stream()).collect(Collectors.toSet());
    }
}
