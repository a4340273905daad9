package io.strata.domain.manager;

import io.strata.domain.key.CourseKey;

import java.time.Duration;

import static java.util.Objects.requireNonNull;

/**
 * Is what {@link BlockStructureManager#generate} did for one course.
 *
 * @param course the course
 * @param status whether it collected the course or found it stored and up to date
 * @param blocks the number of blocks of the structure
 * @param encodedBytes the payload length
 * @param courseVersion the content version the source reported
 * @param readDuration the time reading the course from its source
 * @param collectDuration the time collecting; zero when skipped
 * @param storeDuration the time encoding and storing; when skipped, the time loading the stored copy
 */
public record GenerateOutcome(CourseKey course, Status status, int blocks, int encodedBytes, String courseVersion,
        Duration readDuration, Duration collectDuration, Duration storeDuration) {
    public GenerateOutcome {
        requireNonNull(course, "course is null");
        requireNonNull(status, "status is null");
        requireNonNull(courseVersion, "courseVersion is null");
        requireNonNull(readDuration, "readDuration is null");
        requireNonNull(collectDuration, "collectDuration is null");
        requireNonNull(storeDuration, "storeDuration is null");
    }

    /** Tells whether a generate collected the course. */
    public enum Status {
        /** The course was collected, stored and its pointer moved. */
        COLLECTED,
        /** The pointer already named this version and its payload loaded and was up to date. */
        SKIPPED
    }
}
