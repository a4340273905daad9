package io.strata.app.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.strata.adapters.filesystem.FilesystemDurableStore;
import io.strata.adapters.filesystem.FilesystemDurableStoreConfig;
import io.strata.ports.DurableStore;

/** Installs the filesystem durable tier ({@code durable.type: filesystem}). */
public final class FilesystemDurableStoreModule extends AbstractModule {
    private final FilesystemDurableStoreConfig config;

    public FilesystemDurableStoreModule(FilesystemDurableStoreConfig config) {
        this.config = config;
    }

    /*
     * Checked when first provided rather than in configure(): Guice logs an exception thrown there
     * with its stack trace before the command can report it in one line.
     */
    @Provides
    @Singleton
    DurableStore durableStore() {
        var store = new FilesystemDurableStore(config);
        store.checkWritable();
        return store;
    }
}
