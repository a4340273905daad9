package io.strata.app.http;

import io.strata.domain.store.TieredStructureStore;
import io.strata.ports.CacheTier;
import io.strata.ports.DurableStore;
import io.strata.ports.StrataException;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * Probes each tier with one read of a key that is never written: a miss means the tier answers. The
 * service is ready when the durable tier answers; a cache tier that does not is reported {@code down}
 * but leaves the service ready, since reads fall through to the tiers below it. Thread-safe.
 */
final class Readiness {
    /** Is the key and path read by the probe; nothing is ever stored under it. */
    static final String PROBE_KEY = "strata-readiness-probe";
    private static final String UP = "up";

    private final List<CacheTier> caches;
    private final DurableStore durable;

    Readiness(List<CacheTier> caches, DurableStore durable) {
        this.caches = List.copyOf(caches);
        this.durable = requireNonNull(durable, "durable is null");
    }

    /** Returns each tier's state, nearest first, and whether the service can serve. */
    States check() {
        var tiers = new LinkedHashMap<String, String>();
        for (var cache : caches) {
            tiers.put(cache.name(), state(() -> cache.load(PROBE_KEY)));
        }
        var durableState = state(() -> durable.load(PROBE_KEY));
        tiers.put(TieredStructureStore.DURABLE_TIER, durableState);
        return new States(UP.equals(durableState), tiers);
    }

    private static String state(Runnable probe) {
        try {
            probe.run();
            return UP;
        } catch (StrataException e) {
            return "down";
        }
    }

    /** Is the outcome of a probe: whether the service is ready, and each tier's state by name. */
    record States(boolean isReady, Map<String, String> tiers) {
        States {
            tiers = Collections.unmodifiableMap(new LinkedHashMap<>(tiers));
        }
    }
}
