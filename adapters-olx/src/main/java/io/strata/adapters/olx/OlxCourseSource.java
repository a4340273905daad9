package io.strata.adapters.olx;

import io.strata.ports.BackendUnavailableException;
import io.strata.ports.CourseCatalog;
import io.strata.ports.CourseImportException;
import io.strata.ports.CourseSource;
import io.strata.ports.InputRejectedException;
import io.strata.ports.ItemNotFoundException;
import io.strata.ports.SourceCourse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/**
 * Reads Open edX OLX exports: one course folder (holding {@code course.xml}), a folder whose
 * direct subfolders are course folders, or a {@code .tar.gz}/{@code .tgz} Studio export of either.
 *
 * <p>Limits: a tarball is extracted once into a fresh folder under the configured extraction folder
 * and extracted again when its size or modification time changes; old extractions are not deleted.
 * Content libraries ({@code library.xml} without {@code course.xml}), {@code drafts/},
 * {@code about/}, {@code info/}, {@code tabs/} and {@code static/} are not read.
 */
public final class OlxCourseSource implements CourseSource {
    /*
     * Nothing is cached between calls except the tarball extraction: listing reads every
     * course.xml again (small files), and read() lists first to find the course's folder, so a
     * folder that changed on disk is seen on the next call. Thread-safe: the only shared state,
     * the extraction, is guarded by a lock.
     */
    private static final Logger log = LoggerFactory.getLogger(OlxCourseSource.class);
    private static final String COURSE_XML = "course.xml";
    private static final String LIBRARY_XML = "library.xml";

    private final OlxCourseSourceConfig config;
    private final Object extractionLock = new Object();
    private Extraction extraction;

    public OlxCourseSource(OlxCourseSourceConfig config) {
        this.config = requireNonNull(config, "config is null");
    }

    @Override
    public String describe() {
        return "olx[" + config.source() + "]";
    }

    @Override
    public CourseCatalog listCourses() {
        var listing = list();
        var keys = listing.courses().stream().map(CourseFolder::courseKey).sorted().collect(Collectors.toList());
        log.debug("Listed courses[{}] unreadable[{}] in source[{}]", keys.size(), listing.unreadable().size(),
                config.source());
        return new CourseCatalog(keys, listing.unreadable());
    }

    @Override
    public SourceCourse read(String courseKey) {
        requireNonNull(courseKey, "courseKey is null");
        var folder = list().courses().stream().filter(course -> course.courseKey().equals(courseKey)).findFirst()
                .orElseThrow(() -> new ItemNotFoundException(String.format(Locale.ROOT,
                        "Course[%s] not found in source[%s]; list the courses to see the keys it holds",
                        courseKey, config.source())));

        var course = new OlxCourseImport(new CourseFiles(folder.folder())).run();
        if (!course.courseKey().equals(courseKey)) {
            throw new ItemNotFoundException(String.format(Locale.ROOT,
                    "Course[%s] changed its key to [%s] while being read from folder[%s]; read it again",
                    courseKey, course.courseKey(), folder.folder()));
        }
        log.debug("Read course[{}] version[{}] blocks[{}] from folder[{}]", courseKey, course.version(),
                course.blocks().size(), folder.folder());
        return course;
    }

    private Listing list() {
        var root = contentRoot();
        if (Files.isRegularFile(root.resolve(COURSE_XML))) {
            return collect(List.of(root), root);
        }
        return collect(subfolders(root), root);
    }

    private Listing collect(List<Path> folders, Path root) {
        var byKey = new LinkedHashMap<String, CourseFolder>();
        var unreadable = new ArrayList<CourseImportException>();
        for (var folder : folders) {
            var name = relativeName(root, folder.resolve(COURSE_XML));
            try {
                var course = readCourseXml(folder, name);
                var first = byKey.putIfAbsent(course.key(), new CourseFolder(course.key(), folder));
                if (first != null) {
                    unreadable.add(duplicate(course.key(), name, relativeName(root, first.folder()),
                            relativeName(root, folder)));
                }
            } catch (CourseImportException e) {
                unreadable.add(e);
            }
        }
        return new Listing(List.copyOf(byKey.values()), unreadable);
    }

