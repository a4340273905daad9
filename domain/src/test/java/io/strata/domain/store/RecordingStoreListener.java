package io.strata.domain.store;

import io.strata.domain.codec.CorruptPayloadException;
import io.strata.ports.BackendUnavailableException;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records store events as short strings such as {@code hit:l1} or {@code corrupt:durable}. */
public final class RecordingStoreListener implements StoreListener {
    private final List<String> events = new CopyOnWriteArrayList<>();

    public List<String> events() {
        return List.copyOf(events);
    }

    public void clear() {
        events.clear();
    }

    @Override
    public void onHit(String tierName) {
        events.add("hit:" + tierName);
    }

    @Override
    public void onMiss(String tierName) {
        events.add("miss:" + tierName);
    }

    @Override
    public void onTierUnavailable(String tierName, BackendUnavailableException failure) {
        events.add("unavailable:" + tierName);
    }

    @Override
    public void onCorrupt(String tierName, String key, CorruptPayloadException failure) {
        events.add("corrupt:" + tierName);
    }

    @Override
    public void onStored(String tierName, int bytes) {
        events.add("stored:" + tierName);
    }

    @Override
    public void onSkippedTooLarge(String tierName, int bytes, long limit) {
        events.add("too-large:" + tierName);
    }
}
