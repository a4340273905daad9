package io.strata.adapters.olx;

import io.strata.ports.CourseImportException;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Is what the root file of an export says about it: {@code course.xml} as {@code <course
 * url_name=RUN org=ORG course=NUMBER/>}, which gives the key {@code course-v1:ORG+NUMBER+RUN}, or
 * {@code library.xml} as {@code <library url_name=ID org=ORG library=LIB>}, which gives the key
 * {@code library-v1:ORG+LIB}.
 *
 * <p>As the platform's XML loader does, a missing {@code org} falls back to {@code edx}, a missing
 * {@code course} (or {@code library}) to the name of the export's folder, and a missing
 * {@code url_name} to {@code slug}, then to the cleaned {@code name}.
 *
 * @param kind whether the export is a course or a library
 * @param org the organisation part of the key
 * @param number the course number, or the library's name
 * @param run the root block's id: the course run, or the library's url_name
 */
record CourseXml(Kind kind, String org, String number, String run) {
    /** Is the kind of export, named by its root file. */
    enum Kind {
        COURSE("course.xml", "course", "course"),
        LIBRARY("library.xml", "library", "library");

        private final String file;
        private final String rootType;
        private final String numberAttribute;

        Kind(String file, String rootType, String numberAttribute) {
            this.file = file;
            this.rootType = rootType;
            this.numberAttribute = numberAttribute;
        }

        /** Returns the root file's name, such as {@code course.xml}. */
        String file() {
            return file;
        }

        /** Returns the root block's type, such as {@code course}. */
        String rootType() {
            return rootType;
        }
    }

    /** Is the organisation the platform assumes when the root file names none. */
    static final String DEFAULT_ORG = "edx";

    // The characters a key part may hold, as the platform's opaque keys allow them.
    private static final Pattern KEY_PART = Pattern.compile("[A-Za-z0-9_.~%-]+");

    /**
     * Reads the key attributes of a parsed root file.
     *
     * @param file the file's name for error messages
     * @param folderName the export folder's name, the fallback for a missing number
     * @throws CourseImportException when the root element is not the kind's, or the id is missing
     *     or unsafe
     */
    static CourseXml of(Kind kind, XmlElement root, String file, String folderName) {
        if (!root.name().equals(kind.rootType())) {
            throw new CourseImportException(file, root.line(), null, String.format(Locale.ROOT,
                    "root element[%s] is not <%s>; a %s export starts with <%s>", root.name(), kind.rootType(),
                    kind.rootType(), kind.rootType()), null);
        }
        var run = run(root, file);
        CourseFiles.checkName(run, file, root.line(), "url_name");
        var org = valueOr(root, "org", DEFAULT_ORG);
        var number = valueOr(root, kind.numberAttribute, folderName);
        checkKeyPart(org, "org", root, file);
        checkKeyPart(number, kind.numberAttribute, root, file);
        checkKeyPart(run, "url_name", root, file);
        return new CourseXml(kind, org, number, run);
    }

    /** Returns the key, {@code course-v1:ORG+NUMBER+RUN} or {@code library-v1:ORG+LIB}. */
    String key() {
        return switch (kind) {
            case COURSE -> "course-v1:" + org + "+" + number + "+" + run;
            case LIBRARY -> "library-v1:" + org + "+" + number;
        };
    }

    private static String run(XmlElement root, String file) {
        var urlName = valueOr(root, "url_name", null);
        if (urlName == null) {
            urlName = valueOr(root, "slug", null);
        }
        if (urlName == null && valueOr(root, "name", null) != null) {
            urlName = OlxCourseImport.cleaned(root.attribute("name"));
        }
        if (urlName == null) {
            throw new CourseImportException(file, root.line(), "url_name", String.format(Locale.ROOT,
                    "the attribute is missing; <%s> needs url_name (or slug) to name its root block", root.name()),
                    null);
        }
        return urlName;
    }

    private static void checkKeyPart(String value, String attribute, XmlElement root, String file) {
        if (!KEY_PART.matcher(value).matches()) {
            throw new CourseImportException(file, root.line(), attribute, String.format(Locale.ROOT,
                    "value[%s] cannot be part of a key; use only letters, digits and _ . ~ - %%",
                    CourseFiles.printable(value)), null);
        }
    }

    private static String valueOr(XmlElement root, String attribute, String fallback) {
        var value = root.attribute(attribute);
        return value == null || value.isBlank() ? fallback : value.strip();
    }
}
