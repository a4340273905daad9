package io.strata.adapters.caffeine;

import io.strata.ports.CacheTier;
import io.strata.testkit.CacheTierContractTest;

import com.github.benmanes.caffeine.cache.Ticker;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CaffeineCacheTierTest extends CacheTierContractTest {
    private static final long CONTRACT_MAX_BYTES = 8L * 1024 * 1024;
    private static final long SMALL_MAX_BYTES = 1024L * 1024;

    private final AtomicLong nanos = new AtomicLong();
    private final Ticker ticker = nanos::get;

    @Override
    protected CacheTier createTier() {
        return tier(new CaffeineCacheTierConfig(CONTRACT_MAX_BYTES, Optional.empty()));
    }

    @Override
    protected void letTimePass(Duration duration) {
        nanos.addAndGet(duration.toNanos());
    }

    @Test
    void name_always_isCaffeine() {
        assertThat(tier().name()).isEqualTo("caffeine");
    }

    @Test
    void maxValueBytes_always_isQuarterOfMaxBytes() {
        assertThat(tier().maxValueBytes()).isEqualTo(CONTRACT_MAX_BYTES / 4);
    }

    @Test
    void maxChunkedBytes_always_isMaxValueBytesSoLargerPayloadsAreNotSplitHere() {
        assertThat(tier().maxChunkedBytes()).isEqualTo(tier().maxValueBytes());
    }

    @Test
    void store_manyValuesOverMaxBytes_keepsWeightWithinMaxBytes() {
        var tier = tier(new CaffeineCacheTierConfig(SMALL_MAX_BYTES, Optional.empty()));

        IntStream.range(0, 300).forEach(i -> tier.store("key:" + i, bytes(10 * 1024, i)));
        tier.cleanUp();

        assertThat(tier.weightedBytes()).isPositive().isLessThanOrEqualTo(SMALL_MAX_BYTES);
        long held = IntStream.range(0, 300).filter(i -> tier.load("key:" + i).isPresent()).count();
        assertThat(held).isBetween(1L, SMALL_MAX_BYTES / (10 * 1024));
    }

    @Test
    void store_oneValue_weighsValueKeyAndOverhead() {
        var tier = tier(new CaffeineCacheTierConfig(SMALL_MAX_BYTES, Optional.empty()));

        tier.store("key", bytes(1000, 1));
        tier.cleanUp();

        assertThat(tier.weightedBytes()).isEqualTo(1000 + 3 + CaffeineCacheTier.ENTRY_OVERHEAD_BYTES);
    }

    @Test
    void store_valueOverQuarterOfMaxBytes_throwsIllegalArgumentNamingKey() {
        var tier = tier(new CaffeineCacheTierConfig(SMALL_MAX_BYTES, Optional.empty()));

        assertThatThrownBy(() -> tier.store("big", new byte[(int) SMALL_MAX_BYTES / 4 + 1]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("key[big]")
                .hasMessageContaining("in-process.max-bytes");
    }

    @Test
    void load_beforeExpiry_returnsValue() {
        var tier = tier(new CaffeineCacheTierConfig(SMALL_MAX_BYTES, Optional.of(Duration.ofMinutes(10))));
        tier.store("key", bytes(10, 1));

        nanos.addAndGet(Duration.ofMinutes(10).minusNanos(1).toNanos());

        assertThat(tier.load("key")).isPresent();
    }

    @Test
    void load_atExpiry_returnsEmpty() {
        var tier = tier(new CaffeineCacheTierConfig(SMALL_MAX_BYTES, Optional.of(Duration.ofMinutes(10))));
        tier.store("key", bytes(10, 1));

        nanos.addAndGet(Duration.ofMinutes(10).toNanos());

        assertThat(tier.load("key")).isEmpty();
    }

    @Test
    void store_afterExpiry_startsNewLifetime() {
        var tier = tier(new CaffeineCacheTierConfig(SMALL_MAX_BYTES, Optional.of(Duration.ofMinutes(10))));
        tier.store("key", bytes(10, 1));
        nanos.addAndGet(Duration.ofMinutes(8).toNanos());

        tier.store("key", bytes(10, 2));
        nanos.addAndGet(Duration.ofMinutes(8).toNanos());

        assertThat(tier.load("key")).hasValueSatisfying(loaded -> assertThat(loaded).isEqualTo(bytes(10, 2)));
    }

    @Test
    void load_noExpiryConfigured_keepsValueIndefinitely() {
        var tier = tier(new CaffeineCacheTierConfig(SMALL_MAX_BYTES, Optional.empty()));
        tier.store("key", bytes(10, 1));

        nanos.addAndGet(Duration.ofDays(365).toNanos());

        assertThat(tier.load("key")).isPresent();
    }

    @Test
    void store_keyWithSpace_throwsIllegalArgument() {
        assertThatThrownBy(() -> tier().store("a key", bytes(1, 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("key[a key]");
    }

    @Test
    void constructor_nullConfig_throwsNullPointer() {
        assertThatThrownBy(() -> new CaffeineCacheTier(null)).isInstanceOf(NullPointerException.class);
    }

    // Maintenance runs on the calling thread, so eviction has happened when store returns.
    private CaffeineCacheTier tier(CaffeineCacheTierConfig config) {
        return new CaffeineCacheTier(config, ticker, Runnable::run);
    }
}
