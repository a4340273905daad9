package io.strata.domain.store;

import io.strata.domain.codec.CorruptPayloadException;
import io.strata.domain.codec.StructureCodec;
import io.strata.domain.key.CourseKey;
import io.strata.domain.structure.BlockStructure;
import io.strata.ports.BackendUnavailableException;
import io.strata.ports.CacheTier;
import io.strata.ports.DurableEntry;
import io.strata.ports.DurableStore;
import io.strata.ports.StrataException;

import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import static java.util.Objects.requireNonNull;

/**
 * Keeps collected structures in tiers: cache tiers, nearest first, then an optional durable store.
 * Each course also has a current-version pointer naming the address readers should load.
 *
 * <p>Reads go down the tiers and fill the caches above the one that answered. A cache tier that
 * cannot be reached counts as a miss; a durable store that cannot be reached fails the read with
 * {@link BackendUnavailableException}. An entry that fails to decode, or names another address,
 * is reported once to {@link StoreListener#onCorrupt}, removed from its tier so it gets replaced,
 * and counts as a miss: wrong data is never returned.
 *
 * <p>Cache entries go through {@link ChunkedPayloads}: a payload larger than a cache tier's item
 * limit is stored there in chunks under a small head entry, read back with the head in one
 * multi-key read, and a missing or mismatched chunk reads as a miss (then the tier is refilled
 * from the tier that answered) or as a corrupt entry. Pointers are read alone.
 *
 * <p>Writes encode once and go to the durable store first (payload, then pointer, so a reader
 * never finds a durable pointer to a missing payload), then to each cache (payload, then pointer).
 * Cache failures never fail a write; durable failures do.
 *
 * <p>Listener events: every payload read of a tier gives exactly one of onHit, onMiss, onCorrupt or
 * onTierUnavailable; onStored and onSkippedTooLarge concern payloads. Pointers are reported only
 * when corrupt or when their tier is unavailable.
 *
 * <p>Pointers kept in the tier named by {@link PointerTtl} (the in-process tier, which no other
 * process can update) are stored with an expiry time and read as a miss once it has passed, so a
 * pointer another process moved reaches this one within that ttl. A reader copies a pointer it
 * found below into that tier only, and only where the tier holds none; the other caches get
 * pointers from writers alone.
 *
 * <p>Thread-safe: it holds no mutable state; concurrent writes of one address write equal bytes.
 */
public final class TieredStructureStore {
    /** Is the tier name under which the durable store is reported. */
    public static final String DURABLE_TIER = "durable";
    /** Is the {@code versionsToKeep} that keeps every version. */
    public static final int KEEP_ALL_VERSIONS = 0;
    /**
     * Is how many times a write reads the durable pointer and tries to replace it before giving up:
     * each failed try means another writer moved the pointer in between, which takes a build
     * finishing at that very moment, so more than a few in a row means something keeps rewriting it.
     */
    static final int POINTER_ATTEMPTS = 5;

    private final List<CacheTier> caches;
    private final DurableStore durable;
    private final StructureCodec codec;
    private final DurableLayout layout;
    private final StoreListener listener;
    private final int versionsToKeep;
    private final Optional<PointerTtl> pointerTtl;

    /**
     * Creates a store over the tiers.
     *
     * @param caches the cache tiers, nearest (fastest) first; may be empty
     * @param durable the durable store, when one is configured
     */
    public TieredStructureStore(List<CacheTier> caches, Optional<DurableStore> durable, StructureCodec codec,
            DurableLayout layout, StoreListener listener) {
        this(caches, durable, codec, layout, listener, KEEP_ALL_VERSIONS);
    }

    /**
     * Creates a store over the tiers that keeps the newest versions of each course in the durable store.
     *
     * @param versionsToKeep how many published versions of a course the durable store keeps, the
     *     current one included; older ones are deleted after a successful write. 0 or less keeps all
     */
    public TieredStructureStore(List<CacheTier> caches, Optional<DurableStore> durable, StructureCodec codec,
            DurableLayout layout, StoreListener listener, int versionsToKeep) {
        this(caches, durable, codec, layout, listener, versionsToKeep, Optional.empty());
    }