    private static CourseXml readCourseXml(Path folder, String name) {
        var prefix = name.substring(0, name.length() - COURSE_XML.length());
        var bytes = new CourseFiles(folder, prefix).read(COURSE_XML, null, 0);
        return CourseXml.of(new OlxXmlParser().parse(bytes, name), name);
    }

    private static CourseImportException duplicate(String key, String file, String firstFolder, String folder) {
        return new CourseImportException(file, 0, null, String.format(Locale.ROOT,
                "course key[%s] of folder[%s] is already used by folder[%s]; remove one of them or change its run",
                key, folder, firstFolder), null);
    }

    private static List<Path> subfolders(Path root) {
        var courses = new ArrayList<Path>();
        try (var children = Files.list(root)) {
            for (var child : children.sorted().collect(Collectors.toList())) {
                if (!Files.isDirectory(child)) {
                    continue;
                }
                if (Files.isRegularFile(child.resolve(COURSE_XML))) {
                    courses.add(child);
                } else if (Files.isRegularFile(child.resolve(LIBRARY_XML))) {
                    log.debug("Skipped content library in folder[{}]; libraries are not read yet", child);
                }
            }
        } catch (IOException e) {
            throw new BackendUnavailableException(String.format(Locale.ROOT,
                    "Cannot list folder[%s]; check that it exists and is readable", root), e);
        }
        return courses;
    }

    private Path contentRoot() {
        var source = config.source();
        if (Files.isDirectory(source)) {
            return source;
        }
        if (!Files.exists(source)) {
            throw new InputRejectedException(String.format(Locale.ROOT,
                    "Cannot read OLX source[%s]: it does not exist; check the path", source));
        }
        if (!TarballExtractor.isTarball(source)) {
            throw new CourseImportException(source.getFileName().toString(),
                    "the source is neither a folder nor a .tar.gz or .tgz export; point the source at one");
        }
        return exportRoot(extracted(source));
    }

    /** Returns the folder to list: the tarball's single top folder when it wraps everything. */
    private static Path exportRoot(Path extracted) {
        if (Files.isRegularFile(extracted.resolve(COURSE_XML))) {
            return extracted;
        }
        try (var children = Files.list(extracted)) {
            var all = children.collect(Collectors.toList());
            if (all.size() == 1 && Files.isDirectory(all.get(0))) {
                return all.get(0);
            }
            return extracted;
        } catch (IOException e) {
            throw new BackendUnavailableException(String.format(Locale.ROOT,
                    "Cannot list extraction folder[%s]; check the disk", extracted), e);
        }
    }

    private Path extracted(Path archive) {
        synchronized (extractionLock) {
            var stamp = Stamp.of(archive);
            if (extraction == null || !extraction.stamp().equals(stamp)) {
                var extractor = new TarballExtractor(config.maxArchiveBytes(), config.maxArchiveEntries());
                // TODO(#4): delete superseded extractions once no reader can still be inside them.
                extraction = new Extraction(extractor.extract(archive, config.extractionFolder()), stamp);
            }
            return extraction.folder();
        }
    }

    private static String relativeName(Path root, Path path) {
        var relative = root.relativize(path).toString().replace('\\', '/');
        return relative.isEmpty() ? "." : relative;
    }

    /** Is one course folder and the key its course.xml gives. */
    private record CourseFolder(String courseKey, Path folder) {
    }

    /** Is what one listing found. */
    private record Listing(List<CourseFolder> courses, List<CourseImportException> unreadable) {
    }

    /** Is one extraction of the tarball and the file state it was made from. */
    private record Extraction(Path folder, Stamp stamp) {
    }

    /** Tells two states of the tarball apart by size and modification time. */
    private record Stamp(long size, FileTime modified) {
        static Stamp of(Path archive) {
            try {
                return new Stamp(Files.size(archive), Files.getLastModifiedTime(archive));
            } catch (IOException e) {
                throw new BackendUnavailableException(String.format(Locale.ROOT,
                        "Cannot read archive[%s]; check that it exists and is readable", archive), e);
            }
        }
    }
}
