package io.strata.domain.store;

import io.strata.domain.codec.CorruptPayloadException;
import io.strata.ports.CacheTier;
import io.strata.testkit.InMemoryCacheTier;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
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
    void store_payloadOneByteOverLimit_isTwoChunksLoadedInTwoRoundTrips() {
        var payload = random(LIMIT + 1, 2);

        ChunkedPayloads.store(tier, KEY, payload);
        tier.roundTrips.set(0);
        var loaded = ChunkedPayloads.load(tier, KEY);

        assertThat(tier.memory.keys()).hasSize(3).allMatch(key -> key.startsWith(KEY));
        assertThat(loaded).hasValueSatisfying(bytes -> assertThat(bytes).isEqualTo(payload));
        assertThat(tier.roundTrips).hasValue(2);
        assertThat(tier.largestStored).hasValueLessThanOrEqualTo(LIMIT);
    }

    @Test
    void store_payloadOfManyChunks_isLoadedBackEqual() {
        var payload = random(LIMIT * 25 + 17, 3);

        ChunkedPayloads.store(tier, KEY, payload);

        assertThat(tier.memory.keys()).hasSize(27);
        assertThat(ChunkedPayloads.load(tier, KEY)).hasValueSatisfying(bytes -> assertThat(bytes).isEqualTo(payload));
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
        var chunk = tier.memory.keys().stream().filter(key -> key.endsWith(".1")).findFirst().orElseThrow();
        tier.memory.evict(chunk);

        var loaded = ChunkedPayloads.load(tier, KEY);

        assertThat(loaded).isEmpty();
        assertThat(tier.memory.load(KEY)).isEmpty();
    }

    @Test
    void load_chunkReplacedByOtherBytesOfSameLength_throwsCorrupt() {
        ChunkedPayloads.store(tier, KEY, random(LIMIT * 3, 6));
        var chunk = tier.memory.keys().stream().filter(key -> key.endsWith(".0")).findFirst().orElseThrow();
        tier.memory.store(chunk, random(LIMIT, 99));

        assertThatThrownBy(() -> ChunkedPayloads.load(tier, KEY))
                .isInstanceOf(CorruptPayloadException.class).hasMessageContaining("checksum");
    }

    @Test
    void load_chunkOfWrongLength_throwsCorrupt() {
        ChunkedPayloads.store(tier, KEY, random(LIMIT * 3, 7));
        var chunk = tier.memory.keys().stream().filter(key -> key.endsWith(".2")).findFirst().orElseThrow();
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
        var head = ByteBuffer.allocate(25).put(new byte[] {'S', 'T', 'C', 'H', 1}).putInt(2).putInt(10)
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
    void store_keyTooLongForChunkKeys_throwsIllegalArgument() {
        var longKey = "k".repeat(CacheTier.MAX_KEY_LENGTH - 10);

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
