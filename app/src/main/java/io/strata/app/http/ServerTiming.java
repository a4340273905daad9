package io.strata.app.http;

import java.time.Duration;
import java.util.Locale;

import static java.util.Objects.requireNonNull;

/**
 * Is where a Blocks API request's time went, written as a {@code Server-Timing} header
 * (https://www.w3.org/TR/server-timing/) so an operator sees in a browser's network panel why a
 * request was slow: {@code load} (with the tier that answered, or {@code collected}), {@code transform}
 * (the learner's transformers and the response's shape) and {@code render} (the JSON bytes).
 *
 * @param loadSource the tier that answered: {@code decoded}, a cache tier's name, {@code durable} or
 *     {@code collected}
 */
record ServerTiming(String loadSource, Duration load, Duration transform, Duration render) {
    ServerTiming {
        requireNonNull(loadSource, "loadSource is null");
        requireNonNull(load, "load is null");
        requireNonNull(transform, "transform is null");
        requireNonNull(render, "render is null");
    }

    /** Returns the header's value, durations in milliseconds. */
    String headerValue() {
        return String.format(Locale.ROOT, "load;dur=%.3f;desc=\"%s\", transform;dur=%.3f, render;dur=%.3f",
                millis(load), loadSource, millis(transform), millis(render));
    }

    private static double millis(Duration duration) {
        return duration.toNanos() / 1_000_000.0;
    }
}
