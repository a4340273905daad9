package io.strata.app.wiring;

import io.strata.domain.codec.CorruptPayloadException;
import io.strata.domain.key.CourseKey;
import io.strata.domain.manager.ManagerListener;
import io.strata.domain.store.StoreListener;
import io.strata.domain.store.StructureAddress;
import io.strata.ports.BackendUnavailableException;
import io.strata.ports.StrataException;

import java.time.Duration;
import java.util.List;

/**
 * Passes each event of the tiered store and the manager to every listener in order: the log and the
 * metrics. Thread-safe when they are.
 */
final class TierListeners implements StoreListener, ManagerListener {
    private final List<StoreListener> storeListeners;
    private final List<ManagerListener> managerListeners;

    TierListeners(List<StoreListener> storeListeners, List<ManagerListener> managerListeners) {
        this.storeListeners = List.copyOf(storeListeners);
        this.managerListeners = List.copyOf(managerListeners);
    }

    @Override
    public void onHit(String tierName) {
        storeListeners.forEach(listener -> listener.onHit(tierName));
    }

    @Override
    public void onMiss(String tierName) {
        storeListeners.forEach(listener -> listener.onMiss(tierName));
    }

    @Override
    public void onTierUnavailable(String tierName, BackendUnavailableException failure) {
        storeListeners.forEach(listener -> listener.onTierUnavailable(tierName, failure));
    }

    @Override
    public void onTierFailure(String tierName, RuntimeException failure) {
        storeListeners.forEach(listener -> listener.onTierFailure(tierName, failure));
    }

    @Override
    public void onCorrupt(String tierName, String key, CorruptPayloadException failure) {
        storeListeners.forEach(listener -> listener.onCorrupt(tierName, key, failure));
    }

    @Override
    public void onOlderBuildIgnored(StructureAddress current, StructureAddress older) {
        storeListeners.forEach(listener -> listener.onOlderBuildIgnored(current, older));
    }

    @Override
    public void onStored(String tierName, int bytes) {
        storeListeners.forEach(listener -> listener.onStored(tierName, bytes));
    }

    @Override
    public void onSkippedTooLarge(String tierName, int bytes, long limit) {
        storeListeners.forEach(listener -> listener.onSkippedTooLarge(tierName, bytes, limit));
    }

    @Override
    public void onCollected(CourseKey course, int blocks, Duration collectDuration) {
        managerListeners.forEach(listener -> listener.onCollected(course, blocks, collectDuration));
    }

    @Override
    public void onSkipped(CourseKey course, String courseVersion) {
        managerListeners.forEach(listener -> listener.onSkipped(course, courseVersion));
    }

    @Override
    public void onJoinedCollect(CourseKey course) {
        managerListeners.forEach(listener -> listener.onJoinedCollect(course));
    }

    @Override
    public void onWaitedForLease(CourseKey course, Duration waited, boolean collectedElsewhere) {
        managerListeners.forEach(listener -> listener.onWaitedForLease(course, waited, collectedElsewhere));
    }

    @Override
    public void onStoreFailed(CourseKey course, String tierName, StrataException failure) {
        managerListeners.forEach(listener -> listener.onStoreFailed(course, tierName, failure));
    }

    @Override
    public void onLeaseUnavailable(CourseKey course, BackendUnavailableException failure) {
        managerListeners.forEach(listener -> listener.onLeaseUnavailable(course, failure));
    }
}
