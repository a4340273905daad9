package io.strata.app.cli;

import io.strata.app.config.StrataConfig;
import io.strata.ports.ItemNotFoundException;

import java.util.Locale;

/**
 * Rewords a missing course when the source is the bundled sample course: that source is a
 * temporary folder deleted when the command exits, so naming it would send the user to a path
 * that no longer exists.
 */
final class BundledSampleCourse {
    private BundledSampleCourse() {
    }

    /** Returns the failure to report for {@code course}: a clearer one when the bundled source lacks it. */
    static RuntimeException reworded(ItemNotFoundException failure, StrataConfig config, String course) {
        var fromBundledSource = config.courseSource().isEmpty()
                && String.valueOf(failure.getMessage()).startsWith("Course[" + course + "] not found in source[");
        if (!fromBundledSource) {
            return failure;
        }
        return new ItemNotFoundException(String.format(Locale.ROOT, "Course[%s] not found in the bundled sample"
                + " course (set course.source to use your own); list-courses shows the keys it holds", course));
    }
}
