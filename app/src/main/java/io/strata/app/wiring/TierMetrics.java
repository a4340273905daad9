package io.strata.app.wiring;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.strata.domain.codec.CorruptPayloadException;
import io.strata.domain.key.CourseKey;
import io.strata.domain.manager.ManagerListener;
import io.strata.domain.store.StoreListener;
import io.strata.ports.BackendUnavailableException;
import io.strata.ports.StrataException;

import java.time.Duration;

import static java.util.Objects.requireNonNull;

/**
 * Counts what the tiered store and the manager report, as Micrometer meters (exported by the
 * service's {@code /metrics}): hits, misses, errors and stored bytes per tier, collects and the
 * loads that waited for another caller's collect. Thread-safe; Micrometer caches each meter.
 */
public final class TierMetrics implements StoreListener, ManagerListener {
    /** Is the meter counting collects (rebuilds from the course source). */
    public static final String COLLECTS = "strata.collects";

    private final MeterRegistry registry;

    public TierMetrics(MeterRegistry registry) {
        this.registry = requireNonNull(registry, "registry is null");
    }

    @Override
    public void onHit(String tierName) {
        counter("strata.tier.hits", tierName).increment();
    }

    @Override
    public void onMiss(String tierName) {
        counter("strata.tier.misses", tierName).increment();
    }

    @Override
    public void onTierUnavailable(String tierName, BackendUnavailableException failure) {
        error(tierName, "unavailable");
    }

    @Override
    public void onTierFailure(String tierName, RuntimeException failure) {
        error(tierName, "failure");
    }

    @Override
    public void onCorrupt(String tierName, String key, CorruptPayloadException failure) {
        error(tierName, "corrupt");
    }

    @Override
    public void onStored(String tierName, int bytes) {
        counter("strata.tier.stored.bytes", tierName).increment(bytes);
    }

    @Override
    public void onCollected(CourseKey course, int blocks, Duration collectDuration) {
        registry.counter(COLLECTS).increment();
        registry.timer("strata.collect.duration").record(collectDuration);
    }

    @Override
    public void onJoinedCollect(CourseKey course) {
        registry.counter("strata.collects.joined").increment();
    }

    @Override
    public void onWaitedForLease(CourseKey course, Duration waited, boolean collectedElsewhere) {
        registry.counter("strata.collect.lease.waits", "outcome", collectedElsewhere ? "collected-elsewhere"
                : "taken-over").increment();
    }

    @Override
    public void onStoreFailed(CourseKey course, String tierName, StrataException failure) {
        error(tierName, failure instanceof BackendUnavailableException ? "unavailable" : "failure");
    }

    private void error(String tierName, String kind) {
        Counter.builder("strata.tier.errors").tag("tier", tierName).tag("kind", kind).register(registry).increment();
    }

    private Counter counter(String name, String tierName) {
        return registry.counter(name, "tier", tierName);
    }
}
