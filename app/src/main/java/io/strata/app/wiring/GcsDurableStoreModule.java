package io.strata.app.wiring;

import com.google.inject.AbstractModule;
import io.strata.adapters.gcs.GcsDurableStore;
import io.strata.adapters.gcs.GcsDurableStoreConfig;
import io.strata.ports.DurableStore;

import static java.util.Objects.requireNonNull;

/**
 * Installs the Google Cloud Storage durable tier ({@code durable.type: gcs}). It loads the
 * credentials and checks at start-up that the bucket exists and the credentials may use it, so a
 * wrong setting fails the start with a message naming it.
 */
public final class GcsDurableStoreModule extends AbstractModule {
    private final GcsDurableStoreConfig config;

    public GcsDurableStoreModule(GcsDurableStoreConfig config) {
        this.config = requireNonNull(config, "config is null");
    }

    @Override
    protected void configure() {
        var store = new GcsDurableStore(config);
        store.checkAccess();
        bind(DurableStore.class).toInstance(store);
    }
}
