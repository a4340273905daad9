package io.strata.app.http;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.strata.domain.api.BlocksApiVersion;
import io.strata.domain.key.CourseKey;
import io.strata.domain.store.StructureAddress;
import io.strata.domain.transform.TimeWindow;
import io.strata.domain.transform.UserContext;
import io.strata.ports.LearnerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import static java.util.Objects.requireNonNull;

/*
 * A Blocks API body is a function of the structure (named by its full address), the API version,
 * the query's parameters, who it is for (the learner record as the learner source gives it now, or
 * the anonymous or all-blocks view) and the request time. The first four make the key; the time
 * cannot (every request has its own), so each body keeps the window of request times over which its
 * transform would have decided every date rule the same way (TimeWindow, reported by the domain),
 * and is given only to a request whose time lies in that window. A publish moves the course's
 * pointer, so the next request's key names the new address; a delete forgets the course at once.
 * Bodies are weighed in bytes; the least recently used go first.
 *
 * Bodies are kept in direct (off-heap) buffers: a socket write from a heap array first copies it
 * into a temporary direct buffer, which on a 400 KB outline cost a fifth to a third of a cached
 * request's CPU (docs/benchmarks.md). Direct memory counts against -XX:MaxDirectMemorySize (by default the
 * maximum heap); a body that cannot get it is not kept, with one WARN.
 */
/** Keeps rendered Blocks API response bodies for identical requests; thread-safe. */
final class RenderedResponses {
    private static final Logger log = LoggerFactory.getLogger(RenderedResponses.class);
    /** Is a guess at what an entry costs beside its body: the key, the record and Caffeine's node. */
    private static final int ENTRY_OVERHEAD_BYTES = 512;

    private final Optional<Cache<ResponseKey, Body>> bodies;
    private final Counter hits;
    private final Counter misses;
    private final AtomicBoolean hasWarnedOfMemory = new AtomicBoolean();

    /**
     * Creates the cache.
     *
     * @param maxBytes how many bytes the bodies may take in all; 0 keeps none
     */
    RenderedResponses(long maxBytes, MeterRegistry registry) {
        if (maxBytes < 0) {
            throw new IllegalArgumentException("maxBytes[" + maxBytes + "] must not be negative");
        }
        requireNonNull(registry, "registry is null");
        this.bodies = maxBytes == 0 ? Optional.empty() : Optional.of(Caffeine.newBuilder()
                .maximumWeight(maxBytes)
                .<ResponseKey, Body>weigher((key, body) -> body.weight())
                .build());
        this.hits = registry.counter("strata.responses.cache.hits");
        this.misses = registry.counter("strata.responses.cache.misses");
    }

    /** Returns whether bodies are kept at all. */
    boolean isEnabled() {
        return bodies.isPresent();
    }

    /**
     * Returns the body kept for the key when the request time {@code now} lies in its window, as a
     * read-only buffer of its own (position 0, limit the body's length); empty otherwise (counted as
     * a miss) or when nothing is kept.
     */
    Optional<ByteBuffer> find(ResponseKey key, Instant now) {
        requireNonNull(key, "key is null");
        requireNonNull(now, "now is null");
        if (bodies.isEmpty()) {
            return Optional.empty();
        }
        var body = bodies.get().getIfPresent(key);
        if (body == null || !body.validity().contains(now)) {
            misses.increment();
            return Optional.empty();
        }
        hits.increment();
        return Optional.of(body.bytes().duplicate());
    }

    /**
     * Keeps a copy of the body for the key, replacing any kept before; it is given to later requests
     * with the same key whose time lies in {@code validity}.
     */
    void store(ResponseKey key, byte[] body, TimeWindow validity) {
        requireNonNull(key, "key is null");
        requireNonNull(body, "body is null");
        requireNonNull(validity, "validity is null");
        if (bodies.isEmpty()) {
            return;
        }
        ByteBuffer copy;
        try {
            copy = ByteBuffer.allocateDirect(body.length).put(body).flip().asReadOnlyBuffer();
        } catch (OutOfMemoryError e) {
            // Thrown by the direct-memory limit (after a collection), not by an exhausted heap.
            if (hasWarnedOfMemory.compareAndSet(false, true)) {
                log.warn("Rendered response[{} bytes] not kept: direct memory is full; raise"
                        + " -XX:MaxDirectMemorySize or lower service.responses.max-bytes", body.length, e);
            }
            return;
        }
        bodies.get().put(key, new Body(copy, validity));
    }

    /** Forgets every body of the course, of every version. */
    void forget(CourseKey course) {
        requireNonNull(course, "course is null");
        bodies.ifPresent(cache -> cache.asMap().keySet().removeIf(key -> key.address().course().equals(course)));
    }

    /** Returns how many bodies are kept, after pending evictions. */
    long size() {
        bodies.ifPresent(Cache::cleanUp);
        return bodies.map(Cache::estimatedSize).orElse(0L);
    }

    /**
     * Is everything a response body depends on but the request time.
     *
     * @param address the structure's full address: course, content version, transformer hash, codec
     * @param version the Blocks API version
     * @param query every parameter of the request, as parsed (the as-of time included)
     * @param viewer who the body is for
     */
    record ResponseKey(StructureAddress address, BlocksApiVersion version, BlocksQuery query, Viewer viewer) {
        ResponseKey {
            requireNonNull(address, "address is null");
            requireNonNull(version, "version is null");
            requireNonNull(query, "query is null");
            requireNonNull(viewer, "viewer is null");
        }
    }

    /**
     * Is who a body is for: everything of the user's context except the time.
     *
     * @param username the user's name; empty for the anonymous and all-blocks views
     * @param learner the learner record as the learner source gave it: roles, enrollment, cohort,
     *     partition groups and saved item-bank selections; empty for the anonymous and all-blocks views
     * @param isStaff whether the user has staff rights in the course
     * @param isBetaTester whether the user is a beta tester
     * @param isAllBlocks whether the view is all-blocks
     */
    record Viewer(Optional<String> username, Optional<LearnerRecord> learner, boolean isStaff,
            boolean isBetaTester, boolean isAllBlocks) {
        Viewer {
            requireNonNull(username, "username is null");
            requireNonNull(learner, "learner is null");
        }

        /** Returns the viewer of the context. */
        static Viewer of(UserContext user) {
            requireNonNull(user, "user is null");
            return new Viewer(user.username(), user.learner(), user.isStaff(), user.isBetaTester(), user.isAllBlocks());
        }
    }

    /** Is a kept body: a read-only direct buffer, never read through itself (only duplicates). */
    private record Body(ByteBuffer bytes, TimeWindow validity) {
        int weight() {
            return (int) Math.min(Integer.MAX_VALUE, (long) bytes.capacity() + ENTRY_OVERHEAD_BYTES);
        }
    }
}