    /**
     * Creates a store over the tiers that keeps the course pointers of one cache tier only for a
     * while (see {@link PointerTtl}).
     *
     * @throws IllegalArgumentException when the pointer ttl names a tier that is not among the caches
     */
    public TieredStructureStore(List<CacheTier> caches, Optional<DurableStore> durable, StructureCodec codec,
            DurableLayout layout, StoreListener listener, int versionsToKeep, Optional<PointerTtl> pointerTtl) {
        this.pointerTtl = requireNonNull(pointerTtl, "pointerTtl is null");
        pointerTtl.ifPresent(ttl -> {
            if (caches.stream().noneMatch(cache -> cache == ttl.tier())) {
                throw new IllegalArgumentException("pointer ttl tier[" + ttl.tier().name() + "] is not a cache tier");
            }
        });
        this.versionsToKeep = versionsToKeep;
        this.caches = List.copyOf(requireNonNull(caches, "caches is null"));
        this.durable = requireNonNull(durable, "durable is null").orElse(null);
        this.codec = requireNonNull(codec, "codec is null");
        this.layout = requireNonNull(layout, "layout is null");
        this.listener = requireNonNull(listener, "listener is null");
    }

    /** Returns whether a durable store is configured. */
    public boolean hasDurable() {
        return durable != null;
    }

    /** Returns the structure at the address from any tier; see {@link #load(StructureAddress, TierSelection)}. */
    public Optional<StoredStructure> load(StructureAddress address) {
        return load(address, TierSelection.ALL);
    }

    /**
     * Returns the structure at the address from the nearest selected tier that holds a valid
     * payload, after storing that payload in the caches above it; empty when no selected tier does.
     *
     * @throws BackendUnavailableException when the durable store is selected and cannot be reached
     * @throws io.strata.ports.BackendFailureException when the durable store fails
     */
    public Optional<StoredStructure> load(StructureAddress address, TierSelection tiers) {
        requireNonNull(address, "address is null");
        requireNonNull(tiers, "tiers is null");
        Function<byte[], BlockStructure> decoder = bytes -> decodeAt(address, bytes);

        return loadThrough(address.cacheKey(), () -> layout.payloadPath(address), tiers, decoder, true)
                .map(hit -> new StoredStructure(hit.value(), hit.bytes().length, hit.tierName()));
    }

    /** Returns the course's current address from any tier; see {@link #loadPointer(CourseKey, TierSelection)}. */
    public Optional<StructureAddress> loadPointer(CourseKey course) {
        return loadPointer(course, TierSelection.ALL);
    }

    /**
     * Returns the address the course's current-version pointer names, from the nearest selected
     * tier that holds a valid pointer, after storing it in the caches above; empty when none does.
     *
     * @throws BackendUnavailableException when the durable store is selected and cannot be reached
     * @throws io.strata.ports.BackendFailureException when the durable store fails
     */
    public Optional<StructureAddress> loadPointer(CourseKey course, TierSelection tiers) {
        requireNonNull(course, "course is null");
        requireNonNull(tiers, "tiers is null");
        Function<byte[], StructureAddress> decoder = bytes -> PointerText.decode(course, bytes);

        return loadThrough(StructureAddress.pointerCacheKey(course), () -> layout.pointerPath(course), tiers,
                decoder, false).map(Hit::value);
    }

