package io.strata.domain.collect;

import io.strata.domain.structure.BlockStructure;
import io.strata.ports.SourceCourse;

/**
 * Turns a course as its source read it into a collected block structure, and tells whether a
 * stored structure is still valid for the transformers registered now.
 *
 * <p>Implementations are thread-safe and deterministic: collecting the same course twice gives
 * structures that are {@link BlockStructure#isSameAs the same}. Collect never depends on who asked.
 */
public interface StructureCollector {
    /**
     * Collects the course: builds its block structure and runs every registered transformer's
     * collect phase over the whole course.
     *
     * @throws io.strata.ports.InputRejectedException when a block id cannot form a usage key, or
     *     the course's relations are not a DAG reachable from its root; the message names the block
     */
    BlockStructure collect(SourceCourse course);

    /**
     * Returns a short hash of the names and write versions of every registered transformer. It is
     * part of every storage key, so adding a transformer or bumping a version never reads an old
     * payload as new.
     */
    String writeVersionHash();

    /**
     * Returns whether the stored structure can serve the registered transformers: each of them
     * recorded a write version at least its read version.
     */
    boolean isUpToDate(BlockStructure structure);
}
