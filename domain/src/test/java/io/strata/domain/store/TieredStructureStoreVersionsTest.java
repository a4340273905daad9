package io.strata.domain.store;

import io.strata.domain.codec.SampleStructures;
import io.strata.domain.codec.StructureCodec;
import io.strata.domain.key.CourseKey;
import io.strata.ports.BackendFailureException;
import io.strata.ports.BackendUnavailableException;
import io.strata.ports.CacheTier;
import io.strata.ports.DurableStore;
import io.strata.testkit.ForwardingDurableStore;
import io.strata.testkit.InMemoryDurableStore;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Covers the durable versions of a course: pruning to the newest N and never moving the pointer back. */
class TieredStructureStoreVersionsTest {
    private static final CourseKey COURSE = SampleStructures.COURSE;

    private final InMemoryDurableStore durable = new InMemoryDurableStore();
    private final NamedCacheTier cache = new NamedCacheTier("near");
    private final DurableLayout layout = new DurableLayout("/directory-name/");
    private final List<String> events = new ArrayList<>();
    private final StoreListener listener = new StoreListener() {
        @Override
        public void onTierFailure(String tierName, RuntimeException failure) {
            events.add("failure:" + tierName + ":" + failure.getMessage());
        }

        @Override
        public void onOlderBuildIgnored(StructureAddress current, StructureAddress older) {
            events.add("older-ignored:" + older.courseVersion() + " current:" + current.courseVersion());
        }
    };

    @Test
    void store_moreVersionsThanKept_deletesTheOldestPayloads() {
        var store = storeOver(durable, 2);

        storeVersion(store, "v1", 100);
        storeVersion(store, "v2", 200);
        storeVersion(store, "v3", 300);

        assertThat(durable.list(layout.courseFolder(COURSE))).containsExactly(
                "directory-name/course-v1:edX+DemoX+2024/current",
                "directory-name/course-v1:edX+DemoX+2024/v2-hash1-c" + StructureCodec.FORMAT_VERSION + ".strb",
                "directory-name/course-v1:edX+DemoX+2024/v3-hash1-c" + StructureCodec.FORMAT_VERSION + ".strb");
        assertThat(store.loadPointer(COURSE)).contains(address("v3"));
        assertThat(events).isEmpty();
    }

    @Test
    void store_keepAllVersions_deletesNothing() {
        var store = storeOver(durable, TieredStructureStore.KEEP_ALL_VERSIONS);

        for (int i = 1; i <= 7; i++) {
            storeVersion(store, "v" + i, i);
        }

        assertThat(durable.list(layout.courseFolder(COURSE))).hasSize(8);
    }

    @Test
    void store_sameVersionAgainWithKeepOne_keepsItsPayload() {
        var store = storeOver(durable, 1);

        storeVersion(store, "v1", 100);
        storeVersion(store, "v2", 200);
        storeVersion(store, "v2", 300);

        assertThat(durable.list(layout.courseFolder(COURSE))).containsExactly(
                "directory-name/course-v1:edX+DemoX+2024/current",
                "directory-name/course-v1:edX+DemoX+2024/v2-hash1-c" + StructureCodec.FORMAT_VERSION + ".strb");
        assertThat(store.load(address("v2"))).isPresent();
    }

    @Test
    void store_pruneDeleteFails_writeSucceedsAndFailureIsReported() {
        var failingDeletes = new FailingDeletes(durable);
        var store = storeOver(failingDeletes, 1);
        storeVersion(store, "v1", 100);

        assertThatCode(() -> storeVersion(store, "v2", 200)).doesNotThrowAnyException();

        assertThat(store.loadPointer(COURSE)).contains(address("v2"));
        assertThat(events).singleElement().asString().startsWith("failure:durable:")
                .contains("v1-hash1-c" + StructureCodec.FORMAT_VERSION + ".strb");
    }

    @Test
    void store_olderBuildFinishingLast_leavesPointerOnNewerBuildAndDeletesOlderPayload() {
        var store = storeOver(durable, 5);
        storeVersion(store, "v2", 200);

        storeVersion(store, "v1", 100);

        assertThat(store.loadPointer(COURSE)).contains(address("v2"));
        assertThat(store.loadPointer(COURSE, TierSelection.CACHES)).contains(address("v2"));
        // No pointer names v1, now or as a previous version, so pruning would never reach it:
        // kept, it would stay in the durable store until the course is deleted.
        assertThat(durable.load(layout.payloadPath(address("v1")))).isEmpty();
        assertThat(durable.list(layout.courseFolder(COURSE))).containsExactly(
                layout.pointerPath(COURSE), layout.payloadPath(address("v2")));
        assertThat(events).containsExactly("older-ignored:v1 current:v2");
    }