    /**
     * Encodes the structure once, stores it at the address and moves the course's pointer to it:
     * in the durable store first when {@code withDurable} and one is configured, then in every
     * cache tier. Returns the payload length.
     *
     * @throws IllegalArgumentException when the structure's course or version differs from the
     *     address's, or the address's codec version is not {@link StructureCodec#FORMAT_VERSION}
     * @throws BackendUnavailableException when the durable store is written and cannot be reached
     * @throws io.strata.ports.BackendFailureException when the durable store refuses the write
     */
    public int store(StructureAddress address, BlockStructure structure, boolean withDurable) {
        return store(address, structure, withDurable, System.currentTimeMillis());
    }

    /**
     * Stores the structure as {@link #store(StructureAddress, BlockStructure, boolean)} does, for a
     * build that read its source at {@code generation} (epoch milliseconds). The durable pointer is
     * not moved when it already names a build of a later generation (a slower build of an older
     * source finishing last), and then neither are the caches' pointers: the listener hears
     * {@link StoreListener#onOlderBuildIgnored}, and the payload the ignored build stored is deleted
     * from the durable store again unless the pointer keeps its version or every version is kept
     * (nothing would ever name or prune it). After the pointer moved, the versions beyond the newest
     * {@code versionsToKeep} are deleted from the durable store; a failed delete is reported to
     * {@link StoreListener#onTierFailure} and never fails the write. A pointer that cannot be read
     * (corrupt) is replaced, and the payloads listed in the course folder become its previous
     * versions, so that later writes prune them.
     *
     * <p>The pointer is read with its revision and replaced only if that revision is still current
     * ({@link DurableStore#storeIfUnchanged}); when another writer moved it in between, it is read
     * and judged again, at most {@value #POINTER_ATTEMPTS} times. So of two builds finishing together
     * the one of the later generation always ends up current, on a store that enforces conditional
     * writes.
     *
     * @throws BackendUnavailableException also when other writers moved the pointer at every attempt
     */
    public int store(StructureAddress address, BlockStructure structure, boolean withDurable, long generation) {
        requireNonNull(address, "address is null");
        requireNonNull(structure, "structure is null");
        checkMatches(address, structure);
        var payload = codec.encode(structure, address.transformerHash());
        var pointer = PointerText.encode(new PointerText.Pointer(address, generation, List.of()));
        boolean movePointer = true;

        if (withDurable && durable != null) {
            durable.store(layout.payloadPath(address), payload);
            listener.onStored(DURABLE_TIER, payload.length);
            var moved = moveDurablePointer(address, generation);
            movePointer = moved.isPresent();
            pointer = moved.orElse(pointer);
        }
        var pointerKey = StructureAddress.pointerCacheKey(address.course());
        for (var cache : caches) {
            storeInCache(cache, address.cacheKey(), payload, true);
            if (movePointer) {
                storeInCache(cache, pointerKey, withExpiry(cache, pointer), false);
            }
        }
        return payload.length;
    }

    /**
     * Moves the durable pointer to the address unless it names a later generation; returns the
     * pointer written, or empty when the older build was ignored. Prunes after a successful move.
     */
    private Optional<byte[]> moveDurablePointer(StructureAddress address, long generation) {
        var course = address.course();
        var path = layout.pointerPath(course);
        for (int attempt = 1; attempt <= POINTER_ATTEMPTS; attempt++) {
            var entry = durable.loadEntry(path);
            var current = entry.flatMap(found -> pointerOf(course, found));
            if (current.isPresent() && current.get().generation() > generation
                    && !current.get().address().equals(address)) {
                listener.onOlderBuildIgnored(current.get().address(), address);
                deleteIgnoredPayload(address, current.get());
                return Optional.empty();
            }
            boolean historyLost = entry.isPresent() && current.isEmpty();
            var previous = historyLost ? listedVersions(address) : previousVersions(address, current);
            int kept = versionsToKeep > 0 && !historyLost ? Math.min(previous.size(), versionsToKeep - 1)
                    : previous.size();
            var pointer = PointerText.encode(new PointerText.Pointer(address, generation, previous.subList(0, kept)));
            if (durable.storeIfUnchanged(path, entry.map(DurableEntry::revision), pointer)) {
                prune(course, previous.subList(kept, previous.size()));
                return Optional.of(pointer);
            }
        }
        throw new BackendUnavailableException(String.format(Locale.ROOT,
                "Cannot move the pointer of course[%s] to version[%s]: other writers moved it at each of %d"
                        + " attempts; run the build again once they are done",
                course, address.versionName(), POINTER_ATTEMPTS), null);
    }

