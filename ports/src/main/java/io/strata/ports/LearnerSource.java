package io.strata.ports;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Tells what the per-learner transform needs to know about a user in a course, and keeps the
 * item-bank selections made for the user.
 *
 * <p>The shape follows what an Open edX database holds (course access roles, enrollments, cohort
 * memberships, partition groups, the {@code selected} list in a block's student state), so that an
 * adapter can read one directly.
 *
 * <p>Implementations are thread-safe and may reload their data between calls; a call sees one
 * consistent state.
 */
public interface LearnerSource {
    /** Returns where the learner data comes from, for logs, such as {@code file[learners.yaml]}. */
    String describe();

    /**
     * Returns the user's record in the course, or empty when no user has that name. A user who
     * exists but holds no role or enrollment in the course gets a record with none. The record's
     * item-bank selections are the ones {@link #loadSelections} returns.
     *
     * @throws NullPointerException when an argument is null
     * @throws BackendUnavailableException when the learner data cannot be read
     */
    Optional<LearnerRecord> find(String username, String courseKey);

    /**
     * Returns the item-bank selections saved for the user in the course: for each item-bank block's
     * usage id, the selected children's usage ids in the order shown. Empty for an unknown user or
     * a user with no saved selection. By default, the selections of the record {@link #find} gives.
     *
     * @throws NullPointerException when an argument is null
     * @throws BackendUnavailableException when the learner data cannot be read
     */
    default Map<String, List<String>> loadSelections(String username, String courseKey) {
        return find(username, courseKey).map(LearnerRecord::itemBankSelections).orElse(Map.of());
    }

    /**
     * Returns whether {@link #saveSelection} keeps selections; false by default, and then the
     * transform derives each selection from the learner and the block every time.
     */
    default boolean isSavingSelections() {
        return false;
    }

    /**
     * Saves the children selected for the user in one item-bank block, replacing any earlier
     * selection of that block; later {@link #find} and {@link #loadSelections} calls return it.
     * Idempotent. Saving for a user the source does not know is allowed and kept.
     *
     * @param blockUsageId the item-bank block's usage id
     * @param selected the selected children's usage ids in the order shown; may be empty
     * @throws NullPointerException when an argument is null
     * @throws UnsupportedOperationException when {@link #isSavingSelections} is false (the default)
     * @throws BackendUnavailableException when the selection cannot be written
     */
    default void saveSelection(String username, String courseKey, String blockUsageId, List<String> selected) {
        throw new UnsupportedOperationException("Learner source[" + describe()
                + "] does not save item-bank selections; check isSavingSelections() first");
    }
}
