package io.strata.adapters.olx;

import io.strata.ports.CourseImportException;

import java.util.Locale;

/**
 * Is what a {@code course.xml} root says about its course: {@code <course url_name=RUN org=ORG
 * course=NUMBER/>}, which gives the key {@code course-v1:ORG+NUMBER+RUN}.
 */
record CourseXml(String org, String course, String run) {
    /**
     * Reads the key attributes of a parsed {@code course.xml}.
     *
     * @param file the file's name for error messages
     * @throws CourseImportException when the root is not {@code <course>} or an attribute is
     *     missing or unsafe
     */
    static CourseXml of(XmlElement root, String file) {
        if (!root.name().equals("course")) {
            throw new CourseImportException(file, root.line(), null, String.format(Locale.ROOT,
                    "root element[%s] is not <course>; a course export starts with <course>", root.name()), null);
        }
        var run = required(root, "url_name", file);
        CourseFiles.checkName(run, file, root.line(), "url_name");
        return new CourseXml(required(root, "org", file), required(root, "course", file), run);
    }

    /** Returns the course key, {@code course-v1:ORG+NUMBER+RUN}. */
    String key() {
        return "course-v1:" + org + "+" + course + "+" + run;
    }

    private static String required(XmlElement root, String attribute, String file) {
        var value = root.attribute(attribute);
        if (value == null || value.isBlank()) {
            throw new CourseImportException(file, root.line(), attribute,
                    "the attribute is missing; <course> needs url_name, org and course to form the course key", null);
        }
        return value.strip();
    }
}