    private static Optional<PointerText.Pointer> pointerOf(CourseKey course, DurableEntry entry) {
        try {
            return Optional.of(PointerText.decodePointer(course, entry.bytes()));
        } catch (CorruptPayloadException e) {
            // The pointer is replaced, and its history rebuilt from the course folder (listedVersions).
            return Optional.empty();
        }
    }

    /**
     * Deletes the payload an ignored older build just stored, unless the current pointer keeps its
     * version (as current or previous) or every version is kept: nothing else names it, so it would
     * stay until the course is deleted. A failed delete is reported and never fails the write.
     *
     * <p>A third build of the same address with a later generation, storing its payload between
     * this build's reading of the pointer and this delete, would move the pointer to a payload this
     * delete removed; it then reads as a miss and is collected again. That takes one address built
     * twice from sources read on both sides of a newer version, such as a course reverted to a
     * published version during the builds.
     */
    private void deleteIgnoredPayload(StructureAddress address, PointerText.Pointer current) {
        var name = address.versionName();
        if (versionsToKeep <= KEEP_ALL_VERSIONS || current.address().versionName().equals(name)
                || current.previous().contains(name)) {
            return;
        }
        deleteQuietly(layout.payloadPath(address));
    }

    /**
     * Returns the version names of the payloads in the course folder but the address's own, in
     * name order: the history of a pointer that could not be read. The order they were published in
     * is lost, so which of them later writes prune is arbitrary; this write prunes none of them, so
     * it leaves alone the payload of a build that has not moved the pointer yet. A failed listing is
     * reported and gives no history, as before: the write goes on.
     */
    private List<String> listedVersions(StructureAddress address) {
        var folder = layout.courseFolder(address.course()) + "/";
        List<String> paths;
        try {
            paths = durable.list(layout.courseFolder(address.course()));
        } catch (StrataException e) {
            listener.onTierFailure(DURABLE_TIER, e);
            return List.of();
        }
        var names = new ArrayList<String>();
        for (var path : paths) {
            var name = path.substring(folder.length());
            if (name.endsWith(DurableLayout.PAYLOAD_EXTENSION) && name.indexOf('/') < 0) {
                names.add(name.substring(0, name.length() - DurableLayout.PAYLOAD_EXTENSION.length()));
            }
        }
        names.remove(address.versionName());
        return names;
    }

    /** Returns the version names published before the address, newest first, without the address's own. */
    private static List<String> previousVersions(StructureAddress address, Optional<PointerText.Pointer> current) {
        var names = new LinkedHashSet<String>();
        current.ifPresent(pointer -> {
            names.add(pointer.address().versionName());
            names.addAll(pointer.previous());
        });
        names.remove(address.versionName());
        return List.copyOf(names);
    }

    private void prune(CourseKey course, List<String> versionNames) {
        for (var name : versionNames) {
            deleteQuietly(layout.courseFolder(course) + "/" + name + DurableLayout.PAYLOAD_EXTENSION);
        }
    }

    private void deleteQuietly(String path) {
        try {
            durable.delete(path);
        } catch (StrataException e) {
            listener.onTierFailure(DURABLE_TIER, e);
        }
    }

