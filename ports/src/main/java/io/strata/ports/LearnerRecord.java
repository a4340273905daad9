package io.strata.ports;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * Is what the per-learner transform needs to know about one user in one course.
 *
 * @param username the user's name, not empty
 * @param roles the user's roles in the course; empty for a plain learner
 * @param enrollmentMode the enrollment track, such as {@code audit} or {@code verified}; empty when
 *     the user is not enrolled
 * @param partitionGroups for each user partition id, the id of the group the user is in
 */
public record LearnerRecord(String username, Set<CourseRole> roles, Optional<String> enrollmentMode,
        Map<Long, Long> partitionGroups) {
    public LearnerRecord {
        requireNonNull(username, "username is null");
        if (username.isEmpty()) {
            throw new IllegalArgumentException("username must not be empty");
        }
        roles = Set.copyOf(requireNonNull(roles, "roles is null"));
        requireNonNull(enrollmentMode, "enrollmentMode is null");
        partitionGroups = Map.copyOf(requireNonNull(partitionGroups, "partitionGroups is null"));
    }

    /** Returns a record for a plain learner with no role, enrollment or group. */
    public static LearnerRecord learner(String username) {
        return new LearnerRecord(username, Set.of(), Optional.empty(), Map.of());
    }

    /** Returns whether the user has staff rights in the course (staff or instructor). */
    public boolean isStaff() {
        return roles.contains(CourseRole.STAFF) || roles.contains(CourseRole.INSTRUCTOR);
    }

    /** Returns whether the user is a beta tester of the course. */
    public boolean isBetaTester() {
        return roles.contains(CourseRole.BETA_TESTER);
    }
}
