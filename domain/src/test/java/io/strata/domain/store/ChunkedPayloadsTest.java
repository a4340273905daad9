package io.strata.domain.store;

import io.strata.domain.codec.CorruptPayloadException;
import io.strata.ports.CacheTier;
import io.strata.testkit.InMemoryCacheTier;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChunkedPayloadsTest {
    private static final int LIMIT = 4096;
    private static final String KEY = "strata:s1:course-v1:A+B+C:{abc}";

    private final CountingTier tier = new CountingTier(new InMemoryCacheTier(LIMIT));

    @Test
    void store_payloadAtLimit_isOnePlainEntryLoadedInOneRoundTrip() {
        var payload = random(LIMIT, 1);

        ChunkedPayloads.store(tier, KEY, payload);
        tier.roundTrips.set(0);
        var loaded = ChunkedPayloads.load(tier, KEY);

        assertThat(tier.memory.keys()).containsExactly(KEY);
        assertThat(loaded).hasValueSatisfying(bytes -> assertThat(bytes).isEqualTo(payload));
        assertThat(tier.roundTrips).hasValue(1);
    }

    @Test
    void store_payloadOneByteOverLimit_isTwoChunksLoadedInOneRoundTrip() {
        var payload = random(LIMIT + 1, 2);

        ChunkedPayloads.store(tier, KEY, payload);
        tier.roundTrips.set(0);
        var loaded = ChunkedPayloads.load(tier, KEY);

        assertThat(tier.memory.keys()).containsExactlyInAnyOrder(KEY, KEY + ":chunk0", KEY + ":chunk1");
        assertThat(loaded).hasValueSatisfying(bytes -> assertThat(bytes).isEqualTo(payload));
        assertThat(tier.roundTrips).hasValue(1);
        assertThat(tier.largestStored).hasValueLessThanOrEqualTo(LIMIT);
    }

    @Test
    void store_payloadOfPrefetchedChunks_isLoadedBackEqualInOneRoundTrip() {
        var payload = random(LIMIT * (ChunkedPayloads.MAX_PREFETCH_CHUNKS - 1) + 17, 3);

        ChunkedPayloads.store(tier, KEY, payload);
        tier.roundTrips.set(0);
        var loaded = ChunkedPayloads.load(tier, KEY);

        assertThat(tier.memory.keys()).hasSize(ChunkedPayloads.MAX_PREFETCH_CHUNKS + 1);
        assertThat(loaded).hasValueSatisfying(bytes -> assertThat(bytes).isEqualTo(payload));
        assertThat(tier.roundTrips).hasValue(1);
    }

    @Test
    void load_payloadOfMoreChunksThanPrefetched_readsTheRestInASecondRoundTrip() {
        var payload = random(LIMIT * ChunkedPayloads.MAX_PREFETCH_CHUNKS + 1, 10);
        ChunkedPayloads.store(tier, KEY, payload);
        tier.roundTrips.set(0);

        var loaded = ChunkedPayloads.load(tier, KEY);

        assertThat(loaded).hasValueSatisfying(bytes -> assertThat(bytes).isEqualTo(payload));
        assertThat(tier.roundTrips).hasValue(2);
    }

    @Test
    void load_noPrefetch_readsTheHeadThenTheChunks() {
        var payload = random(LIMIT * 3, 11);
        ChunkedPayloads.store(tier, KEY, payload);
        tier.roundTrips.set(0);

        var loaded = ChunkedPayloads.load(tier, KEY, 0);

        assertThat(loaded).hasValueSatisfying(bytes -> assertThat(bytes).isEqualTo(payload));
        assertThat(tier.roundTrips).hasValue(2);
    }

    @Test
    void load_negativePrefetch_throwsIllegalArgument() {
        assertThatThrownBy(() -> ChunkedPayloads.load(tier, KEY, -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("prefetch[-1]");
    }

    @Test
    void load_leftoverChunksOfALongerEarlierPayload_returnsTheNewPayload() {
        ChunkedPayloads.store(tier, KEY, random(LIMIT * 5, 12));
        var payload = random(LIMIT * 2, 13);
        ChunkedPayloads.store(tier, KEY, payload);

        var loaded = ChunkedPayloads.load(tier, KEY);

        assertThat(tier.memory.keys()).contains(KEY + ":chunk4");
        assertThat(loaded).hasValueSatisfying(bytes -> assertThat(bytes).isEqualTo(payload));
    }

    @Test
    void load_chunksOfAWriteThatFailedBeforeItsHead_throwsCorruptNotTheMixedBytes() {
        ChunkedPayloads.store(tier, KEY, random(LIMIT * 3, 14));
        var other = random(LIMIT * 3, 15);
        // What a writer leaves when the tier fails after its first chunk: the old head names it.
        tier.memory.store(KEY + ":chunk0", Arrays.copyOf(other, LIMIT));

        assertThatThrownBy(() -> ChunkedPayloads.load(tier, KEY))
                .isInstanceOf(CorruptPayloadException.class).hasMessageContaining("checksum");
    }

    @Test
    void load_headOfTheFormerChunkKeyFormat_throwsCorrupt() {
        var head = ByteBuffer.allocate(25).put(new byte[] {'S', 'T', 'C', 'H', 1}).putInt(1).putInt(10)
                .putLong(5).putInt(0).array();
        tier.memory.store(KEY, head);

        assertThatThrownBy(() -> ChunkedPayloads.load(tier, KEY))
                .isInstanceOf(CorruptPayloadException.class).hasMessageContaining("version[1]");
    }

    @Test
    void prefetchChunks_tierThatHoldsNothingChunked_isZero() {
        var whole = new CountingTier(new InMemoryCacheTier(LIMIT)) {
            @Override
            public long maxChunkedBytes() {
                return LIMIT;
            }
        };

        assertThat(ChunkedPayloads.prefetchChunks(whole)).isZero();
        assertThat(ChunkedPayloads.prefetchChunks(new InMemoryCacheTier(ChunkedPayloads.MIN_CHUNK_BYTES - 1)))
                .isZero();
    }

    @Test
    void prefetchChunks_tierThatBoundsChunkedPayloads_coversItsLongestPayload() {
        var bounded = new CountingTier(new InMemoryCacheTier(LIMIT)) {
            @Override
            public long maxChunkedBytes() {
                return LIMIT * 2 + 1;
            }
        };

        assertThat(ChunkedPayloads.prefetchChunks(bounded)).isEqualTo(3);
        assertThat(ChunkedPayloads.prefetchChunks(tier)).isEqualTo(ChunkedPayloads.MAX_PREFETCH_CHUNKS);
    }

    @Test
    void store_chunkedPayload_chunkKeysKeepTheKeysHashTag() {
        ChunkedPayloads.store(tier, KEY, random(LIMIT * 2, 4));

        assertThat(tier.memory.keys()).allMatch(key -> key.startsWith("strata:s1:course-v1:A+B+C:{abc}"));
    }

    @Test
    void store_smallPayloadStartingWithHeadMagic_isNotMistakenForAHead() {
        var payload = new byte[] {'S', 'T', 'C', 'H', 1, 2, 3};

        ChunkedPayloads.store(tier, KEY, payload);

        assertThat(ChunkedPayloads.load(tier, KEY)).hasValueSatisfying(bytes -> assertThat(bytes).isEqualTo(payload));
    }

    @Test
    void load_absentKey_returnsEmpty() {
        assertThat(ChunkedPayloads.load(tier, KEY)).isEmpty();
    }

    @Test
    void load_chunkEvicted_returnsEmptyAndEvictsHead() {
        ChunkedPayloads.store(tier, KEY, random(LIMIT * 3, 5));
        var chunk = tier.memory.keys().stream().filter(key -> key.endsWith(":chunk1")).findFirst().orElseThrow();
        tier.memory.evict(chunk);

        var loaded = ChunkedPayloads.load(tier, KEY);

        assertThat(loaded).isEmpty();
        assertThat(tier.memory.load(KEY)).isEmpty();
    }

    @Test
    void load_chunkReplacedByOtherBytesOfSameLength_throwsCorrupt() {
        ChunkedPayloads.store(tier, KEY, random(LIMIT * 3, 6));
        var chunk = tier.memory.keys().stream().filter(key -> key.endsWith(":chunk0")).findFirst().orElseThrow();
        tier.memory.store(chunk, random(LIMIT, 99));

        assertThatThrownBy(() -> ChunkedPayloads.load(tier, KEY))
                .isInstanceOf(CorruptPayloadException.class).hasMessageContaining("checksum");
    }

    @Test
    void load_chunkOfWrongLength_throwsCorrupt() {
        ChunkedPayloads.store(tier, KEY, random(LIMIT * 3, 7));
        var chunk = tier.memory.keys().stream().filter(key -> key.endsWith(":chunk2")).findFirst().orElseThrow();
        tier.memory.store(chunk, random(10, 7));

        assertThatThrownBy(() -> ChunkedPayloads.load(tier, KEY))
                .isInstanceOf(CorruptPayloadException.class).hasMessageContaining("chunk[2]");
    }

    @Test
    void load_headOfWrongLength_throwsCorrupt() {
        tier.memory.store(KEY, new byte[] {'S', 'T', 'C', 'H', 1});

        assertThatThrownBy(() -> ChunkedPayloads.load(tier, KEY)).isInstanceOf(CorruptPayloadException.class);
    }

    @Test
    void load_headWhoseChunksCannotHoldItsLength_throwsCorrupt() {
        var head = ByteBuffer.allocate(25).put(new byte[] {'S', 'T', 'C', 'H', 2}).putInt(2).putInt(10)
                .putLong(21).putInt(0).array();
        tier.memory.store(KEY, head);

        assertThatThrownBy(() -> ChunkedPayloads.load(tier, KEY))
                .isInstanceOf(CorruptPayloadException.class).hasMessageContaining("total bytes[21]");
    }

    @Test
    void load_headOfUnknownVersion_throwsCorrupt() {
        var head = ByteBuffer.allocate(25).put(new byte[] {'S', 'T', 'C', 'H', 9}).putInt(1).putInt(10)
                .putLong(5).putInt(0).array();
        tier.memory.store(KEY, head);

        assertThatThrownBy(() -> ChunkedPayloads.load(tier, KEY))
                .isInstanceOf(CorruptPayloadException.class).hasMessageContaining("version[9]");
    }

    @Test
    void evict_chunkedPayload_removesHeadAndChunks() {
        ChunkedPayloads.store(tier, KEY, random(LIMIT * 3, 8));
        tier.memory.store("other", new byte[1]);

        ChunkedPayloads.evict(tier, KEY);

        assertThat(tier.memory.keys()).containsExactly("other");
    }

    @Test
    void fits_limitBelowMinimumChunk_onlyForPayloadsThatFitWhole() {
        var tiny = new InMemoryCacheTier(ChunkedPayloads.MIN_CHUNK_BYTES - 1);

        assertThat(ChunkedPayloads.fits(tiny, ChunkedPayloads.MIN_CHUNK_BYTES - 1)).isTrue();
        assertThat(ChunkedPayloads.fits(tiny, ChunkedPayloads.MIN_CHUNK_BYTES)).isFalse();
    }

    @Test
    void fits_payloadNeedingMoreThanMaxChunks_isFalse() {
        long atMost = (long) LIMIT * ChunkedPayloads.MAX_CHUNKS;

        assertThat(ChunkedPayloads.fits(tier, atMost)).isTrue();
        assertThat(ChunkedPayloads.fits(tier, atMost + 1)).isFalse();
    }

    @Test
    void fits_tierThatBoundsChunkedPayloads_refusesLongerOnes() {
        var bounded = new CountingTier(new InMemoryCacheTier(LIMIT)) {
            @Override
            public long maxChunkedBytes() {
                return LIMIT * 2;
            }
        };

        assertThat(ChunkedPayloads.fits(bounded, LIMIT * 2)).isTrue();
        assertThat(ChunkedPayloads.fits(bounded, LIMIT * 2 + 1)).isFalse();
    }

    @Test
    void store_payloadThatDoesNotFit_throwsIllegalArgument() {
        var tiny = new InMemoryCacheTier(10);

        assertThatThrownBy(() -> ChunkedPayloads.store(tiny, KEY, new byte[11]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxValueBytes[10]");
        assertThat(tiny.keys()).isEmpty();
    }

    @Test
    void store_longestKeyThatLeavesRoomForChunkKeys_isLoadedBackEqual() {
        // ":chunk" and an index of up to four digits.
        var longKey = "k".repeat(CacheTier.MAX_KEY_LENGTH - 10);
        var payload = random(LIMIT + 1, 16);

        ChunkedPayloads.store(tier, longKey, payload);
        var loaded = ChunkedPayloads.load(tier, longKey);

        assertThat(loaded).hasValueSatisfying(bytes -> assertThat(bytes).isEqualTo(payload));
    }

    @Test
    void load_plainEntryUnderAKeyTooLongForChunkKeys_readsTheKeyAlone() {
        var longKey = "k".repeat(CacheTier.MAX_KEY_LENGTH);
        var payload = random(LIMIT, 17);
        ChunkedPayloads.store(tier, longKey, payload);
        tier.roundTrips.set(0);

        var loaded = ChunkedPayloads.load(tier, longKey);

        assertThat(loaded).hasValueSatisfying(bytes -> assertThat(bytes).isEqualTo(payload));
        assertThat(tier.roundTrips).hasValue(1);
    }

    @Test
    void store_keyTooLongForChunkKeys_throwsIllegalArgument() {
        var longKey = "k".repeat(CacheTier.MAX_KEY_LENGTH - 9);

        assertThatThrownBy(() -> ChunkedPayloads.store(tier, longKey, new byte[LIMIT + 1]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Cannot chunk key");
    }

    private static byte[] random(int length, long seed) {
        var bytes = new byte[length];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    /** Counts round trips (load and loadAll calls) and the largest value sent. */
    private static class CountingTier implements CacheTier {
        private final InMemoryCacheTier memory;
        private final AtomicInteger roundTrips = new AtomicInteger();
        private final AtomicInteger largestStored = new AtomicInteger();

        CountingTier(InMemoryCacheTier memory) {
            this.memory = memory;
        }

        @Override
        public String name() {
            return "counting";
        }

        @Override
        public long maxValueBytes() {
            return memory.maxValueBytes();
        }

        @Override
        public Optional<byte[]> load(String key) {
            roundTrips.incrementAndGet();
            return memory.load(key);
        }

        @Override
        public Map<String, byte[]> loadAll(List<String> keys) {
            roundTrips.incrementAndGet();
            return memory.loadAll(keys);
        }

        @Override
        public void store(String key, byte[] value) {
            largestStored.accumulateAndGet(value.length, Math::max);
            memory.store(key, value);
        }

        @Override
        public void evict(String key) {
            memory.evict(key);
        }
    }
}
