package io.strata.domain.store;

import io.strata.domain.codec.CorruptPayloadException;
import io.strata.domain.codec.StructureCodec;
import io.strata.domain.key.CourseKey;
import io.strata.domain.structure.BlockStructure;
import io.strata.ports.BackendUnavailableException;
import io.strata.ports.CacheTier;
import io.strata.ports.DurableStore;
import io.strata.ports.StrataException;

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
 * <p>Thread-safe: it holds no mutable state; concurrent writes of one address write equal bytes.
 */
public final class TieredStructureStore {
    /** Is the tier name under which the durable store is reported. */
    public static final String DURABLE_TIER = "durable";
    /** Is the {@code versionsToKeep} that keeps every version. */
    public static final int KEEP_ALL_VERSIONS = 0;

    private final List<CacheTier> caches;
    private final DurableStore durable;
    private final StructureCodec codec;
    private final DurableLayout layout;
    private final StoreListener listener;
    private final int versionsToKeep;

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
     * {@link StoreListener#onOlderBuildIgnored}. After the pointer moved, the versions beyond the
     * newest {@code versionsToKeep} are deleted from the durable store; a failed delete is reported
     * to {@link StoreListener#onTierFailure} and never fails the write.
     *
     * <p>The generation check reads the pointer, then writes it: two writers finishing within that
     * short window can still both move it, and the last one wins.
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
            var current = currentDurablePointer(address.course());
            if (current.isPresent() && current.get().generation() > generation
                    && !current.get().address().equals(address)) {
                movePointer = false;
                listener.onOlderBuildIgnored(current.get().address(), address);
            } else {
                var previous = previousVersions(address, current);
                int kept = versionsToKeep > 0 ? Math.min(previous.size(), versionsToKeep - 1) : previous.size();
                pointer = PointerText.encode(new PointerText.Pointer(address, generation, previous.subList(0, kept)));
                durable.store(layout.pointerPath(address.course()), pointer);
                prune(address.course(), previous.subList(kept, previous.size()));
            }
        }
        var pointerKey = StructureAddress.pointerCacheKey(address.course());
        for (var cache : caches) {
            storeInCache(cache, address.cacheKey(), payload, true);
            if (movePointer) {
                storeInCache(cache, pointerKey, pointer, false);
            }
        }
        return payload.length;
    }

    private Optional<PointerText.Pointer> currentDurablePointer(CourseKey course) {
        var bytes = durable.load(layout.pointerPath(course));
        if (bytes.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(PointerText.decodePointer(course, bytes.get()));
        } catch (CorruptPayloadException e) {
            // The pointer is replaced below; its history is lost, so older payloads stay until the course is deleted.
            return Optional.empty();
        }
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
            var path = layout.courseFolder(course) + "/" + name + DurableLayout.PAYLOAD_EXTENSION;
            try {
                durable.delete(path);
            } catch (StrataException e) {
                listener.onTierFailure(DURABLE_TIER, e);
            }
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

    private void evictCourse(CacheTier cache, CourseKey course, String pointerKey, Set<StructureAddress> named) {
        try {
            cache.load(pointerKey).flatMap(bytes -> pointerOrEmpty(course, bytes)).ifPresent(named::add);
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
                    fillPayload(caches.subList(0, i), cacheKey, hit.get().bytes(), isPayload);
                    return hit;
                }
            }
        }
        if (!tiers.readsDurable() || durable == null) {
            return Optional.empty();
        }
        var hit = loadFromDurable(durablePath.path(), decoder, isPayload);
        hit.ifPresent(found -> fillPayload(caches, cacheKey, found.bytes(), isPayload));
        return hit;
    }

    /**
     * Copies a payload found in a lower tier into the caches above it. Pointers are never copied
     * by readers: a reader that loaded a pointer just before a writer moved it would otherwise put
     * the old pointer back above the new one. Only {@link #store} writes pointers to caches.
     */
    private void fillPayload(List<CacheTier> tiers, String key, byte[] bytes, boolean isPayload) {
        // TODO(#8): a pointer a process stored in its own in-process tier is not invalidated when
        // another process moves it; publish events must evict it there.
        if (isPayload) {
            fill(tiers, key, bytes, true);
        }
    }

    private <T> Optional<Hit<T>> loadFromCache(CacheTier cache, String key, Function<byte[], T> decoder,
            boolean isPayload) {
        try {
            // A pointer is a few hundred bytes and read on every request: asking for chunk keys
            // along with it would cost the tier a lookup each for nothing.
            var bytes = ChunkedPayloads.load(cache, key, isPayload ? ChunkedPayloads.prefetchChunks(cache) : 0);
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
