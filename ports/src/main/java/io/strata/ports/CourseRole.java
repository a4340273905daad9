package io.strata.ports;

/** Is a role a user holds in one course. */
public enum CourseRole {
    /** Course staff: sees all content, including staff-only and unreleased content. */
    STAFF,
    /** Course instructor: has every right that staff has. */
    INSTRUCTOR,
    /** Beta tester: sees content {@code days_early_for_beta} days before its start. */
    BETA_TESTER
}
