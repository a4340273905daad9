package io.strata.ports;

import java.util.Optional;

/**
 * Tells what the per-learner transform needs to know about a user in a course.
 *
 * <p>Implementations are thread-safe and may reload their data between calls; a call sees one
 * consistent state.
 */
public interface LearnerSource {
    /** Returns where the learner data comes from, for logs, such as {@code file[learners.yaml]}. */
    String describe();

    /**
     * Returns the user's record in the course, or empty when no user has that name. A user who
     * exists but holds no role or enrollment in the course gets a record with none.
     *
     * @throws NullPointerException when an argument is null
     * @throws BackendUnavailableException when the learner data cannot be read
     */
    Optional<LearnerRecord> find(String username, String courseKey);
}
