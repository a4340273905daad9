package io.strata.domain.manager;

import java.time.Duration;

/** Waits; injected so that tests of waiting code run at once. Implementations must be thread-safe. */
@FunctionalInterface
public interface Sleeper {
    /** Is the sleeper that blocks the calling thread for the duration. */
    Sleeper SYSTEM = duration -> Thread.sleep(duration.toMillis());

    /**
     * Returns after the duration has passed (or at once in a test).
     *
     * @throws InterruptedException when the thread is interrupted while waiting
     */
    void sleep(Duration duration) throws InterruptedException;
}
