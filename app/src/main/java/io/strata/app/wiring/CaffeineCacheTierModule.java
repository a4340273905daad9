package io.strata.app.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Key;
import com.google.inject.multibindings.OptionalBinder;
import io.strata.adapters.caffeine.CaffeineCacheTier;
import io.strata.adapters.caffeine.CaffeineCacheTierConfig;
import io.strata.ports.CacheTier;

/** Installs the Caffeine in-process tier ({@code in-process.type: caffeine}). */
public final class CaffeineCacheTierModule extends AbstractModule {
    private final CaffeineCacheTierConfig config;

    public CaffeineCacheTierModule(CaffeineCacheTierConfig config) {
        this.config = config;
    }

    @Override
    protected void configure() {
        OptionalBinder.newOptionalBinder(binder(), Key.get(CacheTier.class, InProcessTier.class))
                .setBinding().toInstance(new CaffeineCacheTier(config));
    }
}
