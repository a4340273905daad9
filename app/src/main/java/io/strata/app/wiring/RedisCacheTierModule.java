package io.strata.app.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Key;
import com.google.inject.multibindings.OptionalBinder;
import io.strata.adapters.redis.RedisCacheTier;
import io.strata.adapters.redis.RedisCacheTierConfig;
import io.strata.ports.CacheTier;

import static java.util.Objects.requireNonNull;

/** Installs the redis shared cache tier ({@code cache.type: redis}). */
public final class RedisCacheTierModule extends AbstractModule {
    private final RedisCacheTierConfig config;

    public RedisCacheTierModule(RedisCacheTierConfig config) {
        this.config = requireNonNull(config, "config is null");
    }

    @Override
    protected void configure() {
        OptionalBinder.newOptionalBinder(binder(), Key.get(CacheTier.class, SharedCacheTier.class))
                .setBinding().toInstance(new RedisCacheTier(config));
    }
}
