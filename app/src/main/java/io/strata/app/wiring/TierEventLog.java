package io.strata.app.wiring;

import io.strata.domain.codec.CorruptPayloadException;
import io.strata.domain.key.CourseKey;
import io.strata.domain.manager.ManagerListener;
import io.strata.domain.store.StoreListener;
import io.strata.domain.store.StructureAddress;
import io.strata.domain.store.TieredStructureStore;
import io.strata.ports.BackendUnavailableException;
import io.strata.ports.StrataException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Logs what the tiered store and the manager report, at the levels operators expect: a corrupt
 * payload is one WARN (it is replaced, never served), an unreachable cache tier is one WARN per
 * outage (not per request), one line naming the reason with the stack trace at DEBUG, and its
 * recovery one INFO; everything per operation is DEBUG.
 */
final class TierEventLog implements StoreListener, ManagerListener {
    private static final Logger log = LoggerFactory.getLogger(TierEventLog.class);

    private final Set<String> tiersDown = ConcurrentHashMap.newKeySet();

    @Override
    public void onHit(String tierName) {
        markUp(tierName);
        log.debug("Tier[{}] hit", tierName);
    }

    @Override
    public void onMiss(String tierName) {
        markUp(tierName);
        log.debug("Tier[{}] miss", tierName);
    }

    @Override
    public void onTierUnavailable(String tierName, BackendUnavailableException failure) {
        if (tiersDown.add(tierName)) {
            // One line per outage: the reason is the message; the stack trace only helps a developer.
            log.warn("Tier[{}] unreachable ({}), reading the tiers below it until it answers again", tierName,
                    failure.getMessage());
            log.debug("Tier[{}] outage cause", tierName, failure);
        }
    }

    @Override
    public void onTierFailure(String tierName, RuntimeException failure) {
        if (TieredStructureStore.DURABLE_TIER.equals(tierName)) {
            // Only pruning reports durable failures: the write succeeded, an old payload stays behind.
            log.warn("Cannot prune an old version from tier[{}]; it stays until the course is deleted", tierName,
                    failure);
            return;
        }
        if (tiersDown.add(tierName)) {
            log.warn("Tier[{}] failed an operation ({}), reading the tiers below it until it answers again",
                    tierName, failure.getMessage());
            log.debug("Tier[{}] failure cause", tierName, failure);
        }
    }

    @Override
    public void onOlderBuildIgnored(StructureAddress current, StructureAddress older) {
        log.debug("Kept the pointer of course[{}] on version[{}]: the build of version[{}] read its source earlier",
                current.course(), current.courseVersion(), older.courseVersion());
    }

    @Override
    public void onCorrupt(String tierName, String key, CorruptPayloadException failure) {
        log.warn("Tier[{}] entry[{}] is stale or corrupt ({}); treated as a miss and replaced",
                tierName, key, failure.getMessage());
    }

    @Override
    public void onStored(String tierName, int bytes) {
        markUp(tierName);
        log.debug("Tier[{}] stored bytes[{}]", tierName, bytes);
    }

    @Override
    public void onSkippedTooLarge(String tierName, int bytes, long limit) {
        log.debug("Tier[{}] skipped a payload of bytes[{}] over its limit[{}]", tierName, bytes, limit);
    }

    @Override
    public void onCollected(CourseKey course, int blocks, Duration collectDuration) {
        log.debug("Course[{}] collected: blocks[{}] in duration[{}]", course, blocks, collectDuration);
    }

    @Override
    public void onSkipped(CourseKey course, String courseVersion) {
        log.debug("Course[{}] version[{}] already stored; not collected again", course, courseVersion);
    }

    @Override
    public void onJoinedCollect(CourseKey course) {
        log.debug("Course[{}] is being collected by another caller; waiting for it", course);
    }

    @Override
    public void onWaitedForLease(CourseKey course, Duration waited, boolean collectedElsewhere) {
        if (collectedElsewhere) {
            log.debug("Course[{}] was collected by another process after a wait of duration[{}]", course, waited);
        } else {
            log.debug("Course[{}] lease was released or expired after a wait of duration[{}]; collecting it here",
                    course, waited);
        }
    }

    @Override
    public void onLeaseUnavailable(CourseKey course, BackendUnavailableException failure) {
        // The lease lives in the shared cache tier, whose outage the store already reports once.
        log.debug("Course[{}] lease tier unreachable; collecting without a lease", course, failure);
    }

    @Override
    public void onStoreFailed(CourseKey course, String tierName, StrataException failure) {
        // The answer is correct and the message names the store; the trace adds nothing for an operator.
        log.warn("Course[{}] collected and answered, but storing it in tier[{}] failed: {}", course, tierName,
                failure.getMessage());
        log.debug("Course[{}] store failure in tier[{}]", course, tierName, failure);
    }

    private void markUp(String tierName) {
        if (tiersDown.remove(tierName)) {
            log.info("Tier[{}] answers again", tierName);
        }
    }
}
