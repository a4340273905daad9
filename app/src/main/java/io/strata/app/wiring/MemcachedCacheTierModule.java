package io.strata.app.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Key;
import com.google.inject.multibindings.OptionalBinder;
import io.strata.adapters.memcached.MemcachedCacheTier;
import io.strata.adapters.memcached.MemcachedCacheTierConfig;
import io.strata.ports.CacheTier;

import static java.util.Objects.requireNonNull;

/** Installs the memcached shared cache tier ({@code cache.type: memcached}). */
public final class MemcachedCacheTierModule extends AbstractModule {
    private final MemcachedCacheTierConfig config;

    public MemcachedCacheTierModule(MemcachedCacheTierConfig config) {
        this.config = requireNonNull(config, "config is null");
    }

    @Override
    protected void configure() {
        OptionalBinder.newOptionalBinder(binder(), Key.get(CacheTier.class, SharedCacheTier.class))
                .setBinding().toInstance(new MemcachedCacheTier(config));
    }
}
