package io.strata.app.archfixture.domain.transform;

import java.time.Instant;

/**
 * Breaks a rule on purpose: a transformer that compares the user's time itself, so its date would be
 * missing from the validity window. Used only by ArchitectureRulesCanFailTest.
 */
public class FilterThatReadsTheClock {
    public boolean hasStarted(UserContext user, Instant start) {
        return user.now().isAfter(start);
    }
}
