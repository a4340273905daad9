package io.strata.ports;

import java.util.List;
import java.util.Locale;

/**
 * Reads course content: where the block structure is collected from.
 *
 * <p>Implementations are thread-safe. Reading the same unchanged content twice gives equal
 * courses with the same version.
 *
 * <p>A source may also hold content libraries ({@code library-v1:ORG+LIB}), which are listed and
 * read apart from courses ({@link #listLibraries()}, {@link #readLibrary(String)}) because they are
 * not course runs: {@link #listCourses()} never names one. A source without libraries keeps the
 * default methods, which hold none.
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

    /**
     * Returns the keys of every content library this source holds, such as
     * {@code library-v1:OpenedX+DemoRespiratoryQuestions}, and an error for each place that looks
     * like a library but whose key cannot be read. Listing does not read whole libraries. The
     * default holds no library.
     *
     * @throws BackendUnavailableException when the source cannot be read at all
     */
    default CourseCatalog listLibraries() {
        return new CourseCatalog(List.of(), List.of());
    }

    /**
     * Reads one content library as a structure: {@link SourceCourse#courseKey()} is the library
     * key, the root is the {@code library} block and its children are the library's blocks. The
     * default holds no library and always throws {@link ItemNotFoundException}.
     *
     * @param libraryKey a key listed by {@link #listLibraries()}
     * @return the library, never null
     * @throws ItemNotFoundException when the source holds no library with that key
     * @throws CourseImportException when the library's content is malformed or hostile
     * @throws BackendUnavailableException when the source cannot be read
     */
    default SourceCourse readLibrary(String libraryKey) {
        throw new ItemNotFoundException(String.format(Locale.ROOT,
                "Library[%s] not found: source[%s] holds no libraries", libraryKey, describe()));
    }
}
