package io.strata.domain.store;

import io.strata.domain.codec.SampleStructures;
import io.strata.domain.codec.StructureCodec;
import io.strata.domain.key.CourseKey;
import io.strata.domain.structure.BlockStructure;
import io.strata.ports.BackendUnavailableException;
import io.strata.ports.CacheTier;
import io.strata.ports.DurableStore;
import io.strata.testkit.ForwardingDurableStore;
import io.strata.testkit.InMemoryDurableStore;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TieredStructureStoreTest {
    private static final CourseKey COURSE = SampleStructures.COURSE;
    private static final StructureAddress ADDRESS =
            new StructureAddress(COURSE, "v1", "hash1", StructureCodec.FORMAT_VERSION);
    private static final BlockStructure STRUCTURE = SampleStructures.smallCourse(COURSE, "v1");

    private final NamedCacheTier near = new NamedCacheTier("near");
    private final NamedCacheTier far = new NamedCacheTier("far");
    private final InMemoryDurableStore durable = new InMemoryDurableStore();
    private final DurableLayout layout = new DurableLayout("structures");
    private final RecordingStoreListener listener = new RecordingStoreListener();
    private final TieredStructureStore store = storeOver(List.of(near, far), durable);

    @Test
    void load_nothingStored_returnsEmptyAfterMissingEveryTier() {
        var loaded = store.load(ADDRESS);

        assertThat(loaded).isEmpty();
        assertThat(listener.events()).containsExactly("miss:near", "miss:far", "miss:durable");
    }

    @Test
    void load_afterStore_answersFromNearestCache() {
        store.store(ADDRESS, STRUCTURE, true);
        listener.clear();

        var loaded = store.load(ADDRESS).orElseThrow();

        assertThat(loaded.tierName()).isEqualTo("near");
        assertThat(loaded.structure().isSameAs(STRUCTURE)).isTrue();
        assertThat(listener.events()).containsExactly("hit:near");
    }

    @Test
    void store_withDurable_writesEveryTier() {
        int bytes = store.store(ADDRESS, STRUCTURE, true);

        assertThat(durable.paths()).containsExactly("structures/course-v1:edX+DemoX+2024/current",
                "structures/course-v1:edX+DemoX+2024/v1-hash1-c" + StructureCodec.FORMAT_VERSION + ".strb");
        assertThat(near.memory().keys()).contains(ADDRESS.cacheKey(), StructureAddress.pointerCacheKey(COURSE));
        assertThat(far.memory().keys()).contains(ADDRESS.cacheKey(), StructureAddress.pointerCacheKey(COURSE));
        assertThat(bytes).isEqualTo(durable.load(layout.payloadPath(ADDRESS)).orElseThrow().length);
        assertThat(listener.events()).containsExactly("stored:durable", "stored:near", "stored:far");
    }

    @Test
    void store_withDurable_writesPayloadBeforePointer() {
        var writes = new ArrayList<String>();
        var recording = new RecordingDurableStore(durable, writes);
        var ordered = storeOver(List.of(), recording);

        ordered.store(ADDRESS, STRUCTURE, true);

        assertThat(writes).containsExactly(layout.payloadPath(ADDRESS), layout.pointerPath(COURSE));
    }

    @Test
    void store_withoutDurable_writesCachesOnly() {
        store.store(ADDRESS, STRUCTURE, false);

        assertThat(durable.paths()).isEmpty();
        assertThat(store.load(ADDRESS, TierSelection.CACHES)).isPresent();
        assertThat(store.loadPointer(COURSE, TierSelection.CACHES)).contains(ADDRESS);
    }

    @Test
    void load_hitInDurable_fillsEveryCache() {
        store.store(ADDRESS, STRUCTURE, true);
        near.memory().evictAll();
        far.memory().evictAll();
        listener.clear();

        var loaded = store.load(ADDRESS).orElseThrow();

        assertThat(loaded.tierName()).isEqualTo(TieredStructureStore.DURABLE_TIER);
        assertThat(listener.events()).containsExactly("miss:near", "miss:far", "hit:durable", "stored:near",
                "stored:far");
        assertThat(store.load(ADDRESS).orElseThrow().tierName()).isEqualTo("near");
    }

    @Test
    void load_hitInSecondCache_fillsTheFirstOnly() {
        store.store(ADDRESS, STRUCTURE, true);
        near.memory().evictAll();
        listener.clear();

        var loaded = store.load(ADDRESS).orElseThrow();

        assertThat(loaded.tierName()).isEqualTo("far");
        assertThat(listener.events()).containsExactly("miss:near", "hit:far", "stored:near");
    }

    @Test
    void load_durableSelected_skipsCachesAndFillsThem() {
        store.store(ADDRESS, STRUCTURE, true);
        near.memory().evictAll();
        listener.clear();

        var loaded = store.load(ADDRESS, TierSelection.DURABLE).orElseThrow();

        assertThat(loaded.tierName()).isEqualTo(TieredStructureStore.DURABLE_TIER);
        assertThat(listener.events()).containsExactly("hit:durable", "stored:near", "stored:far");
    }

    @Test
    void load_cachesSelected_neverReadsDurable() {
        store.store(ADDRESS, STRUCTURE, true);
        near.memory().evictAll();
        far.memory().evictAll();
        durable.setAvailable(false);

        var loaded = store.load(ADDRESS, TierSelection.CACHES);

        assertThat(loaded).isEmpty();
    }

    @Test
    void load_corruptDurablePayload_isMissReportedOnceAndDeleted() {
        store.store(ADDRESS, STRUCTURE, false);
        durable.store(layout.payloadPath(ADDRESS), "not a payload".getBytes(StandardCharsets.UTF_8));
        near.memory().evictAll();
        far.memory().evictAll();
        listener.clear();

        var first = store.load(ADDRESS);
        var second = store.load(ADDRESS);

        assertThat(first).isEmpty();
        assertThat(second).isEmpty();
        assertThat(listener.events()).containsOnlyOnce("corrupt:durable").doesNotContain("hit:durable");
        assertThat(durable.paths()).doesNotContain(layout.payloadPath(ADDRESS));
    }

    @Test
    void load_corruptDurablePayloadReplaced_loadsTheReplacement() {
        durable.store(layout.payloadPath(ADDRESS), new byte[] {1, 2, 3});
        store.load(ADDRESS);

        store.store(ADDRESS, STRUCTURE, true);
        near.memory().evictAll();
        far.memory().evictAll();
        var loaded = store.load(ADDRESS).orElseThrow();

        assertThat(loaded.tierName()).isEqualTo(TieredStructureStore.DURABLE_TIER);
        assertThat(loaded.structure().isSameAs(STRUCTURE)).isTrue();
    }

    @Test
    void load_corruptCachePayload_evictsItAndFallsThrough() {
        store.store(ADDRESS, STRUCTURE, true);
        var payload = near.memory().load(ADDRESS.cacheKey()).orElseThrow();
        payload[payload.length - 1] ^= 1;
        near.memory().store(ADDRESS.cacheKey(), payload);
        listener.clear();

        var loaded = store.load(ADDRESS).orElseThrow();

        assertThat(loaded.tierName()).isEqualTo("far");
        assertThat(listener.events()).containsExactly("corrupt:near", "hit:far", "stored:near");
        assertThat(store.load(ADDRESS).orElseThrow().tierName()).isEqualTo("near");
    }

    @Test
    void load_payloadOfAnotherAddress_isCorruptAndMiss() {
        var other = new StructureAddress(COURSE, "v2", "hash1", StructureCodec.FORMAT_VERSION);
        store.store(ADDRESS, STRUCTURE, true);
        durable.store(layout.payloadPath(other), durable.load(layout.payloadPath(ADDRESS)).orElseThrow());
        listener.clear();

        var loaded = store.load(other);

        assertThat(loaded).isEmpty();
        assertThat(listener.events()).containsExactly("miss:near", "miss:far", "corrupt:durable");
    }

    @Test
    void load_unavailableCache_fallsThroughToTheNext() {
        store.store(ADDRESS, STRUCTURE, true);
        near.memory().setAvailable(false);
        listener.clear();

        var loaded = store.load(ADDRESS).orElseThrow();

        assertThat(loaded.tierName()).isEqualTo("far");
        assertThat(listener.events()).containsExactly("unavailable:near", "hit:far", "unavailable:near");
    }

    @Test
    void load_unavailableDurable_throwsBackendUnavailable() {
        durable.setAvailable(false);

        assertThatThrownBy(() -> store.load(ADDRESS)).isInstanceOf(BackendUnavailableException.class);
    }

    @Test
    void store_unavailableCache_stillWritesTheOtherTiers() {
        near.memory().setAvailable(false);

        store.store(ADDRESS, STRUCTURE, true);

        assertThat(listener.events()).containsExactly("stored:durable", "unavailable:near", "unavailable:near",
                "stored:far");
        near.memory().setAvailable(true);
        assertThat(store.load(ADDRESS).orElseThrow().tierName()).isEqualTo("far");
    }

    @Test
    void store_payloadLargerThanCacheLimit_skipsThatTier() {
        int size = new StructureCodec().encode(STRUCTURE, "hash1").length;
        var small = new NamedCacheTier("small", size - 1);
        var exact = new NamedCacheTier("exact", size);
        var sized = storeOver(List.of(small, exact), durable);

        sized.store(ADDRESS, STRUCTURE, true);

        assertThat(listener.events()).containsExactly("stored:durable", "too-large:small", "stored:exact");
        assertThat(small.memory().keys()).containsExactly(StructureAddress.pointerCacheKey(COURSE));
        assertThat(sized.load(ADDRESS).orElseThrow().tierName()).isEqualTo("exact");
    }

    @Test
    void store_payloadLargerThanCacheLimit_isChunkedAndLoadedBackEqual() {
        var large = SampleStructures.incompressible(COURSE, "v1", 20_000);
        var chunked = new NamedCacheTier("chunked", ChunkedPayloads.MIN_CHUNK_BYTES);
        var sized = storeOver(List.of(chunked), durable);

        int bytes = sized.store(ADDRESS, large, true);
        listener.clear();
        var loaded = sized.load(ADDRESS, TierSelection.CACHES).orElseThrow();

        assertThat(bytes).isGreaterThan(10 * (int) ChunkedPayloads.MIN_CHUNK_BYTES);
        assertThat(chunked.memory().keys()).hasSizeGreaterThan(10);
        assertThat(loaded.tierName()).isEqualTo("chunked");
        assertThat(loaded.encodedBytes()).isEqualTo(bytes);
        assertThat(loaded.structure().size()).isEqualTo(large.size());
        assertThat(listener.events()).containsExactly("hit:chunked");
    }

    @Test
    void load_chunkedPayloadAfterItsPointer_readsThePointerAloneAndThePayloadInOneMultiKeyRead() {
        var large = SampleStructures.incompressible(COURSE, "v1", 20_000);
        int bytes = storeOver(List.of(), new InMemoryDurableStore()).store(ADDRESS, large, false);
        var reads = new ArrayList<String>();
        var recording = new ReadRecordingTier(new NamedCacheTier("chunked", bytes / 3 + 1), reads);
        var sized = storeOver(List.of(recording), durable);
        sized.store(ADDRESS, large, true);

        var pointer = sized.loadPointer(COURSE, TierSelection.CACHES);
        var loaded = sized.load(ADDRESS, TierSelection.CACHES).orElseThrow();

        assertThat(pointer).contains(ADDRESS);
        assertThat(loaded.tierName()).isEqualTo("chunked");
        assertThat(recording.delegate().memory().keys()).contains(ADDRESS.cacheKey() + ":chunk2");
        assertThat(reads).containsExactly("load " + StructureAddress.pointerCacheKey(COURSE),
                "loadAll " + (1 + ChunkedPayloads.MAX_PREFETCH_CHUNKS));
    }

    @Test
    void load_chunkEvictedBetweenHeadAndChunks_missesAndRewritesTheTier() {
        var large = SampleStructures.incompressible(COURSE, "v1", 20_000);
        var evicting = new EvictingAfterHeadRead(new NamedCacheTier("evicting", ChunkedPayloads.MIN_CHUNK_BYTES),
                ADDRESS.cacheKey());
        var sized = storeOver(List.of(evicting), durable);
        sized.store(ADDRESS, large, true);
        listener.clear();

        var loaded = sized.load(ADDRESS).orElseThrow();

        assertThat(loaded.tierName()).isEqualTo(TieredStructureStore.DURABLE_TIER);
        assertThat(listener.events()).containsExactly("miss:evicting", "hit:durable", "stored:evicting");
        evicting.armed = false;
        assertThat(sized.load(ADDRESS, TierSelection.CACHES).orElseThrow().tierName()).isEqualTo("evicting");
    }

    @Test
    void load_chunkOfOtherBytes_isCorruptEvictedAndReadBelow() {
        var large = SampleStructures.incompressible(COURSE, "v1", 20_000);
        var chunked = new NamedCacheTier("chunked", ChunkedPayloads.MIN_CHUNK_BYTES);
        var sized = storeOver(List.of(chunked), durable);
        sized.store(ADDRESS, large, true);
        var firstChunk = ADDRESS.cacheKey() + ":chunk0";
        chunked.memory().store(firstChunk, new byte[(int) ChunkedPayloads.MIN_CHUNK_BYTES]);
        listener.clear();

        var loaded = sized.load(ADDRESS).orElseThrow();

        assertThat(loaded.tierName()).isEqualTo(TieredStructureStore.DURABLE_TIER);
        assertThat(listener.events()).containsExactly("corrupt:chunked", "hit:durable", "stored:chunked");
    }

    @Test
    void store_structureOfAnotherVersion_throwsIllegalArgument() {
        var other = SampleStructures.smallCourse(COURSE, "v2");

        assertThatThrownBy(() -> store.store(ADDRESS, other, true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("address[");
    }

    @Test
    void loadPointer_fromDurable_returnsTheAddressWithoutCopyingItIntoCaches() {
        store.store(ADDRESS, STRUCTURE, true);
        near.memory().evictAll();
        far.memory().evictAll();

        var pointer = store.loadPointer(COURSE);

        assertThat(pointer).contains(ADDRESS);
        assertThat(store.loadPointer(COURSE, TierSelection.CACHES)).isEmpty();
    }

    @Test
    void loadPointer_flippedByte_isCorruptReportedAndMissing() {
        store.store(ADDRESS, STRUCTURE, true);
        near.memory().evictAll();
        far.memory().evictAll();
        var path = layout.pointerPath(COURSE);
        var bytes = durable.load(path).orElseThrow();
        bytes[bytes.length / 3] ^= 0x01;
        durable.store(path, bytes);

        var pointer = store.loadPointer(COURSE);

        assertThat(pointer).isEmpty();
        assertThat(listener.events()).anyMatch(event -> event.startsWith("corrupt"));
    }

    @Test
    void loadPointer_storeMovedIt_returnsTheNewAddress() {
        var next = new StructureAddress(COURSE, "v2", "hash1", StructureCodec.FORMAT_VERSION);
        store.store(ADDRESS, STRUCTURE, true);

        store.store(next, SampleStructures.smallCourse(COURSE, "v2"), true);

        assertThat(store.loadPointer(COURSE)).contains(next);
        assertThat(store.loadPointer(COURSE, TierSelection.DURABLE)).contains(next);
    }

    @Test
    void loadPointer_corruptDurablePointer_reportsAndDeletesIt() {
        durable.store(layout.pointerPath(COURSE), "version=v1\n".getBytes(StandardCharsets.UTF_8));

        var pointer = store.loadPointer(COURSE);

        assertThat(pointer).isEmpty();
        assertThat(listener.events()).containsExactly("corrupt:durable");
        assertThat(durable.paths()).isEmpty();
    }

    @Test
    void loadPointer_pointerOfAnotherCourse_isCorrupt() {
        var other = CourseKey.parse("course-v1:edX+Other+2024");
        store.store(ADDRESS, STRUCTURE, true);
        near.memory().store(StructureAddress.pointerCacheKey(other),
                near.memory().load(StructureAddress.pointerCacheKey(COURSE)).orElseThrow());

        var pointer = store.loadPointer(other, TierSelection.CACHES);

        assertThat(pointer).isEmpty();
        assertThat(listener.events()).contains("corrupt:near");
    }

    @Test
    void deleteCourse_storedVersions_removesPointerAndPayloadsEverywhere() {
        var next = new StructureAddress(COURSE, "v2", "hash1", StructureCodec.FORMAT_VERSION);
        var otherCourse = CourseKey.parse("course-v1:edX+Other+2024");
        var otherAddress = new StructureAddress(otherCourse, "v1", "hash1", StructureCodec.FORMAT_VERSION);
        store.store(ADDRESS, STRUCTURE, true);
        store.store(next, SampleStructures.smallCourse(COURSE, "v2"), true);
        store.store(otherAddress, SampleStructures.smallCourse(otherCourse, "v1"), true);

        store.deleteCourse(COURSE);

        assertThat(durable.paths()).allMatch(path -> path.startsWith("structures/course-v1:edX+Other+2024/"))
                .hasSize(2);
        assertThat(store.loadPointer(COURSE)).isEmpty();
        assertThat(store.load(next)).isEmpty();
        assertThat(store.load(otherAddress)).isPresent();
    }

    @Test
    void deleteCourse_absentCourse_doesNothing() {
        store.deleteCourse(COURSE);
        store.deleteCourse(COURSE);

        assertThat(durable.paths()).isEmpty();
    }

    @Test
    void load_noTiersAtAll_returnsEmpty() {
        var bare = storeOver(List.of(), null);

        bare.store(ADDRESS, STRUCTURE, true);

        assertThat(bare.load(ADDRESS)).isEmpty();
        assertThat(bare.loadPointer(COURSE)).isEmpty();
        assertThat(bare.hasDurable()).isFalse();
    }

    private TieredStructureStore storeOver(List<CacheTier> caches, DurableStore durableStore) {
        return new TieredStructureStore(caches, Optional.ofNullable(durableStore), new StructureCodec(), layout,
                listener);
    }

    /** Records each read request a tier gets: {@code load <key>} or {@code loadAll <number of keys>}. */
    private record ReadRecordingTier(NamedCacheTier delegate, List<String> reads) implements CacheTier {
        @Override
        public String name() {
            return delegate.name();
        }

        @Override
        public long maxValueBytes() {
            return delegate.maxValueBytes();
        }

        @Override
        public Optional<byte[]> load(String key) {
            reads.add("load " + key);
            return delegate.load(key);
        }

        @Override
        public Map<String, byte[]> loadAll(List<String> keys) {
            reads.add("loadAll " + keys.size());
            return delegate.memory().loadAll(keys);
        }

        @Override
        public void store(String key, byte[] value) {
            delegate.store(key, value);
        }

        @Override
        public void evict(String key) {
            delegate.evict(key);
        }
    }

    /** Evicts every other key of a tier right after the armed key is loaded, as a busy cache might. */
    private static final class EvictingAfterHeadRead implements CacheTier {
        private final NamedCacheTier delegate;
        private final String headKey;
        private volatile boolean armed = true;

        EvictingAfterHeadRead(NamedCacheTier delegate, String headKey) {
            this.delegate = delegate;
            this.headKey = headKey;
        }

        @Override
        public String name() {
            return delegate.name();
        }

        @Override
        public long maxValueBytes() {
            return delegate.maxValueBytes();
        }

        @Override
        public Optional<byte[]> load(String key) {
            var value = delegate.load(key);
            if (armed && key.equals(headKey)) {
                delegate.memory().keys().stream().filter(other -> !other.equals(headKey))
                        .forEach(delegate.memory()::evict);
            }
            return value;
        }

        @Override
        public void store(String key, byte[] value) {
            delegate.store(key, value);
        }

        @Override
        public void evict(String key) {
            delegate.evict(key);
        }
    }

    /** Records the paths written to a durable store, in order. */
    private static final class RecordingDurableStore extends ForwardingDurableStore {
        private final List<String> writes;

        RecordingDurableStore(DurableStore delegate, List<String> writes) {
            super(delegate);
            this.writes = writes;
        }

        @Override
        public void store(String path, byte[] bytes) {
            writes.add(path);
            delegate().store(path, bytes);
        }

        @Override
        public boolean storeIfUnchanged(String path, Optional<String> expectedRevision, byte[] bytes) {
            writes.add(path);
            return delegate().storeIfUnchanged(path, expectedRevision, bytes);
        }
    }
}
