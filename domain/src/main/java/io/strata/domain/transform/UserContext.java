package io.strata.domain.transform;

import io.strata.ports.LearnerRecord;

import java.time.Instant;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Is who a request is for and when it happens, as the per-request transformers see it.
 *
 * @param username the user's name; empty for an anonymous request and in all-blocks mode
 * @param learner what the learner source knows about the user in the course; empty when anonymous
 * @param isStaff whether the user has staff rights in the course: sees staff-only and unreleased content
 * @param isBetaTester whether the user sees content {@code days_early_for_beta} days before its start
 * @param now the time the request is served at; transformers compare dates to it only through
 *     {@link TransformContext#time()}, which records each comparison for the view's validity
 * @param isAllBlocks whether no per-learner filtering happens at all (Open edX's {@code all_blocks});
 *     the caller checks that the requester may ask for it
 */
public record UserContext(Optional<String> username, Optional<LearnerRecord> learner, boolean isStaff,
        boolean isBetaTester, Instant now, boolean isAllBlocks) {
    public UserContext {
        requireNonNull(username, "username is null");
        requireNonNull(learner, "learner is null");
        requireNonNull(now, "now is null");
    }

    /** Returns the context of an anonymous user: no role, sees only released, visible content. */
    public static UserContext anonymous(Instant now) {
        return new UserContext(Optional.empty(), Optional.empty(), false, false, now, false);
    }

    /** Returns the context of a known user, with the roles the learner record gives. */
    public static UserContext of(LearnerRecord learner, Instant now) {
        requireNonNull(learner, "learner is null");
        return new UserContext(Optional.of(learner.username()), Optional.of(learner), learner.isStaff(),
                learner.isBetaTester(), now, false);
    }

    /** Returns the all-blocks context: every block is kept, whoever would otherwise see it. */
    public static UserContext allBlocks(Instant now) {
        return new UserContext(Optional.empty(), Optional.empty(), false, false, now, true);
    }

    /** Returns whether filters that hide content from learners must keep everything for this request. */
    public boolean seesEverything() {
        return isStaff || isAllBlocks;
    }
}
