package io.strata.ports;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * Lists what a course source holds: the keys of the courses it can read, and the places that look
 * like courses but whose key could not be read (for example a malformed {@code course.xml}).
 *
 * @param courseKeys the readable course keys, sorted, each once
 * @param unreadable one error per place whose course key could not be read, each naming the file
 */
public record CourseCatalog(List<String> courseKeys, List<CourseImportException> unreadable) {
    public CourseCatalog {
        courseKeys = List.copyOf(requireNonNull(courseKeys, "courseKeys is null"));
        unreadable = List.copyOf(requireNonNull(unreadable, "unreadable is null"));
    }
}
