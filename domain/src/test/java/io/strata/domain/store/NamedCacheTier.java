package io.strata.domain.store;

import io.strata.ports.CacheTier;
import io.strata.testkit.InMemoryCacheTier;

import java.util.Optional;

/** Is an {@link InMemoryCacheTier} under a name of the test's choosing, so tiers can be told apart. */
final class NamedCacheTier implements CacheTier {
    private final String name;
    private final InMemoryCacheTier delegate;

    NamedCacheTier(String name, long maxValueBytes) {
        this.name = name;
        this.delegate = new InMemoryCacheTier(maxValueBytes);
    }

    NamedCacheTier(String name) {
        this(name, InMemoryCacheTier.DEFAULT_MAX_VALUE_BYTES);
    }

    InMemoryCacheTier memory() {
        return delegate;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public long maxValueBytes() {
        return delegate.maxValueBytes();
    }

    @Override
    public Optional<byte[]> load(String key) {
        return delegate.load(key);
    }

    @Override
    public void store(String key, byte[] value) {
        delegate.store(key, value);
    }

    @Override
    public void evict(String key) {
        delegate.evict(key);
    }
}
