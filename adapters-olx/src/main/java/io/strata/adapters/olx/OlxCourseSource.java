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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/**
 * Reads Open edX OLX exports: one course or library folder (holding {@code course.xml} or
 * {@code library.xml}), a folder whose direct subfolders are such exports, or a
 * {@code .tar.gz}/{@code .tgz} Studio export of either.
 *
 * <p>Limits: a tarball is extracted into a subfolder of the configured extraction folder named
 * after the archive's path and a digest of its content, reused while the archive is unchanged
 * (also by a later process). When the archive changes, the new content is extracted and the
 * extractions of its earlier content are deleted once no read of this source is inside them; a
 * second process reading an older copy of the same archive path at the same moment may see its
 * extraction deleted and fail that one read. {@code drafts/}, {@code about/}, {@code info/},
 * {@code tabs/} and {@code static/} are not read.
 */
public final class OlxCourseSource implements CourseSource {
    /*
     * Nothing is cached between calls except the tarball extraction: listing reads every root
     * file again (small files), and read() lists first to find the course's folder, so a folder
     * that changed on disk is seen on the next call. Thread-safe: the extraction is shared state,
     * kept by ArchiveExtractions.
     */
    private static final Logger log = LoggerFactory.getLogger(OlxCourseSource.class);

    private final OlxCourseSourceConfig config;
    private final ArchiveExtractions extractions;

    public OlxCourseSource(OlxCourseSourceConfig config) {
        this.config = requireNonNull(config, "config is null");
        this.extractions = new ArchiveExtractions(config);
    }

    @Override
    public String describe() {
        return "olx[" + config.source() + "]";
    }

    @Override
    public CourseCatalog listCourses() {
        return withContent(root -> {
            var listing = list(root);
            return catalog(listing.courses(), listing.unreadableCourses(), "courses");
        });
    }

    @Override
    public CourseCatalog listLibraries() {
        return withContent(root -> {
            var listing = list(root);
            return catalog(listing.libraries(), listing.unreadableLibraries(), "libraries");
        });
    }

    @Override
    public SourceCourse read(String courseKey) {
        requireNonNull(courseKey, "courseKey is null");
        return withContent(root -> read(list(root).courses(), courseKey, CourseXml.Kind.COURSE));
    }

    @Override
    public SourceCourse readLibrary(String libraryKey) {
        requireNonNull(libraryKey, "libraryKey is null");
        return withContent(root -> read(list(root).libraries(), libraryKey, CourseXml.Kind.LIBRARY));
    }

    private <T> T withContent(Function<Path, T> work) {
        var source = config.source();
        if (Files.isDirectory(source)) {
            return work.apply(source);
        }
        if (!Files.exists(source)) {
            throw new InputRejectedException(String.format(Locale.ROOT,
                    "Cannot read OLX source[%s]: it does not exist; check the path", source));
        }
        if (!TarballExtractor.isTarball(source)) {
            throw new CourseImportException(source.getFileName().toString(),
                    "the source is neither a folder nor a .tar.gz or .tgz export; point the source at one");
        }
        return extractions.withExtraction(source, extracted -> work.apply(exportRoot(extracted)));
    }

    private CourseCatalog catalog(Map<String, ExportFolder> exports, List<CourseImportException> unreadable,
            String what) {
        var keys = exports.keySet().stream().sorted().collect(Collectors.toList());
        log.debug("Listed {}[{}] unreadable[{}] in source[{}]", what, keys.size(), unreadable.size(), config.source());
        return new CourseCatalog(keys, unreadable);
    }

    private SourceCourse read(Map<String, ExportFolder> exports, String key, CourseXml.Kind kind) {
        var export = exports.get(key);
        if (export == null) {
            throw new ItemNotFoundException(String.format(Locale.ROOT,
                    "%s[%s] not found in source[%s]; list the %s to see the keys it holds",
                    kind == CourseXml.Kind.COURSE ? "Course" : "Library", key, config.source(),
                    kind == CourseXml.Kind.COURSE ? "courses" : "libraries"));
        }

        var imported = new OlxCourseImport(new CourseFiles(export.folder()), kind).run();
        if (!imported.courseKey().equals(export.exportKey())) {
            throw new ItemNotFoundException(String.format(Locale.ROOT,
                    "Course[%s] changed its key to [%s] while being read from folder[%s]; read it again",
                    export.exportKey(), imported.courseKey(), export.folder()));
        }
        log.debug("Read course[{}] version[{}] blocks[{}] from folder[{}]", key, imported.version(),
                imported.blocks().size(), export.folder());
        return new SourceCourse(key, imported.version(), imported.root(), imported.blocks());
    }

