package io.strata.app.http;

import io.strata.domain.transform.CollectContext;

import java.time.Duration;

/**
 * Is a transformer whose collect of a course lasts at least the given time, so that callers which
 * arrive together all meet the collect while it runs; install it with {@link #module()}.
 */
final class SlowCollects extends ExtraTransformer {
    private final Duration duration;

    SlowCollects(Duration duration) {
        super("slow");
        this.duration = duration;
    }

    @Override
    public void collect(CollectContext context) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted in a slow collect", e);
        }
    }
}
