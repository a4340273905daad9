package io.strata.domain.transform;

import java.time.Instant;

import static java.util.Objects.requireNonNull;

/**
 * Is a span of request times, from {@code from} (inclusive) to {@code until} (exclusive). A
 * transform reports one (see {@link TransformView#validity()}): had the request been served at any
 * moment of it, every comparison of the request time against a date would have come out the same,
 * so the transform's result would have been the same.
 *
 * <p>Invariant: {@code from} is not after {@code until}; when they are equal the span is empty.
 * {@link Instant#MIN} and {@link Instant#MAX} stand for no bound. Immutable.
 *
 * @param from the first moment of the span
 * @param until the first moment after the span
 */
public record TimeWindow(Instant from, Instant until) {
    /** Is the span of every moment: a result that does not depend on the request time. */
    public static final TimeWindow ALWAYS = new TimeWindow(Instant.MIN, Instant.MAX);

    public TimeWindow {
        requireNonNull(from, "from is null");
        requireNonNull(until, "until is null");
        if (from.isAfter(until)) {
            throw new IllegalArgumentException("TimeWindow from[" + from + "] must not be after until[" + until + "]");
        }
    }

    /** Returns whether the moment lies in the span. */
    public boolean contains(Instant moment) {
        requireNonNull(moment, "moment is null");
        return !moment.isBefore(from) && moment.isBefore(until);
    }

    /** Returns the span of the moments in both this span and the other; empty when they do not overlap. */
    public TimeWindow intersect(TimeWindow other) {
        requireNonNull(other, "other is null");
        var start = from.isAfter(other.from) ? from : other.from;
        var end = until.isBefore(other.until) ? until : other.until;
        return start.isAfter(end) ? new TimeWindow(end, end) : new TimeWindow(start, end);
    }
}
