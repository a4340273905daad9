package io.strata.domain.manager;

import io.strata.domain.codec.StructureCodec;
import io.strata.domain.collect.StructureCollector;
import io.strata.domain.key.CourseKey;
import io.strata.domain.store.StoredStructure;
import io.strata.domain.store.StructureAddress;
import io.strata.domain.store.TierSelection;
import io.strata.domain.store.TieredStructureStore;
import io.strata.domain.structure.BlockStructure;
import io.strata.ports.BackendFailureException;
import io.strata.ports.BackendUnavailableException;
import io.strata.ports.CourseSource;
import io.strata.ports.ItemNotFoundException;
import io.strata.ports.SourceCourse;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;
import java.util.function.Supplier;

import static java.util.Objects.requireNonNull;

/**
 * Gets the collected structure of a course: from the tiers when its current version is stored and
 * up to date, otherwise by collecting it from the course source, storing it and moving the course's
 * pointer.
 *
 * <p>Within one process, concurrent {@link #loadCurrent} and {@link #generate} calls for a course that
 * must be collected share one collect: the first caller collects, the others wait for its result or
 * its failure.
 * Across processes, with a {@link CollectLease} in the shared cache tier ({@link ManagerOptions#lease()}),
 * that first caller collects only when it takes the course's lease; otherwise it waits, with
 * backoff, until the structure appears in the tiers (collected by the lease's holder) or the lease
 * is released or expires (its holder failed or died), and then takes the lease over.
 * Errors of the source, the collector and the durable store propagate to the caller, which reports
 * them and goes on with other courses; except that a structure collected for {@link #loadCurrent}
 * is returned even when the durable store fails to keep it (the failure goes to the listener).
 *
 * <p>Thread-safe.
 */
public final class BlockStructureManager {
    private final CourseSource source;
    private final StructureCollector collector;
    private final TieredStructureStore store;
    private final Clock clock;
    private final ManagerListener listener;
    private final ManagerOptions options;
    private final TierSelection servingTiers;
    private final ConcurrentMap<CourseKey, CompletableFuture<LoadedStructure>> inFlight = new ConcurrentHashMap<>();

    /** Creates a manager with {@link ManagerOptions#DEFAULTS}. */
    public BlockStructureManager(CourseSource source, StructureCollector collector, TieredStructureStore store,
            Clock clock, ManagerListener listener) {
        this(source, collector, store, clock, listener, ManagerOptions.DEFAULTS);
    }

