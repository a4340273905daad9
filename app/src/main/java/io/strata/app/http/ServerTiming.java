package io.strata.app.http;

import java.time.Duration;
import java.util.Locale;

import static java.util.Objects.requireNonNull;

/**
 * Is where a Blocks API request's time went, written as a {@code Server-Timing} header
 * (https://www.w3.org/TR/server-timing/) so an operator sees in a browser's network panel why a
 * request was slow: {@code load} (with the tier that answered, or {@code collected}), {@code transform}
 * (the learner's transformers and the response's shape) and {@code render} (the JSON bytes). A body
 * found among the rendered responses has no transform, and its render says {@code desc="cached"}
 * (the time to find it).
 *
 * @param loadSource the tier that answered: {@code decoded}, a cache tier's name, {@code durable} or
 *     {@code collected}
 * @param transform zero when the body was cached
 * @param isCached whether the body was found among the rendered responses
 */
record ServerTiming(String loadSource, Duration load, Duration transform, Duration render, boolean isCached) {
    ServerTiming {
        requireNonNull(loadSource, "loadSource is null");
        requireNonNull(load, "load is null");
        requireNonNull(transform, "transform is null");
        requireNonNull(render, "render is null");
    }

    /** Returns the timing of a body found among the rendered responses, {@code lookup} after the load. */
    static ServerTiming cached(String loadSource, Duration load, Duration lookup) {
        return new ServerTiming(loadSource, load, Duration.ZERO, lookup, true);
    }

    /** Returns the header's value, durations in milliseconds. */
    String headerValue() {
        if (isCached) {
            return String.format(Locale.ROOT, "load;dur=%.3f;desc=\"%s\", render;dur=%.3f;desc=\"cached\"",
                    millis(load), loadSource, millis(render));
        }
        return String.format(Locale.ROOT, "load;dur=%.3f;desc=\"%s\", transform;dur=%.3f, render;dur=%.3f",
                millis(load), loadSource, millis(transform), millis(render));
    }

    private static double millis(Duration duration) {
        return duration.toNanos() / 1_000_000.0;
    }
}
