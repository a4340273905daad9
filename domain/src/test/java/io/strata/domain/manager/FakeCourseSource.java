package io.strata.domain.manager;

import io.strata.ports.CourseCatalog;
import io.strata.ports.CourseSource;
import io.strata.ports.ItemNotFoundException;
import io.strata.ports.SourceBlock;
import io.strata.ports.SourceBlockId;
import io.strata.ports.SourceCourse;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Is a course source held in a map; it counts reads and can be told to fail. */
final class FakeCourseSource implements CourseSource {
    private final Map<String, SourceCourse> courses = new ConcurrentHashMap<>();
    private final Map<String, RuntimeException> failures = new ConcurrentHashMap<>();
    private final AtomicInteger reads = new AtomicInteger();

    /** Holds a course → chapter → sequential → two verticals course at the given version. */
    void put(String courseKey, String version) {
        var root = new SourceBlockId("course", "course");
        var chapter = new SourceBlockId("chapter", "week1");
        var sequential = new SourceBlockId("sequential", "lesson1");
        var first = new SourceBlockId("vertical", "unit1");
        var second = new SourceBlockId("vertical", "unit2");
        courses.put(courseKey, new SourceCourse(courseKey, version, root, List.of(
                new SourceBlock(root, Map.of("display_name", "Course " + version), List.of(chapter)),
                new SourceBlock(chapter, Map.of("display_name", "Week 1"), List.of(sequential)),
                new SourceBlock(sequential, Map.of("graded", true), List.of(first, second)),
                new SourceBlock(first, Map.of(), List.of()),
                new SourceBlock(second, Map.of("weight", 2L), List.of()))));
    }

    void failWith(String courseKey, RuntimeException failure) {
        failures.put(courseKey, failure);
    }

    int reads() {
        return reads.get();
    }

    @Override
    public String describe() {
        return "fake";
    }

    @Override
    public CourseCatalog listCourses() {
        return new CourseCatalog(courses.keySet().stream().sorted().toList(), List.of());
    }

    @Override
    public SourceCourse read(String courseKey) {
        reads.incrementAndGet();
        var failure = failures.get(courseKey);
        if (failure != null) {
            throw failure;
        }
        var course = courses.get(courseKey);
        if (course == null) {
            throw new ItemNotFoundException("No course[" + courseKey + "] in the fake source");
        }
        return course;
    }
}
