package io.strata.testkit;

import io.strata.ports.BackendUnavailableException;
import io.strata.ports.CacheTier;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InMemoryCacheTierTest extends CacheTierContractTest {
    private static final long MAX_VALUE_BYTES = 64 * 1024;

    @Override
    protected CacheTier createTier() {
        return new InMemoryCacheTier(MAX_VALUE_BYTES);
    }

    @Test
    void load_unavailable_throwsBackendUnavailable() {
        var tier = new InMemoryCacheTier();
        tier.setAvailable(false);

        assertThatThrownBy(() -> tier.load("k"))
                .isInstanceOf(BackendUnavailableException.class)
                .hasMessageContaining("setAvailable(true)");
    }

    @Test
    void store_unavailableThenAvailable_storesAgain() {
        var tier = new InMemoryCacheTier();
        tier.setAvailable(false);
        assertThatThrownBy(() -> tier.store("k", bytes(1, 1))).isInstanceOf(BackendUnavailableException.class);

        tier.setAvailable(true);
        tier.store("k", bytes(1, 1));

        assertThat(tier.keys()).containsExactly("k");
    }

    @Test
    void store_keyWithSpace_throwsIllegalArgument() {
        var tier = new InMemoryCacheTier();

        assertThatThrownBy(() -> tier.store("a key", bytes(1, 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("key[a key]");
    }

    @Test
    void store_keyOverMaxKeyLength_throwsIllegalArgument() {
        var tier = new InMemoryCacheTier();

        assertThatThrownBy(() -> tier.store("k".repeat(CacheTier.MAX_KEY_LENGTH + 1), bytes(1, 1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void load_afterCallerChangesStoredArray_returnsOriginalBytes() {
        var tier = new InMemoryCacheTier();
        var value = bytes(4, 1);
        tier.store("k", value);

        value[0] = 9;

        assertThat(tier.load("k")).hasValueSatisfying(loaded -> assertThat(loaded).isEqualTo(bytes(4, 1)));
    }

    @Test
    void evictAll_storedKeys_loadsNothing() {
        var tier = new InMemoryCacheTier();
        tier.store("a", bytes(1, 1));
        tier.store("b", bytes(1, 1));

        tier.evictAll();

        assertThat(tier.load("a")).isEmpty();
        assertThat(tier.keys()).isEmpty();
    }

    @Test
    void constructor_negativeMaxValueBytes_throwsIllegalArgument() {
        assertThatThrownBy(() -> new InMemoryCacheTier(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxValueBytes[-1]");
    }
}
