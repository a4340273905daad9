package io.strata.ports;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * Is what the per-learner transform needs to know about one user in one course. It mirrors what
 * Open edX keeps in its database: course access roles, the enrollment row (mode and active flag),
 * the cohort membership, the group per user partition and the item-bank selections saved in the
 * user's block state.
 *
 * @param username the user's name, not empty
 * @param roles the user's roles in the course; empty for a plain learner
 * @param enrollmentMode the enrollment track, such as {@code audit} or {@code verified}; empty when
 *     the user is not enrolled
 * @param isEnrollmentActive whether the enrollment is active; always false when there is no
 *     enrollment mode. An inactive enrollment puts the user in no enrollment track.
 * @param cohort the name of the user's cohort in the course; empty when in none
 * @param partitionGroups for each user partition id, the id of the group the user is in (a cohort
 *     linked to a content group appears here as that group)
 * @param itemBankSelections for each item-bank (library content) block, by usage id, the usage ids
 *     of the children selected for the user, in the order shown; unmodifiable copies
 */
public record LearnerRecord(String username, Set<CourseRole> roles, Optional<String> enrollmentMode,
        boolean isEnrollmentActive, Optional<String> cohort, Map<Long, Long> partitionGroups,
        Map<String, List<String>> itemBankSelections) {
    public LearnerRecord {
        requireNonNull(username, "username is null");
        if (username.isEmpty()) {
            throw new IllegalArgumentException("username must not be empty");
        }
        roles = Set.copyOf(requireNonNull(roles, "roles is null"));
        requireNonNull(enrollmentMode, "enrollmentMode is null");
        isEnrollmentActive = isEnrollmentActive && enrollmentMode.isPresent();
        requireNonNull(cohort, "cohort is null");
        partitionGroups = Map.copyOf(requireNonNull(partitionGroups, "partitionGroups is null"));
        itemBankSelections = copyOf(requireNonNull(itemBankSelections, "itemBankSelections is null"));
    }

    /**
     * Creates a record with an active enrollment when a mode is given, no cohort and no saved
     * item-bank selection.
     */
    public LearnerRecord(String username, Set<CourseRole> roles, Optional<String> enrollmentMode,
            Map<Long, Long> partitionGroups) {
        this(username, roles, enrollmentMode, enrollmentMode.isPresent(), Optional.empty(), partitionGroups,
                Map.of());
    }

    /** Returns a record for a plain learner with no role, enrollment, cohort, group or selection. */
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

    /** Returns the mode of the user's active enrollment; empty when not enrolled or inactive. */
    public Optional<String> activeEnrollmentMode() {
        return isEnrollmentActive ? enrollmentMode : Optional.empty();
    }

    /** Returns a copy of this record whose item-bank selections are the given ones. */
    public LearnerRecord withItemBankSelections(Map<String, List<String>> selections) {
        return new LearnerRecord(username, roles, enrollmentMode, isEnrollmentActive, cohort, partitionGroups,
                selections);
    }

    private static Map<String, List<String>> copyOf(Map<String, List<String>> selections) {
        var copy = new LinkedHashMap<String, List<String>>();
        selections.forEach((block, children) -> copy.put(requireNonNull(block, "selection block is null"),
                List.copyOf(new ArrayList<>(requireNonNull(children, "selected children are null")))));
        return Map.copyOf(copy);
    }
}