    /**
     * Deletes the course's pointer and every stored version: every durable file in its folder, and
     * in the caches the pointer and the payloads the pointers named (other cached versions are
     * unreachable without a pointer and expire). Deleting an absent course does nothing.
     *
     * @throws BackendUnavailableException when the durable store cannot be reached
     * @throws io.strata.ports.BackendFailureException when the durable store refuses a delete
     */
    public void deleteCourse(CourseKey course) {
        requireNonNull(course, "course is null");
        var pointerKey = StructureAddress.pointerCacheKey(course);
        var named = new LinkedHashSet<StructureAddress>();

        if (durable != null) {
            durable.load(layout.pointerPath(course)).flatMap(bytes -> pointerOrEmpty(course, bytes))
                    .ifPresent(named::add);
            durable.delete(layout.pointerPath(course));
            durable.list(layout.courseFolder(course)).forEach(durable::delete);
        }
        for (var cache : caches) {
            evictCourse(cache, course, pointerKey, named);
        }
    }

    /**
     * Evicts the course's pointer, and the payload it names, from every cache tier, leaving the
     * durable tier as it is: the next read finds the course in the durable tier or collects it.
     * Evicting a course no cache holds does nothing; a cache tier that cannot be reached is
     * reported to the listener and skipped.
     */
    public void evictFromCaches(CourseKey course) {
        requireNonNull(course, "course is null");
        var pointerKey = StructureAddress.pointerCacheKey(course);
        for (var cache : caches) {
            evictCourse(cache, course, pointerKey, new LinkedHashSet<>());
        }
    }

    /**
     * Drops the course's pointer from the tier of the {@link PointerTtl}, the copy this process kept
     * of a pointer read below, so that the next read finds the pointer another process has since
     * moved instead of waiting out the ttl. Does nothing without a {@link PointerTtl}; a tier that
     * cannot be reached or fails is reported to the listener, as every other eviction here is. Idempotent.
     */
    public void forgetKeptPointer(CourseKey course) {
        requireNonNull(course, "course is null");
        pointerTtl.ifPresent(ttl -> evictQuietly(ttl.tier(), StructureAddress.pointerCacheKey(course)));
    }

    private void evictCourse(CacheTier cache, CourseKey course, String pointerKey, Set<StructureAddress> named) {
        try {
            cache.load(pointerKey).flatMap(bytes -> unexpired(cache, bytes))
                    .flatMap(bytes -> pointerOrEmpty(course, bytes)).ifPresent(named::add);
            cache.evict(pointerKey);
            for (var address : named) {
                ChunkedPayloads.evict(cache, address.cacheKey());
            }
        } catch (BackendUnavailableException e) {
            listener.onTierUnavailable(cache.name(), e);
        }
    }

    private static Optional<StructureAddress> pointerOrEmpty(CourseKey course, byte[] bytes) {
        try {
            return Optional.of(PointerText.decode(course, bytes));
        } catch (CorruptPayloadException e) {
            // The pointer is being deleted anyway; its content only tells which payload to evict.
            return Optional.empty();
        }
    }

    private <T> Optional<Hit<T>> loadThrough(String cacheKey, PathSupplier durablePath, TierSelection tiers,
            Function<byte[], T> decoder, boolean isPayload) {
        if (tiers.readsCaches()) {
            for (int i = 0; i < caches.size(); i++) {
                var hit = loadFromCache(caches.get(i), cacheKey, decoder, isPayload);
                if (hit.isPresent()) {
                    fillAbove(caches.subList(0, i), cacheKey, hit.get().bytes(), isPayload);
                    return hit;
                }
            }
        }
        if (!tiers.readsDurable() || durable == null) {
            return Optional.empty();
        }
        var hit = loadFromDurable(durablePath.path(), decoder, isPayload);
        hit.ifPresent(found -> fillAbove(caches, cacheKey, found.bytes(), isPayload));
        return hit;
    }

