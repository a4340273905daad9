package io.strata.domain.store;

import io.strata.domain.codec.StructureCodec;
import io.strata.domain.key.CourseKey;
import io.strata.domain.key.UsageKey;
import io.strata.domain.structure.BlockStructure;
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
        var local = new InMemoryCacheTier();
        return new TieredStructureStore(List.of(local, shared), Optional.of(durable), new StructureCodec(),
                new DurableLayout(""), StoreListener.NOOP, 0,
                ttl.map(duration -> new TieredStructureStore.PointerTtl(local, duration, clock)));
    }

    private static StructureAddress address(String version) {
        return new StructureAddress(COURSE, version, "hash", StructureCodec.FORMAT_VERSION);
    }

    private static BlockStructure structure(String version) {
        return BlockStructure.builder(COURSE, version, new UsageKey(COURSE, "course", "course")).build();
    }
}
