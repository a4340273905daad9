package io.strata.app.http;

import io.micrometer.core.instrument.MeterRegistry;
import io.strata.domain.key.CourseKey;
import io.strata.domain.manager.BlockStructureManager;
import io.strata.domain.store.TieredStructureStore;
import io.strata.ports.BackendUnavailableException;
import io.strata.ports.CourseSource;
import io.strata.ports.InputRejectedException;
import io.strata.ports.ItemNotFoundException;
import io.strata.ports.StrataException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import static java.util.Objects.requireNonNull;

/*
 * Publish events, as Open edX's course_published signal schedules update_course_in_cache: the
 * rebuild runs publish.delay after the first event, and every event that arrives before it starts
 * joins it (the rebuild reads the course source when it runs, so it sees their changes). An event
 * that arrives once the rebuild has started schedules the next one. The rebuild is the generate
 * job with storage: it collects only when the source's version changed, writes the payload
 * everywhere and then moves the pointer, so readers keep getting the previous version until the new
 * one is complete. Its collect is shared as a first request's is (one per course in this process,
 * and under the course's lease in the shared cache tier, one across the instances that share it), so
 * instances that each receive the publish collect the new version once: the others wait for it and
 * skip it. An event for a course the source does not list is refused at once (404). A rebuild that
 * fails for a reason that can pass (a backend unavailable or failing) is tried again
 * publish.retry-delay later, at most publish.max-retries times; each failure is a WARN, giving up an
 * ERROR. A course that is gone or malformed is given up at once with one ERROR: retrying cannot
 * help. The log lines carry the failure's message; its stack trace is at DEBUG. With
 * publish.invalidate-cache (Open edX's invalidate_cache_on_publish) an event also evicts the course
 * from the cache tiers, the decoded structures and the rendered responses at once, so readers stop
 * getting the cached version before the rebuild: they read the durable tier, or collect when there
 * is none.
 */
/** Schedules the rebuilds that publish events ask for, and deletes courses; thread-safe. */
final class CourseRebuilds implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CourseRebuilds.class);

    private final BlockStructureManager manager;
    private final CourseSource source;
    private final Optional<TieredStructureStore> invalidated;
    private final ServedStructures structures;
    private final RenderedResponses responses;
    private final ScheduledExecutorService executor;
    private final Duration delay;
    private final int maxRetries;
    private final Duration retryDelay;
    private final MeterRegistry registry;
    private final ConcurrentMap<CourseKey, ScheduledFuture<?>> pending = new ConcurrentHashMap<>();

    /**
     * Creates the scheduler; {@code invalidated} is the store whose caches each publish event
     * evicts the course from, empty when events leave the caches alone.
     */
    CourseRebuilds(BlockStructureManager manager, CourseSource source, Optional<TieredStructureStore> invalidated,
            ServedStructures structures, RenderedResponses responses, ScheduledExecutorService executor,
            Duration delay, int maxRetries, Duration retryDelay, MeterRegistry registry) {
        this.manager = requireNonNull(manager, "manager is null");
        this.source = requireNonNull(source, "source is null");
        this.invalidated = requireNonNull(invalidated, "invalidated is null");
        this.structures = requireNonNull(structures, "structures is null");
        this.responses = requireNonNull(responses, "responses is null");
        this.executor = requireNonNull(executor, "executor is null");
        this.delay = requireNonNull(delay, "delay is null");
        this.maxRetries = maxRetries;
        this.retryDelay = requireNonNull(retryDelay, "retryDelay is null");
        this.registry = requireNonNull(registry, "registry is null");
    }

    /** Returns the delay between a publish event and its rebuild. */
    Duration delay() {
        return delay;
    }

    /**
     * Schedules a rebuild of the course after the publish delay, unless one is already waiting to
     * start; returns whether this call scheduled it.
     *
     * @throws ApiException (404) when the course source does not hold the course
     */
    boolean published(CourseKey course) {
        requireNonNull(course, "course is null");
        checkHeld(course);

        invalidated.ifPresent(store -> {
            store.evictFromCaches(course);
            structures.forget(course);
            responses.forget(course);
        });
        boolean[] scheduled = {false};
        pending.computeIfAbsent(course, key -> {
            scheduled[0] = true;
            return executor.schedule(() -> rebuild(key, 0, true), delay.toMillis(), TimeUnit.MILLISECONDS);
        });
        registry.counter("strata.publish.events", "scheduled", Boolean.toString(scheduled[0])).increment();
        return scheduled[0];
    }

    private void checkHeld(CourseKey course) {
        boolean isHeld;
        try {
            isHeld = source.listCourses().courseKeys().contains(course.toString());
        } catch (BackendUnavailableException e) {
            // The rebuild retries while the source is down; refusing the event would lose it.
            log.debug("Course source[{}] unreachable; scheduling course[{}] unchecked", source.describe(), course, e);
            return;
        }
        if (!isHeld) {
            throw ApiException.notFound(String.format(Locale.ROOT, "Course[%s] not found in the course source;"
                    + " publish it there first", course));
        }
    }

    /**
     * Cancels a waiting rebuild of the course and deletes it from every tier; idempotent.
     *
     * @throws io.strata.ports.BackendUnavailableException when the durable store cannot be reached
     */
    void delete(CourseKey course) {
        requireNonNull(course, "course is null");
        var waiting = pending.remove(course);
        if (waiting != null) {
            waiting.cancel(false);
        }
        manager.deleteCourse(course);
        structures.forget(course);
        responses.forget(course);
    }

    private void rebuild(CourseKey course, int retry, boolean isFirst) {
        if (isFirst) {
            pending.remove(course);
        }
        try {
            var outcome = manager.generate(course, /* forceUpdate= */ false, /* withStorage= */ true);
            registry.counter("strata.publish.rebuilds", "status", outcome.status().name().toLowerCase(Locale.ROOT))
                    .increment();
            log.debug("Course[{}] rebuilt after a publish: status[{}] version[{}]", course, outcome.status(),
                    outcome.courseVersion());
        } catch (ItemNotFoundException | InputRejectedException | IllegalArgumentException e) {
            // InputRejectedException covers CourseImportException: a malformed course fails the same way again.
            abandon(course, "without retries", "the course is fixed", e);
        } catch (StrataException e) {
            retryOrAbandon(course, retry, e);
        }
    }

    private void retryOrAbandon(CourseKey course, int retry, StrataException e) {
        if (retry < maxRetries) {
            log.warn("Rebuild of course[{}] failed, retry[{}] of [{}] in [{}]: {}", course, retry + 1, maxRetries,
                    retryDelay, e.getMessage());
            log.debug("Course[{}] rebuild failure", course, e);
            executor.schedule(() -> rebuild(course, retry + 1, false), retryDelay.toMillis(), TimeUnit.MILLISECONDS);
            return;
        }
        abandon(course, "after retries[" + maxRetries + "]", "the cause is fixed", e);
    }

    private void abandon(CourseKey course, String when, String remedy, RuntimeException e) {
        registry.counter("strata.publish.rebuilds", "status", "abandoned").increment();
        log.error("Rebuild of course[{}] abandoned {}: {}; readers keep the previous version, publish again once {}",
                course, when, e.getMessage(), remedy);
        log.debug("Course[{}] rebuild failure", course, e);
    }

    /** Stops scheduling: rebuilds that are waiting (retries included) are dropped, a running one finishes. */
    @Override
    public void close() {
        pending.values().forEach(waiting -> waiting.cancel(false));
        executor.shutdown();
    }
}