    /** Creates a manager that serves courses as the options say. */
    public BlockStructureManager(CourseSource source, StructureCollector collector, TieredStructureStore store,
            Clock clock, ManagerListener listener, ManagerOptions options) {
        this.options = requireNonNull(options, "options is null");
        this.servingTiers = options.readsDurable() ? TierSelection.ALL : TierSelection.CACHES;
        this.source = requireNonNull(source, "source is null");
        this.collector = requireNonNull(collector, "collector is null");
        this.store = requireNonNull(store, "store is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.listener = requireNonNull(listener, "listener is null");
    }

    /**
     * Reads the course from its source and, unless its current version is already stored and up
     * to date (or {@code forceUpdate}), collects it, stores it and moves its pointer.
     *
     * <p>With {@code withStorage} the check and the write use the durable store (when one is
     * configured) and the write also fills the caches; without it, only the caches. Unless
     * {@code forceUpdate}, a collect is shared as {@link #loadCurrent}'s is: concurrent generates and
     * loads of the course in this process wait for one collect, and with a lease so do other
     * processes; a caller that finds this version stored once it waited skips it.
     *
     * @throws io.strata.ports.ItemNotFoundException when the source holds no such course
     * @throws io.strata.ports.CourseImportException when the course's content is malformed
     * @throws io.strata.ports.InputRejectedException when the collector rejects the course
     * @throws io.strata.ports.BackendUnavailableException when the source or the durable store
     *     cannot be reached
     */
    public GenerateOutcome generate(CourseKey course, boolean forceUpdate, boolean withStorage) {
        requireNonNull(course, "course is null");
        var readStart = clock.instant();
        var sourceCourse = source.read(course.toString());
        var request = new Generation(addressOf(course, sourceCourse), sourceCourse, withStorage, readStart,
                Duration.between(readStart, clock.instant()));

        if (forceUpdate) {
            return collectAndStore(request).outcome();
        }
        return generateOnce(request);
    }

    /**
     * Returns the course's current structure from the nearest tier that holds it. When there is no
     * pointer, its payload is missing or corrupt, it was collected by other transformer versions,
     * or it is not up to date, the course is collected from its source (once for all concurrent
     * callers, and with a lease once for all processes), stored in every tier, and its pointer moved.
     * Without {@link ManagerOptions#readsDurable()} only the cache tiers are read and written.
     *
     * @throws io.strata.ports.ItemNotFoundException when the course must be collected and the
     *     source holds no such course, or {@link ManagerOptions#collectOnMiss()} is false
     * @throws io.strata.ports.CourseImportException when the course must be collected and its
     *     content is malformed
     * @throws io.strata.ports.BackendUnavailableException when the durable store must be read and
     *     cannot be reached (a failed write of the collected structure is reported to
     *     {@link ManagerListener#onStoreFailed} instead, and the structure returned)
     */
    public LoadedStructure loadCurrent(CourseKey course) {
        requireNonNull(course, "course is null");
        return loadStored(course).orElseGet(() -> {
            if (!options.collectOnMiss()) {
                throw new ItemNotFoundException(String.format(Locale.ROOT,
                        "Course[%s] has no current structure in any tier, and collecting on a miss is off;"
                                + " store it with generate-course-blocks --courses %s", course, course));
            }
            return collectOnce(course);
        });
    }

    /**
     * Deletes the course's pointer and every stored version from all tiers; idempotent.
     *
     * @throws io.strata.ports.BackendUnavailableException when the durable store cannot be reached
     */
    public void deleteCourse(CourseKey course) {
        requireNonNull(course, "course is null");
        store.deleteCourse(course);
    }

    private Optional<LoadedStructure> loadStored(CourseKey course) {
        return store.loadPointer(course, servingTiers)
                .filter(this::isCollectedByCurrentTransformers)
                .flatMap(address -> store.load(address, servingTiers))
                .filter(stored -> collector.isUpToDate(stored.structure()))
                .map(stored -> new LoadedStructure(stored.structure(), stored.tierName(), stored.encodedBytes()));
    }

    private Optional<StoredStructure> loadIfCurrent(CourseKey course, StructureAddress address, TierSelection tiers) {
        return store.loadPointer(course, tiers)
                .filter(address::equals)
                .flatMap(current -> store.load(current, tiers))
                .filter(stored -> collector.isUpToDate(stored.structure()));
    }

    private boolean isCollectedByCurrentTransformers(StructureAddress address) {
        return address.transformerHash().equals(collector.writeVersionHash())
                && address.codecVersion() == StructureCodec.FORMAT_VERSION;
    }

    private LoadedStructure collectOnce(CourseKey course) {
        var mine = new CompletableFuture<LoadedStructure>();
        var running = inFlight.putIfAbsent(course, mine);
        if (running != null) {
            listener.onJoinedCollect(course);
            return await(running);
        }
        // A leader that just finished may have stored the course between our miss and now.
        return lead(course, mine, () -> loadStored(course)
                .orElseGet(() -> underLease(course, () -> loadStored(course), () -> collectAndStore(course))),
                loaded -> loaded);
    }

    /**
     * Generates the version unless it is stored, sharing the collect with the other callers of this
     * process (loads too) and, with a lease, of other processes. A caller that joined a collect looks
     * again once it ends: the collect it joined may have stored another version.
     */
    private GenerateOutcome generateOnce(Generation request) {
        var course = request.address().course();
        while (true) {
            var stored = loadGenerated(request);
            if (stored.isPresent()) {
                return stored.get().outcome();
            }
            var mine = new CompletableFuture<LoadedStructure>();
            var running = inFlight.putIfAbsent(course, mine);
            if (running == null) {
                return lead(course, mine, () -> loadGenerated(request)
                        .orElseGet(() -> underLease(course, () -> loadGenerated(request),
                                () -> collectAndStore(request))), Generated::loaded).outcome();
            }
            listener.onJoinedCollect(course);
            await(running);
        }
    }

    /** Runs the work as this process's one collect of the course, handing its result to those who wait for it. */
    private <T> T lead(CourseKey course, CompletableFuture<LoadedStructure> mine, Supplier<T> work,
            Function<T, LoadedStructure> loaded) {
        try {
            var result = work.get();
            mine.complete(loaded.apply(result));
            return result;
        } catch (RuntimeException | Error e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            inFlight.remove(course, mine);
        }
    }

    /** Returns the leader's result, or rethrows the leader's own exception so callers see its type. */
    private static LoadedStructure await(CompletableFuture<LoadedStructure> running) {
        try {
            return running.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            if (e.getCause() instanceof Error failure) {
                throw failure;
            }
            throw e;
        }
    }

    /**
     * Collects the course while holding its lease, or waits for the process that holds it until
     * {@code stored} finds the structure that process stored.
     */
    private <T> T underLease(CourseKey course, Supplier<Optional<T>> stored, Supplier<T> collect) {
        if (options.lease().isEmpty()) {
            return collect.get();
        }
        var lease = options.lease().get();
        var start = clock.instant();
        var wait = lease.firstWait();
        boolean waited = false;
        while (true) {
            Optional<CollectLease.Held> held;
            try {
                held = lease.tryAcquire(course);
            } catch (BackendUnavailableException e) {
                // Without the shared tier no process can coordinate; collecting beats not answering.
                listener.onLeaseUnavailable(course, e);
                return collect.get();
            }
            if (held.isPresent()) {
                if (waited) {
                    listener.onWaitedForLease(course, since(start), false);
                }
                return collectHolding(course, held.get(), stored, collect);
            }

            lease.sleep(course, wait);
            waited = true;
            var found = stored.get();
            if (found.isPresent()) {
                listener.onWaitedForLease(course, since(start), true);
                return found.get();
            }
            wait = lease.nextWait(wait);
        }
    }

    private <T> T collectHolding(CourseKey course, CollectLease.Held held, Supplier<Optional<T>> stored,
            Supplier<T> collect) {
        try {
            // The previous holder may have stored the course just before its lease ended.
            return stored.get().orElseGet(collect);
        } finally {
            try {
                held.release();
            } catch (BackendUnavailableException e) {
                listener.onLeaseUnavailable(course, e);
            }
        }
    }

    private LoadedStructure collectAndStore(CourseKey course) {
        var readStart = clock.instant();
        var sourceCourse = source.read(course.toString());
        var address = addressOf(course, sourceCourse);
        var structure = collect(course, sourceCourse, clock.instant());

        int bytes = storeForServing(address, structure, readStart.toEpochMilli());
        return new LoadedStructure(structure, LoadedStructure.COLLECTED, bytes);
    }

    /**
     * Stores a structure collected to answer a load. The structure is correct whether or not it
     * could be kept: when the durable store refuses or cannot be reached, the failure goes to the
     * listener, the caches get it alone, and the caller is answered from it.
     */
    private int storeForServing(StructureAddress address, BlockStructure structure, long generation) {
        try {
            return store.store(address, structure, options.readsDurable(), generation);
        } catch (BackendUnavailableException | BackendFailureException e) {
            listener.onStoreFailed(address.course(), TieredStructureStore.DURABLE_TIER, e);
            return store.store(address, structure, /* withDurable= */ false, generation);
        }
    }

    /** Returns the outcome of a generate that finds the version stored and up to date, when it is. */
    private Optional<Generated> loadGenerated(Generation request) {
        var checkStart = clock.instant();
        var address = request.address();
        var tiers = request.withStorage() && store.hasDurable() ? TierSelection.DURABLE : TierSelection.CACHES;
        return loadIfCurrent(address.course(), address, tiers).map(stored -> {
            // Found below, maybe stored by another process: this process's kept pointer may name the old version.
            store.forgetKeptPointer(address.course());
            listener.onSkipped(address.course(), address.courseVersion());
            var outcome = outcome(address, GenerateOutcome.Status.SKIPPED, stored.structure(), stored.encodedBytes(),
                    request.readDuration(), Duration.ZERO, since(checkStart));
            return new Generated(outcome, new LoadedStructure(stored.structure(), stored.tierName(),
                    stored.encodedBytes()));
        });
    }

    private Generated collectAndStore(Generation request) {
        var address = request.address();
        var collectStart = clock.instant();
        var structure = collect(address.course(), request.sourceCourse(), collectStart);
        var storeStart = clock.instant();
        int bytes = store.store(address, structure, request.withStorage(), request.readStart().toEpochMilli());

        var outcome = outcome(address, GenerateOutcome.Status.COLLECTED, structure, bytes, request.readDuration(),
                Duration.between(collectStart, storeStart), since(storeStart));
        return new Generated(outcome, new LoadedStructure(structure, LoadedStructure.COLLECTED, bytes));
    }

    private BlockStructure collect(CourseKey course, SourceCourse sourceCourse, Instant start) {
        var structure = collector.collect(sourceCourse);
        listener.onCollected(course, structure.size(), since(start));
        return structure;
    }

    private StructureAddress addressOf(CourseKey course, SourceCourse sourceCourse) {
        return new StructureAddress(course, sourceCourse.version(), collector.writeVersionHash(),
                StructureCodec.FORMAT_VERSION);
    }

    private GenerateOutcome outcome(StructureAddress address, GenerateOutcome.Status status, BlockStructure structure,
            int bytes, Duration read, Duration collect, Duration store) {
        return new GenerateOutcome(address.course(), status, structure.size(), bytes, address.courseVersion(), read,
                collect, store);
    }

    private Duration since(Instant start) {
        return Duration.between(start, clock.instant());
    }

    /** Is one generate call: the version the source holds and how to store it. */
    private record Generation(StructureAddress address, SourceCourse sourceCourse, boolean withStorage,
            Instant readStart, Duration readDuration) {
    }

    /** Is what a generate did, and the structure it leaves current for the loads that waited on it. */
    private record Generated(GenerateOutcome outcome, LoadedStructure loaded) {
    }
}