    /**
     * Copies a payload found in a lower tier into the caches above it. A pointer is copied only
     * into the tier of the {@link PointerTtl}, only where that tier holds none, and only for the
     * ttl: a reader that loaded a pointer just before a writer moved it would otherwise put the old
     * pointer back above the new one. Where the writer's pointer is already there the copy is
     * refused; otherwise an old one lives at most the ttl, the staleness that tier accepts for
     * pointers other processes move. Every other cache gets pointers from {@link #store} alone.
     * Without the copy, a process that did not write a course's pointer would read it from the
     * durable store on every request.
     */
    private void fillAbove(List<CacheTier> tiers, String key, byte[] bytes, boolean isPayload) {
        if (isPayload) {
            fill(tiers, key, bytes, true);
            return;
        }
        pointerTtl.filter(ttl -> tiers.contains(ttl.tier()) && ttl.tier().supportsConditionalWrites())
                .ifPresent(ttl -> storePointerIfAbsent(ttl, key, bytes));
    }

    private void storePointerIfAbsent(PointerTtl ttl, String key, byte[] pointer) {
        var cache = ttl.tier();
        try {
            cache.storeIfAbsent(key, withExpiry(cache, pointer), ttl.ttl());
        } catch (BackendUnavailableException e) {
            listener.onTierUnavailable(cache.name(), e);
        } catch (StrataException | IllegalArgumentException e) {
            listener.onTierFailure(cache.name(), e);
        }
    }

    private <T> Optional<Hit<T>> loadFromCache(CacheTier cache, String key, Function<byte[], T> decoder,
            boolean isPayload) {
        try {
            // A pointer is a few hundred bytes and read on every request: asking for chunk keys
            // along with it would cost the tier a lookup each for nothing.
            var bytes = ChunkedPayloads.load(cache, key, isPayload ? ChunkedPayloads.prefetchChunks(cache) : 0);
            if (!isPayload && bytes.isPresent()) {
                bytes = unexpired(cache, bytes.get());
                if (bytes.isEmpty()) {
                    evictQuietly(cache, key);
                }
            }
            if (bytes.isEmpty()) {
                reportMiss(cache.name(), isPayload);
                return Optional.empty();
            }
            var hit = new Hit<>(decoder.apply(bytes.get()), bytes.get(), cache.name());
            reportHit(cache.name(), isPayload);
            return Optional.of(hit);
        } catch (BackendUnavailableException e) {
            listener.onTierUnavailable(cache.name(), e);
            return Optional.empty();
        } catch (StrataException | IllegalArgumentException e) {
            listener.onTierFailure(cache.name(), e);
            return Optional.empty();
        } catch (CorruptPayloadException e) {
            listener.onCorrupt(cache.name(), key, e);
            evictQuietly(cache, key);
            return Optional.empty();
        }
    }

    private <T> Optional<Hit<T>> loadFromDurable(String path, Function<byte[], T> decoder, boolean isPayload) {
        var bytes = durable.load(path);
        if (bytes.isEmpty()) {
            reportMiss(DURABLE_TIER, isPayload);
            return Optional.empty();
        }
        try {
            var hit = new Hit<>(decoder.apply(bytes.get()), bytes.get(), DURABLE_TIER);
            reportHit(DURABLE_TIER, isPayload);
            return Optional.of(hit);
        } catch (CorruptPayloadException e) {
            listener.onCorrupt(DURABLE_TIER, path, e);
            durable.delete(path);
            return Optional.empty();
        }
    }

    private void fill(List<CacheTier> tiers, String key, byte[] bytes, boolean isPayload) {
        for (var cache : tiers) {
            storeInCache(cache, key, bytes, isPayload);
        }
    }

    private void storeInCache(CacheTier cache, String key, byte[] bytes, boolean isPayload) {
        if (!ChunkedPayloads.fits(cache, bytes.length)) {
            listener.onSkippedTooLarge(cache.name(), bytes.length, cache.maxValueBytes());
            return;
        }
        try {
            ChunkedPayloads.store(cache, key, bytes);
            if (isPayload) {
                listener.onStored(cache.name(), bytes.length);
            }
        } catch (BackendUnavailableException e) {
            listener.onTierUnavailable(cache.name(), e);
        } catch (StrataException | IllegalArgumentException e) {
            listener.onTierFailure(cache.name(), e);
        }
    }

