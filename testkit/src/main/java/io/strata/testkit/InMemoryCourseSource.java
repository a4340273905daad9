package io.strata.testkit;

import io.strata.ports.CourseCatalog;
import io.strata.ports.CourseSource;
import io.strata.ports.ItemNotFoundException;
import io.strata.ports.SourceCourse;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

import static java.util.Objects.requireNonNull;

/**
 * Is a {@link CourseSource} over courses built in memory, for tests. Publishing a changed course
 * is {@link #putCourse} with a new version.
 */
public final class InMemoryCourseSource implements CourseSource {
    private final Map<String, SourceCourse> courses = new ConcurrentSkipListMap<>();

    /** Adds the course, or replaces the course with the same key. */
    public void putCourse(SourceCourse course) {
        requireNonNull(course, "course is null");
        courses.put(course.courseKey(), course);
    }

    /** Removes the course with the key; removing an absent course is not an error. */
    public void removeCourse(String courseKey) {
        requireNonNull(courseKey, "courseKey is null");
        courses.remove(courseKey);
    }

    @Override
    public String describe() {
        return "in-memory";
    }

    @Override
    public CourseCatalog listCourses() {
        return new CourseCatalog(List.copyOf(courses.keySet()), List.of());
    }

    @Override
    public SourceCourse read(String courseKey) {
        requireNonNull(courseKey, "courseKey is null");

        var course = courses.get(courseKey);
        if (course == null) {
            throw new ItemNotFoundException(String.format(Locale.ROOT,
                    "Cannot read course[%s] from source[%s]: no such course; list the courses first",
                    courseKey, describe()));
        }
        return course;
    }
}