    @Test
    void store_olderBuildOfPreviousVersionFinishingLast_keepsThatVersionsPayload() {
        var store = storeOver(durable, 5);
        storeVersion(store, "v1", 100);
        storeVersion(store, "v2", 300);

        storeVersion(store, "v1", 200);

        assertThat(store.loadPointer(COURSE)).contains(address("v2"));
        assertThat(durable.load(layout.payloadPath(address("v1"))))
                .as("v1 is the pointer's previous version, which pruning still counts").isPresent();
    }

    @Test
    void store_olderBuildFinishingLastWithKeepAll_keepsOlderPayload() {
        var store = storeOver(durable, TieredStructureStore.KEEP_ALL_VERSIONS);
        storeVersion(store, "v2", 200);

        storeVersion(store, "v1", 100);

        assertThat(store.loadPointer(COURSE)).contains(address("v2"));
        assertThat(durable.load(layout.payloadPath(address("v1")))).as("keep-all deletes nothing").isPresent();
    }

    @Test
    void store_olderBuildFinishingLastAndDeleteFails_writeSucceedsAndFailureIsReported() {
        var store = storeOver(new FailingDeletes(durable), 5);
        storeVersion(store, "v2", 200);

        assertThatCode(() -> storeVersion(store, "v1", 100)).doesNotThrowAnyException();

        assertThat(store.loadPointer(COURSE)).contains(address("v2"));
        assertThat(events).containsExactly("older-ignored:v1 current:v2",
                "failure:durable:Cannot delete path[" + layout.payloadPath(address("v1")) + "]: access denied");
    }

    @Test
    void store_afterCorruptPointer_keepsListedPayloadsAsPreviousAndPrunesThemLater() {
        var store = storeOver(durable, 2);
        storeVersion(store, "v1", 100);
        storeVersion(store, "v2", 200);
        durable.store(layout.pointerPath(COURSE), "not a pointer".getBytes(StandardCharsets.UTF_8));

        storeVersion(store, "v3", 300);

        assertThat(store.loadPointer(COURSE, TierSelection.DURABLE)).contains(address("v3"));
        assertThat(durable.list(layout.courseFolder(COURSE))).as("this write prunes no listed payload")
                .contains(layout.payloadPath(address("v1")), layout.payloadPath(address("v2")));

        storeVersion(store, "v4", 400);

        assertThat(durable.list(layout.courseFolder(COURSE))).containsExactly(
                layout.pointerPath(COURSE), layout.payloadPath(address("v3")), layout.payloadPath(address("v4")));
    }

    @Test
    void store_afterCorruptPointerAndListingFails_writeSucceedsAndFailureIsReported() {
        var store = storeOver(new FailingLists(durable), 2);
        storeVersion(store, "v1", 100);
        durable.store(layout.pointerPath(COURSE), "not a pointer".getBytes(StandardCharsets.UTF_8));

        assertThatCode(() -> storeVersion(store, "v2", 200)).doesNotThrowAnyException();

        assertThat(store.loadPointer(COURSE, TierSelection.DURABLE)).contains(address("v2"));
        assertThat(events).singleElement().asString().startsWith("failure:durable:Cannot list");
    }

    @Test
    void store_newerBuildMovesPointerWhileOlderBuildDecides_olderBuildNeverWins() {
        var interleaving = new InterleavingStore(durable);
        var olderWriter = storeOver(interleaving, 5);
        var newerWriter = storeOver(durable, 5);
        storeVersion(newerWriter, "v0", 50);
        interleaving.beforeNextConditionalWrite(() -> storeVersion(newerWriter, "v2", 200));

        storeVersion(olderWriter, "v1", 100);

        assertThat(olderWriter.loadPointer(COURSE, TierSelection.DURABLE)).contains(address("v2"));
        assertThat(olderWriter.loadPointer(COURSE)).contains(address("v2"));
        assertThat(durable.load(layout.payloadPath(address("v1")))).as("no pointer names v1").isEmpty();
        assertThat(durable.load(layout.payloadPath(address("v0")))).as("v0 is v2's previous").isPresent();
        assertThat(events).containsExactly("older-ignored:v1 current:v2");
    }

