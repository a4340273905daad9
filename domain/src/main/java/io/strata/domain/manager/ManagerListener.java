package io.strata.domain.manager;

import io.strata.domain.key.CourseKey;
import io.strata.ports.BackendUnavailableException;
import io.strata.ports.StrataException;

import java.time.Duration;

/**
 * Hears what a {@link BlockStructureManager} does, so the application can log and measure it (the
 * domain itself never logs). Every method has an empty default. Implementations must be
 * thread-safe, quick and must not throw.
 */
public interface ManagerListener {
    /** Is a listener that ignores everything. */
    ManagerListener NOOP = new ManagerListener() {
    };

    /** Hears that a course was collected from its source into a structure of {@code blocks} blocks. */
    default void onCollected(CourseKey course, int blocks, Duration collectDuration) {
    }

    /** Hears that a generate found the course's current version already stored and up to date. */
    default void onSkipped(CourseKey course, String courseVersion) {
    }

    /** Hears that a load waited for a collect another caller had already started for the course. */
    default void onJoinedCollect(CourseKey course) {
    }

    /**
     * Hears that a load found the course's collect lease held by another process and waited
     * {@code waited}; {@code collectedElsewhere} is true when the structure then appeared in the
     * tiers, false when the lease was released or expired without it and this process took it over.
     */
    default void onWaitedForLease(CourseKey course, Duration waited, boolean collectedElsewhere) {
    }

    /** Hears that the collect lease's tier could not be reached, so the course is collected without it. */
    default void onLeaseUnavailable(CourseKey course, BackendUnavailableException failure) {
    }

    /**
     * Hears that a structure collected to answer a load could not be written to the tier
     * {@code tierName} (the durable store refused it or could not be reached); the load is answered
     * from the collected structure, which the caches alone keep.
     */
    default void onStoreFailed(CourseKey course, String tierName, StrataException failure) {
    }
}
