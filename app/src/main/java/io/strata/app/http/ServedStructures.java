package io.strata.app.http;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.strata.domain.codec.StructureCodec;
import io.strata.domain.key.CourseKey;
import io.strata.domain.manager.BlockStructureManager;
import io.strata.domain.manager.LoadedStructure;
import io.strata.domain.store.StructureAddress;
import io.strata.domain.store.TieredStructureStore;
import io.strata.domain.structure.BlockStructure;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/*
 * The in-process tier holds encoded payloads, so a request served from it would decode the whole
 * course every time (milliseconds for a large course). The service keeps decoded structures too,
 * keyed by the full address the course's pointer names (course, version, transformer hash, codec),
 * so a warm request reads the pointer (a few bytes from the in-process tier), finds the structure
 * and only transforms and renders. A publish moves the pointer to a new address, so the next
 * request misses here and loads the new version; the old one ages out. Structures are immutable
 * and shared, so one copy serves every concurrent request.
 */
/** Loads a course's current structure, keeping decoded structures in memory; thread-safe. */
final class ServedStructures {
    /** Is the source reported for a structure found already decoded in memory. */
    static final String DECODED = "decoded";

    private final BlockStructureManager manager;
    private final TieredStructureStore store;
    private final String transformerHash;
    private final Optional<Cache<StructureAddress, BlockStructure>> decoded;

    /**
     * Creates the loader.
     *
     * @param transformerHash the write-version hash of the transformers structures are collected by
     * @param maxBlocks how many blocks the decoded structures may hold in all; 0 keeps none
     */
    ServedStructures(BlockStructureManager manager, TieredStructureStore store, String transformerHash,
            long maxBlocks) {
        this.manager = requireNonNull(manager, "manager is null");
        this.store = requireNonNull(store, "store is null");
        this.transformerHash = requireNonNull(transformerHash, "transformerHash is null");
        this.decoded = maxBlocks == 0 ? Optional.empty() : Optional.of(Caffeine.newBuilder()
                .maximumWeight(maxBlocks)
                .<StructureAddress, BlockStructure>weigher((address, structure) -> Math.max(1, structure.size()))
                .build());
    }

    /**
     * Returns the course's current structure and where it came from.
     *
     * @throws io.strata.ports.ItemNotFoundException when the course must be collected and its source lacks it
     * @throws io.strata.ports.BackendUnavailableException when the durable store must be read and cannot be
     */
    LoadedStructure load(CourseKey course) {
        if (decoded.isEmpty()) {
            return manager.loadCurrent(course);
        }
        var current = store.loadPointer(course).filter(this::isCurrentFormat);
        var found = current.map(address -> decoded.get().getIfPresent(address));
        if (found.isPresent()) {
            return new LoadedStructure(found.get(), DECODED, 0);
        }
        var loaded = manager.loadCurrent(course);
        decoded.get().put(addressOf(course, loaded.structure()), loaded.structure());
        return loaded;
    }

    /**
     * Returns the full address of a structure {@link #load} returned for the course: the course, its
     * content version and what it was collected and encoded by.
     */
    StructureAddress addressOf(CourseKey course, BlockStructure structure) {
        return new StructureAddress(course, structure.courseVersion(), transformerHash, StructureCodec.FORMAT_VERSION);
    }

    /** Forgets every decoded structure of the course. */
    void forget(CourseKey course) {
        decoded.ifPresent(cache -> cache.asMap().keySet().removeIf(address -> address.course().equals(course)));
    }

    private boolean isCurrentFormat(StructureAddress address) {
        return address.transformerHash().equals(transformerHash)
                && address.codecVersion() == StructureCodec.FORMAT_VERSION;
    }
}
