package io.strata.ports;

import java.util.Locale;
import java.util.Optional;

/**
 * Signals that a course export could not be imported: malformed XML, a missing pointer file, a
 * hostile path, an invalid attribute value. It names the file (relative to the course folder), the
 * line where the parser gives one, and the attribute where one is at fault.
 */
public class CourseImportException extends InputRejectedException {
    private final String file;
    private final int line;
    private final String attribute;

    /**
     * Creates an import error.
     *
     * @param file the offending file relative to the course folder (or the export's name); not null
     * @param line the 1-based line, or 0 when unknown
     * @param attribute the offending attribute, or null when the whole file is at fault
     * @param reason what is wrong, as a clause ("url_name contains '..'")
     * @param cause the parser's exception, or null
     */
    public CourseImportException(String file, int line, String attribute, String reason, Throwable cause) {
        super(format(file, line, attribute, reason), cause);
        this.file = file;
        this.line = line;
        this.attribute = attribute;
    }

    public CourseImportException(String file, String reason) {
        this(file, 0, null, reason, null);
    }

    /** Returns the offending file, relative to the course folder. */
    public String getFile() {
        return file;
    }

    /** Returns the 1-based line of the fault, or 0 when the parser gave none. */
    public int getLine() {
        return line;
    }

    /** Returns the offending attribute, when one is at fault. */
    public Optional<String> getAttribute() {
        return Optional.ofNullable(attribute);
    }

    private static String format(String file, int line, String attribute, String reason) {
        var where = line > 0 ? String.format(Locale.ROOT, "file[%s] line[%d]", file, line)
                : String.format(Locale.ROOT, "file[%s]", file);
        var what = attribute == null ? "" : String.format(Locale.ROOT, " attribute[%s]", attribute);
        return String.format(Locale.ROOT, "Cannot import %s%s: %s", where, what, reason);
    }
}
