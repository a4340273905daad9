package io.strata.domain.store;

import io.strata.domain.codec.StructureCodec;
import io.strata.domain.key.CourseKey;
import io.strata.domain.key.UsageKey;
import io.strata.domain.structure.BlockStructure;
import io.strata.ports.DurableStore;
import io.strata.testkit.ForwardingDurableStore;
import io.strata.testkit.InMemoryCacheTier;
import io.strata.testkit.InMemoryDurableStore;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Runs two stores, as two processes, each with its own in-process tier over one shared tier and
 * durable store: a pointer one moves reaches the other once the other's in-process pointer expires.
 */
class TieredStructureStorePointerTtlTest {
    private static final CourseKey COURSE = CourseKey.parse("course-v1:edX+Ttl+2026");
    private static final Duration TTL = Duration.ofSeconds(5);

    private final InMemoryCacheTier shared = new InMemoryCacheTier();
    private final InMemoryDurableStore durable = new InMemoryDurableStore();
    private Instant now = Instant.parse("2026-01-01T00:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    };

    @Test
    void loadPointer_movedByOtherProcess_seenOnceLocalPointerExpires() {
        var first = storeWithLocalTier(Optional.of(TTL));
        var second = storeWithLocalTier(Optional.of(TTL));
        first.store(address("v1"), structure("v1"), true, 1);
        second.store(address("v2"), structure("v2"), true, 2);

        var beforeTtl = first.loadPointer(COURSE);
        now = now.plus(TTL);
        var afterTtl = first.loadPointer(COURSE);

        assertThat(beforeTtl).contains(address("v1"));
        assertThat(afterTtl).contains(address("v2"));
    }

    @Test
    void loadPointer_readFromBelow_isKeptLocallyForTheTtl() {
        var writer = storeWithLocalTier(Optional.of(TTL));
        var local = new InMemoryCacheTier();
        var reader = storeOver(local, durable, Optional.of(TTL));
        writer.store(address("v1"), structure("v1"), true, 1);

        var first = reader.loadPointer(COURSE);
        writer.store(address("v2"), structure("v2"), true, 2);
        var withinTtl = reader.loadPointer(COURSE);
        now = now.plus(TTL);
        var afterTtl = reader.loadPointer(COURSE);

        assertThat(first).contains(address("v1"));
        assertThat(withinTtl).contains(address("v1"));
        assertThat(afterTtl).contains(address("v2"));
        assertThat(local.keys()).contains(StructureAddress.pointerCacheKey(COURSE));
    }

    @Test
    void forgetKeptPointer_withinTtl_nextReadFindsThePointerAnotherProcessMoved() {
        var first = storeWithLocalTier(Optional.of(TTL));
        var second = storeWithLocalTier(Optional.of(TTL));
        first.store(address("v1"), structure("v1"), true, 1);
        second.store(address("v2"), structure("v2"), true, 2);

        first.forgetKeptPointer(COURSE);
        first.forgetKeptPointer(COURSE);

        assertThat(first.loadPointer(COURSE)).contains(address("v2"));
    }

    @Test
    void loadPointer_writerMovesItDuringTheRead_keepsTheWritersPointer() {
        var local = new InMemoryCacheTier();
        var racing = new MovingDuringLoad(durable);
        var store = storeOver(local, racing, Optional.of(TTL));
        store.store(address("v1"), structure("v1"), true, 1);
        shared.evict(StructureAddress.pointerCacheKey(COURSE));
        local.evict(StructureAddress.pointerCacheKey(COURSE));
        racing.whileLoading = () -> store.store(address("v2"), structure("v2"), true, 2);

        var read = store.loadPointer(COURSE);

        assertThat(read).contains(address("v1"));
        assertThat(store.loadPointer(COURSE)).contains(address("v2"));
    }

    @Test
    void loadPointer_withoutTtl_isNotCopiedIntoTheLocalTier() {
        var writer = storeWithLocalTier(Optional.empty());
        var local = new InMemoryCacheTier();
        var reader = storeOver(local, durable, Optional.empty());
        writer.store(address("v1"), structure("v1"), true, 1);

        reader.loadPointer(COURSE);

        assertThat(local.keys()).doesNotContain(StructureAddress.pointerCacheKey(COURSE));
    }

    @Test
    void loadPointer_withoutTtl_keepsLocalPointer() {
        var first = storeWithLocalTier(Optional.empty());
        var second = storeWithLocalTier(Optional.empty());
        first.store(address("v1"), structure("v1"), true, 1);
        second.store(address("v2"), structure("v2"), true, 2);

        now = now.plus(Duration.ofDays(1));

        assertThat(first.loadPointer(COURSE)).contains(address("v1"));
    }

    @Test
    void deleteCourse_localPointerWithTtl_evictsTheNamedPayloadToo() {
        var local = new InMemoryCacheTier();
        var store = new TieredStructureStore(List.of(local, shared), Optional.of(durable), new StructureCodec(),
                new DurableLayout(""), StoreListener.NOOP, 0,
                Optional.of(new TieredStructureStore.PointerTtl(local, TTL, clock)));
        store.store(address("v1"), structure("v1"), true, 1);

        store.deleteCourse(COURSE);

        assertThat(local.keys()).isEmpty();
    }

    @Test
    void pointerTtl_tierNotAmongCaches_isRefused() {
        var stranger = new InMemoryCacheTier();

        assertThatThrownBy(() -> new TieredStructureStore(List.of(shared), Optional.of(durable), new StructureCodec(),
                new DurableLayout(""), StoreListener.NOOP, 0,
                Optional.of(new TieredStructureStore.PointerTtl(stranger, TTL, clock))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a cache tier");
    }

    private TieredStructureStore storeWithLocalTier(Optional<Duration> ttl) {
        return storeOver(new InMemoryCacheTier(), durable, ttl);
    }

    private TieredStructureStore storeOver(InMemoryCacheTier local, DurableStore store, Optional<Duration> ttl) {
        return new TieredStructureStore(List.of(local, shared), Optional.of(store), new StructureCodec(),
                new DurableLayout(""), StoreListener.NOOP, 0,
                ttl.map(duration -> new TieredStructureStore.PointerTtl(local, duration, clock)));
    }

    /** Runs a writer once, after reading a pointer and before answering: a writer racing a reader. */
    private static final class MovingDuringLoad extends ForwardingDurableStore {
        private Runnable whileLoading;

        MovingDuringLoad(DurableStore store) {
            super(store);
        }

        @Override
        public Optional<byte[]> load(String path) {
            var bytes = delegate().load(path);
            if (whileLoading != null && path.endsWith("current")) {
                var writer = whileLoading;
                whileLoading = null;
                writer.run();
            }
            return bytes;
        }
    }

    private static StructureAddress address(String version) {
        return new StructureAddress(COURSE, version, "hash", StructureCodec.FORMAT_VERSION);
    }

    private static BlockStructure structure(String version) {
        return BlockStructure.builder(COURSE, version, new UsageKey(COURSE, "course", "course")).build();
    }
}
