package io.strata.app.wiring;

import com.google.inject.AbstractModule;
import io.strata.adapters.s3.S3DurableStore;
import io.strata.adapters.s3.S3DurableStoreConfig;
import io.strata.ports.DurableStore;

import static java.util.Objects.requireNonNull;

/**
 * Installs the S3 durable tier ({@code durable.type: s3}). It checks at start-up that the bucket
 * exists and the credentials may use it, so a wrong setting fails the start with a message naming it.
 */
public final class S3DurableStoreModule extends AbstractModule {
    private final S3DurableStoreConfig config;

    public S3DurableStoreModule(S3DurableStoreConfig config) {
        this.config = requireNonNull(config, "config is null");
    }

    @Override
    protected void configure() {
        var store = new S3DurableStore(config);
        store.checkAccess();
        bind(DurableStore.class).toInstance(store);
    }
}
