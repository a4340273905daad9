package io.strata.testkit;

import io.strata.ports.DurableEntry;
import io.strata.ports.DurableStore;

import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Is a {@link DurableStore} that hands every call to another store, for tests that change one
 * operation (fail it, record it, run another writer's work before it) and keep the rest as they are.
 * A subclass overrides the operations it changes and calls {@link #delegate()} for the others'
 * effect; it is as thread-safe as the delegate and its own additions.
 */
public abstract class ForwardingDurableStore implements DurableStore {
    private final DurableStore delegate;

    protected ForwardingDurableStore(DurableStore delegate) {
        this.delegate = requireNonNull(delegate, "delegate is null");
    }

    /** Returns the store every call goes to unless a subclass changes it. */
    protected final DurableStore delegate() {
        return delegate;
    }

    @Override
    public String describe() {
        return delegate.describe();
    }

    @Override
    public Optional<byte[]> load(String path) {
        return delegate.load(path);
    }

    @Override
    public void store(String path, byte[] bytes) {
        delegate.store(path, bytes);
    }

    @Override
    public Optional<DurableEntry> loadEntry(String path) {
        return delegate.loadEntry(path);
    }

    @Override
    public boolean storeIfUnchanged(String path, Optional<String> expectedRevision, byte[] bytes) {
        return delegate.storeIfUnchanged(path, expectedRevision, bytes);
    }

    @Override
    public void delete(String path) {
        delegate.delete(path);
    }

    @Override
    public List<String> list(String prefix) {
        return delegate.list(prefix);
    }
}
