package io.strata.testkit;

import io.strata.ports.BackendUnavailableException;
import io.strata.ports.DurableStore;
import io.strata.ports.InputRejectedException;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InMemoryDurableStoreTest extends DurableStoreContractTest {
    @Override
    protected DurableStore createStore() {
        return new InMemoryDurableStore();
    }

    @Test
    void load_unavailable_throwsBackendUnavailable() {
        var store = new InMemoryDurableStore();
        store.setAvailable(false);

        assertThatThrownBy(() -> store.load("a/b")).isInstanceOf(BackendUnavailableException.class);
    }

    @Test
    void store_unavailable_storesNothing() {
        var store = new InMemoryDurableStore();
        store.setAvailable(false);

        assertThatThrownBy(() -> store.store("a/b", bytes(1, 1))).isInstanceOf(BackendUnavailableException.class);

        store.setAvailable(true);
        assertThat(store.paths()).isEmpty();
    }

    @Test
    void load_pathWithNul_namesPathWithEscape() {
        var store = new InMemoryDurableStore();

        assertThatThrownBy(() -> store.load("a\0b"))
                .isInstanceOf(InputRejectedException.class)
                .hasMessageContaining("path[a\\u0000b]");
    }

    @Test
    void paths_afterStores_returnsSortedPaths() {
        var store = new InMemoryDurableStore();
        store.store("b/1", bytes(1, 1));
        store.store("a/2", bytes(1, 1));

        assertThat(store.paths()).containsExactly("a/2", "b/1");
    }
}