    @Test
    void store_olderBuildMovesPointerWhileNewerBuildDecides_newerBuildWinsAndKeepsBothVersions() {
        var interleaving = new InterleavingStore(durable);
        var newerWriter = storeOver(interleaving, 5);
        var olderWriter = storeOver(durable, 5);
        interleaving.beforeNextConditionalWrite(() -> storeVersion(olderWriter, "v1", 100));

        storeVersion(newerWriter, "v2", 200);

        assertThat(newerWriter.loadPointer(COURSE)).contains(address("v2"));
        assertThat(newerWriter.load(address("v1"))).as("v1 is recorded as a previous version, not lost").isPresent();
        assertThat(events).isEmpty();
    }

    @Test
    void store_pointerMovedByOthersAtEveryAttempt_throwsUnavailableNamingCourse() {
        var interleaving = new InterleavingStore(durable);
        var writer = storeOver(interleaving, 5);
        var other = storeOver(durable, 5);
        // The other builds are older, so each attempt finds a pointer it may replace, and loses the race again.
        var generation = new long[] {0};
        interleaving.beforeEveryConditionalWrite(() -> storeVersion(other, "other", ++generation[0]));

        assertThatThrownBy(() -> storeVersion(writer, "v1", 100)).isInstanceOf(BackendUnavailableException.class)
                .hasMessageContaining("course[" + COURSE + "]")
                .hasMessageContaining("at each of " + TieredStructureStore.POINTER_ATTEMPTS + " attempts");
    }

    @Test
    void store_newerBuild_movesPointerAndKeepsPreviousVersion() {
        var store = storeOver(durable, 5);
        storeVersion(store, "v1", 100);

        storeVersion(store, "v2", 200);

        assertThat(store.loadPointer(COURSE)).contains(address("v2"));
        assertThat(store.load(address("v1"))).isPresent();
    }

    @Test
    void store_layoutPrefixWithSlashes_writesRelativePathsWithoutDoubleSlash() {
        var store = storeOver(durable, 5);

        storeVersion(store, "v1", 100);

        assertThat(durable.list("directory-name")).isNotEmpty()
                .allMatch(path -> path.startsWith("directory-name/") && !path.contains("//"));
    }

    @Test
    void deleteCourse_afterPruning_removesPointerAndEveryVersionAndIsIdempotent() {
        var store = storeOver(durable, 2);
        storeVersion(store, "v1", 100);
        storeVersion(store, "v2", 200);

        store.deleteCourse(COURSE);
        store.deleteCourse(COURSE);

        assertThat(durable.list(layout.courseFolder(COURSE))).isEmpty();
        assertThat(store.loadPointer(COURSE)).isEmpty();
    }

    private void storeVersion(TieredStructureStore store, String version, long generation) {
        store.store(address(version), SampleStructures.smallCourse(COURSE, version), true, generation);
    }

    private static StructureAddress address(String version) {
        return new StructureAddress(COURSE, version, "hash1", StructureCodec.FORMAT_VERSION);
    }

    private TieredStructureStore storeOver(DurableStore store, int versionsToKeep) {
        return new TieredStructureStore(List.<CacheTier>of(cache), Optional.of(store), new StructureCodec(), layout,
                listener, versionsToKeep);
    }

    /** Refuses every delete, as a store whose credentials may write but not delete would. */
    private static final class FailingDeletes extends ForwardingDurableStore {
        FailingDeletes(DurableStore delegate) {
            super(delegate);
        }

        @Override
        public void delete(String path) {
            throw new BackendFailureException("Cannot delete path[" + path + "]: access denied", null);
        }
    }

    /** Refuses every listing, as a store whose credentials may not list would. */
    private static final class FailingLists extends ForwardingDurableStore {
        FailingLists(DurableStore delegate) {
            super(delegate);
        }

        @Override
        public List<String> list(String prefix) {
            throw new BackendFailureException("Cannot list prefix[" + prefix + "]: access denied", null);
        }
    }

    /** Runs another writer's work just before the next conditional write, after the pointer was read. */
    private static final class InterleavingStore extends ForwardingDurableStore {
        private Runnable before = () -> { };
        private boolean everyTime;

        InterleavingStore(DurableStore delegate) {
            super(delegate);
        }

        void beforeNextConditionalWrite(Runnable work) {
            before = work;
        }

        void beforeEveryConditionalWrite(Runnable work) {
            before = work;
            everyTime = true;
        }

        @Override
        public boolean storeIfUnchanged(String path, Optional<String> expectedRevision, byte[] bytes) {
            var work = before;
            if (!everyTime) {
                before = () -> { };
            }
            work.run();
            return delegate().storeIfUnchanged(path, expectedRevision, bytes);
        }
    }
}