    private Listing list(Path root) {
        var folders = isExport(root) ? List.of(root) : subfolders(root);
        var listing = new Listing(new LinkedHashMap<>(), new LinkedHashMap<>(), new ArrayList<>(), new ArrayList<>());
        for (var folder : folders) {
            for (var kind : CourseXml.Kind.values()) {
                if (Files.isRegularFile(folder.resolve(kind.file()))) {
                    add(listing, root, folder, kind);
                }
            }
        }
        return config.courseKey().map(key -> overridden(listing, key)).orElse(listing);
    }

    private static void add(Listing listing, Path root, Path folder, CourseXml.Kind kind) {
        var name = relativeName(root, folder.resolve(kind.file()));
        var isCourse = kind == CourseXml.Kind.COURSE;
        var exports = isCourse ? listing.courses() : listing.libraries();
        var unreadable = isCourse ? listing.unreadableCourses() : listing.unreadableLibraries();
        try {
            var key = readRootFile(folder, name, kind).key();
            var first = exports.putIfAbsent(key, new ExportFolder(key, folder));
            if (first != null) {
                unreadable.add(duplicate(key, name, relativeName(root, first.folder()), relativeName(root, folder)));
            }
        } catch (CourseImportException e) {
            unreadable.add(e);
        }
    }

    /** Returns the listing with its one course under the configured key. */
    private Listing overridden(Listing listing, String key) {
        var courses = new LinkedHashMap<String, ExportFolder>();
        var unreadable = new ArrayList<>(listing.unreadableCourses());
        if (listing.courses().size() == 1 && unreadable.isEmpty()) {
            courses.put(key, listing.courses().values().iterator().next());
        } else {
            unreadable.add(new CourseImportException(config.source().getFileName().toString(), String.format(
                    Locale.ROOT, "course key[%s] was given for the source, which holds %d readable courses and %d "
                            + "unreadable ones; give a key only for a source holding exactly one course",
                    key, listing.courses().size(), listing.unreadableCourses().size())));
        }
        return new Listing(courses, listing.libraries(), unreadable, listing.unreadableLibraries());
    }

    private static CourseXml readRootFile(Path folder, String name, CourseXml.Kind kind) {
        var prefix = name.substring(0, name.length() - kind.file().length());
        var files = new CourseFiles(folder, prefix);
        var bytes = files.read(kind.file(), null, 0);
        return CourseXml.of(kind, new OlxXmlParser().parse(bytes, name), name,
                files.folder().getFileName().toString());
    }

    private static CourseImportException duplicate(String key, String file, String firstFolder, String folder) {
        return new CourseImportException(file, 0, null, String.format(Locale.ROOT,
                "key[%s] of folder[%s] is already used by folder[%s]; remove one of them or change its run",
                key, folder, firstFolder), null);
    }

    private static boolean isExport(Path folder) {
        for (var kind : CourseXml.Kind.values()) {
            if (Files.isRegularFile(folder.resolve(kind.file()))) {
                return true;
            }
        }
        return false;
    }

    private static List<Path> subfolders(Path root) {
        try (var children = Files.list(root)) {
            return children.sorted().filter(child -> Files.isDirectory(child) && isExport(child))
                    .collect(Collectors.toList());
        } catch (IOException e) {
            throw new BackendUnavailableException(String.format(Locale.ROOT,
                    "Cannot list folder[%s]; check that it exists and is readable", root), e);
        }
    }

    /** Returns the folder to list: the tarball's single top folder when it wraps everything. */
    private static Path exportRoot(Path extracted) {
        if (isExport(extracted)) {
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

    private static String relativeName(Path root, Path path) {
        var relative = root.relativize(path).toString().replace('\\', '/');
        return relative.isEmpty() ? "." : relative;
    }

    /** Is one export folder and the key its root file gives. */
    private record ExportFolder(String exportKey, Path folder) {
    }

    /** Is what one listing found, by key. */
    private record Listing(Map<String, ExportFolder> courses, Map<String, ExportFolder> libraries,
            List<CourseImportException> unreadableCourses, List<CourseImportException> unreadableLibraries) {
    }
}
