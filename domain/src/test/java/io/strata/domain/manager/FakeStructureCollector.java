package io.strata.domain.manager;

import io.strata.domain.collect.StructureCollector;
import io.strata.domain.key.CourseKey;
import io.strata.domain.key.UsageKey;
import io.strata.domain.structure.BlockStructure;
import io.strata.ports.SourceCourse;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Collects a source course into a structure with one transformer, {@value #TRANSFORMER}, whose
 * write and read versions a test can change. It counts collects, can hold them at a gate, and can
 * be told to fail.
 */
final class FakeStructureCollector implements StructureCollector {
    static final String TRANSFORMER = "fake";

    private final AtomicInteger collects = new AtomicInteger();
    private volatile int writeVersion = 1;
    private volatile int readVersion = 1;
    private volatile String fixedHash;
    private volatile CountDownLatch gate;
    private volatile RuntimeException failure;

    /** Sets the version recorded by later collects and required from stored structures. */
    void setVersions(int writeVersion, int readVersion) {
        this.writeVersion = writeVersion;
        this.readVersion = readVersion;
    }

    /** Makes the write-version hash this value whatever the versions, or derived from them when null. */
    void setFixedHash(String hash) {
        this.fixedHash = hash;
    }

    /** Makes later collects wait until the gate opens. */
    void holdCollectsAt(CountDownLatch gate) {
        this.gate = gate;
    }

    void failWith(RuntimeException failure) {
        this.failure = failure;
    }

    int collects() {
        return collects.get();
    }

    @Override
    public BlockStructure collect(SourceCourse course) {
        collects.incrementAndGet();
        awaitGate();
        if (failure != null) {
            throw failure;
        }
        var courseKey = CourseKey.parse(course.courseKey());
        var builder = BlockStructure.builder(courseKey, course.version(),
                new UsageKey(courseKey, course.root().type(), course.root().id()));
        for (var block : course.blocks()) {
            int index = builder.addBlock(new UsageKey(courseKey, block.id().type(), block.id().id()));
            block.fields().forEach((name, value) -> builder.setField(index, name, value));
            builder.setTransformerData(TRANSFORMER, index, "children", (long) block.children().size());
        }
        for (var block : course.blocks()) {
            int parent = builder.addBlock(new UsageKey(courseKey, block.id().type(), block.id().id()));
            for (var child : block.children()) {
                builder.addChild(parent, builder.addBlock(new UsageKey(courseKey, child.type(), child.id())));
            }
        }
        return builder.setTransformerVersion(TRANSFORMER, writeVersion).build();
    }

    @Override
    public String writeVersionHash() {
        var hash = fixedHash;
        return hash != null ? hash : "fake" + writeVersion;
    }

    @Override
    public boolean isUpToDate(BlockStructure structure) {
        return structure.transformerVersions().getOrDefault(TRANSFORMER, -1) >= readVersion;
    }

    private void awaitGate() {
        var current = gate;
        if (current == null) {
            return;
        }
        try {
            if (!current.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("The test never opened the collect gate");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted at the collect gate", e);
        }
    }
}
