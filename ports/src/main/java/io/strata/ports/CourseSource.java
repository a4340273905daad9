package io.strata.ports;

/**
 * Reads course content: where the block structure is collected from.
 *
 * <p>Implementations are thread-safe. Reading the same unchanged content twice gives equal
 * courses with the same version.
 */
public interface CourseSource {
    /** Returns what this source reads, for logs, such as {@code olx[/data/courses]}. */
    String describe();

    /**
     * Returns the keys of every course this source holds, and an error for each place that looks
     * like a course but whose key cannot be read. Listing does not read whole courses.
     *
     * @throws BackendUnavailableException when the source cannot be read at all
     */
    CourseCatalog listCourses();

    /**
     * Reads one course.
     *
     * @param courseKey a key listed by {@link #listCourses()}
     * @return the course, never null
     * @throws ItemNotFoundException when the source holds no course with that key
     * @throws CourseImportException when the course's content is malformed or hostile; the message
     *     names the file and, where known, the line and attribute
     * @throws BackendUnavailableException when the source cannot be read
     */
    SourceCourse read(String courseKey);
}
