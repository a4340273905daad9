package io.strata.domain.transform;

import java.time.Instant;

import static java.util.Objects.requireNonNull;

/*
 * Why one object: a rendered response may be reused for later requests only while no date rule
 * would decide differently. Rather than list the dates each transformer looks at (and forget one),
 * every comparison of the request time goes through here, and each one narrows the window around
 * `now` in which its outcome stays the same: the transform's result is a function of these outcomes
 * and of the request's other inputs, so it holds for the whole window.
 */
/**
 * Is the time a request is served at, as the per-request transformers compare it to dates: each
 * comparison is recorded, so that {@link #window()} gives the span of request times over which every
 * comparison made so far would have had the same outcome.
 *
 * <p>Not thread-safe: it belongs to the request's transform.
 */
public final class RequestTime {
    private final Instant now;
    private Instant from = Instant.MIN;
    private Instant until = Instant.MAX;

    /** Creates the request time {@code now}, with no comparison made yet. */
    public RequestTime(Instant now) {
        this.now = requireNonNull(now, "now is null");
    }

    /** Returns whether the request time is after the moment ({@code now > moment}), and records it. */
    public boolean isAfter(Instant moment) {
        requireNonNull(moment, "moment is null");
        // The outcome flips between `moment` and the nanosecond after it.
        narrow(now.isAfter(moment), nanosecondAfter(moment));
        return now.isAfter(moment);
    }

    /** Returns whether the request time is before the moment ({@code now < moment}), and records it. */
    public boolean isBefore(Instant moment) {
        requireNonNull(moment, "moment is null");
        // The outcome flips at `moment` itself: false from it on.
        narrow(!now.isBefore(moment), moment);
        return now.isBefore(moment);
    }

    /** Returns the span of request times over which every comparison made so far had the same outcome. */
    public TimeWindow window() {
        return new TimeWindow(from, until);
    }

    /** Narrows the window by a boundary: {@code now} is at or after it, or else before it. */
    private void narrow(boolean isAtOrAfterBoundary, Instant boundary) {
        if (isAtOrAfterBoundary) {
            from = boundary.isAfter(from) ? boundary : from;
        } else {
            until = boundary.isBefore(until) ? boundary : until;
        }
    }

    private static Instant nanosecondAfter(Instant moment) {
        return moment.equals(Instant.MAX) ? moment : moment.plusNanos(1);
    }
}
