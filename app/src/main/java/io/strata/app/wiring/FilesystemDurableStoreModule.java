package io.strata.app.wiring;

import com.google.inject.AbstractModule;
import io.strata.adapters.filesystem.FilesystemDurableStore;
import io.strata.adapters.filesystem.FilesystemDurableStoreConfig;
import io.strata.ports.DurableStore;

/** Installs the filesystem durable tier ({@code durable.type: filesystem}). */
public final class FilesystemDurableStoreModule extends AbstractModule {
    private final FilesystemDurableStoreConfig config;

    public FilesystemDurableStoreModule(FilesystemDurableStoreConfig config) {
        this.config = config;
    }

    @Override
    protected void configure() {
        var store = new FilesystemDurableStore(config);
        store.checkWritable();
        bind(DurableStore.class).toInstance(store);
    }
}