    /** Returns the pointer bytes to store in the cache: with their expiry time first in the tier of the ttl. */
    private byte[] withExpiry(CacheTier cache, byte[] pointer) {
        if (pointerTtl.isEmpty() || pointerTtl.get().tier() != cache) {
            return pointer;
        }
        long expiresAt = pointerTtl.get().clock().millis() + pointerTtl.get().ttl().toMillis();
        return ByteBuffer.allocate(Long.BYTES + pointer.length).putLong(expiresAt).put(pointer).array();
    }

    /** Returns the pointer bytes read from the cache, or empty when their expiry time has passed or is missing. */
    private Optional<byte[]> unexpired(CacheTier cache, byte[] stored) {
        if (pointerTtl.isEmpty() || pointerTtl.get().tier() != cache) {
            return Optional.of(stored);
        }
        if (stored.length < Long.BYTES) {
            // Too short to hold an expiry time: written before the ttl was set; read as a miss and replaced.
            return Optional.empty();
        }
        long expiresAt = ByteBuffer.wrap(stored).getLong();
        return pointerTtl.get().clock().millis() >= expiresAt ? Optional.empty()
                : Optional.of(Arrays.copyOfRange(stored, Long.BYTES, stored.length));
    }

    /**
     * Names the cache tier whose course pointers expire after {@code ttl}, read by {@code clock}:
     * the in-process tier, which another process that moves a pointer cannot update.
     */
    public record PointerTtl(CacheTier tier, Duration ttl, Clock clock) {
        public PointerTtl {
            requireNonNull(tier, "tier is null");
            requireNonNull(ttl, "ttl is null");
            requireNonNull(clock, "clock is null");
            if (ttl.isNegative() || ttl.isZero()) {
                throw new IllegalArgumentException("pointer ttl[" + ttl + "] must be positive");
            }
        }
    }

    private void evictQuietly(CacheTier cache, String key) {
        try {
            cache.evict(key);
        } catch (BackendUnavailableException e) {
            listener.onTierUnavailable(cache.name(), e);
        } catch (StrataException | IllegalArgumentException e) {
            listener.onTierFailure(cache.name(), e);
        }
    }

    private BlockStructure decodeAt(StructureAddress address, byte[] bytes) {
        var decoded = codec.decode(bytes);
        var structure = decoded.structure();
        if (!structure.courseKey().equals(address.course())
                || !structure.courseVersion().equals(address.courseVersion())
                || !decoded.transformerHash().equals(address.transformerHash())
                || decoded.formatVersion() != address.codecVersion()) {
            throw new CorruptPayloadException(String.format(Locale.ROOT,
                    "Payload of course[%s] version[%s] hash[%s] codec[%d] is stored at address[%s]",
                    structure.courseKey(), structure.courseVersion(), decoded.transformerHash(),
                    decoded.formatVersion(), address));
        }
        return structure;
    }

    private static void checkMatches(StructureAddress address, BlockStructure structure) {
        if (!structure.courseKey().equals(address.course())
                || !structure.courseVersion().equals(address.courseVersion())
                || address.codecVersion() != StructureCodec.FORMAT_VERSION) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "Cannot store structure[%s] at address[%s]: course and version must match,"
                            + " and codec version must be %d",
                    structure, address, StructureCodec.FORMAT_VERSION));
        }
    }

    private void reportHit(String tierName, boolean isPayload) {
        if (isPayload) {
            listener.onHit(tierName);
        }
    }

    private void reportMiss(String tierName, boolean isPayload) {
        if (isPayload) {
            listener.onMiss(tierName);
        }
    }

    /** Builds a durable path only when the durable store is actually read. */
    @FunctionalInterface
    private interface PathSupplier {
        String path();
    }

    private record Hit<T>(T value, byte[] bytes, String tierName) {
    }
}
