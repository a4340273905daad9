package io.strata.testkit;

import io.strata.ports.DurableStore;
import io.strata.ports.InputRejectedException;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Holds the behaviour every {@link DurableStore} must show. An adapter's test extends it and
 * returns a fresh, empty store from {@link #createStore()}.
 *
 * <p>An invalid path is rejected with {@link InputRejectedException} whose message contains the
 * path; control characters in it may be written as {@code \\uXXXX} escapes.
 *
 * <p>Capabilities: {@link #enforcesConditionalWrites()} and {@link #conditionalWritesAreAtomic()}.
 * A store whose test backend (an emulator) ignores write preconditions, or checks them apart from
 * the write, says so, and the tests then pin what that backend does, so that the flag must be turned
 * on the day it changes. The README says what each store guarantees against the real service.
 */
public abstract class DurableStoreContractTest {
    private static final int LARGE_VALUE_BYTES = 5 * 1024 * 1024;
    private static final int RACED_VALUE_BYTES = 256 * 1024;
    private static final int RACED_WRITES = 40;
    private static final int READERS = 2;
    private static final int CONDITIONAL_WRITERS = 4;
    private static final int CONDITIONAL_ROUNDS = 5;

    private DurableStore store;

    /** Returns a new, empty store; called once per test. */
    protected abstract DurableStore createStore();

    /** Returns the store under test, creating it on first use. */
    protected final DurableStore store() {
        if (store == null) {
            store = createStore();
        }
        return store;
    }

    /**
     * Returns whether the backend under test refuses a {@link DurableStore#storeIfUnchanged} whose
     * expected revision is no longer the path's. True unless an emulator ignores preconditions.
     */
    protected boolean enforcesConditionalWrites() {
        return true;
    }

    /**
     * Returns whether the backend under test checks a conditional write's revision and writes in one
     * atomic step, so that of writers racing from one revision exactly one wins. Defaults to
     * {@link #enforcesConditionalWrites()}; an emulator that checks, then writes, returns false.
     */
    protected boolean conditionalWritesAreAtomic() {
        return enforcesConditionalWrites();
    }

    /** Returns paths that every store rejects. */
    protected static List<String> invalidPaths() {
        return List.of("", "/", "../x", "x/..", "a/../b", "/abs", "a//b", "a/", "a/./b", ".", "..",
                "a\0b", "a\\b", "..\\x");
    }

    @Test
    void describe_always_isNotBlank() {
        assertThat(store().describe()).isNotBlank();
    }

    @Test
    void load_missingPath_returnsEmpty() {
        assertThat(store().load("contract/missing")).isEmpty();
    }

    @Test
    void load_storedPath_returnsSameBytes() {
        store().store("contract/value", bytes(1000, 7));

        assertThat(store().load("contract/value")).hasValueSatisfying(
                loaded -> assertThat(loaded).isEqualTo(bytes(1000, 7)));
    }

    @Test
    void load_storedEmptyValue_returnsEmptyArray() {
        store().store("contract/empty", new byte[0]);

        assertThat(store().load("contract/empty")).hasValueSatisfying(loaded -> assertThat(loaded).isEmpty());
    }

    @Test
    void load_storedSingleSegmentPath_returnsSameBytes() {
        store().store("top", bytes(3, 1));

        assertThat(store().load("top")).hasValueSatisfying(loaded -> assertThat(loaded).isEqualTo(bytes(3, 1)));
    }

    @Test
    void load_prefixOfStoredPath_returnsEmpty() {
        store().store("contract/dir/file", bytes(3, 1));

        assertThat(store().load("contract/dir")).isEmpty();
    }

    @Test
    void store_existingPath_replacesValue() {
        store().store("contract/replace", bytes(5000, 1));

        store().store("contract/replace", bytes(20, 2));

        assertThat(store().load("contract/replace")).hasValueSatisfying(
                loaded -> assertThat(loaded).isEqualTo(bytes(20, 2)));
    }

    @Test
    void store_largeValue_isLoadedBack() {
        var value = new byte[LARGE_VALUE_BYTES];
        new Random(42).nextBytes(value);

        store().store("contract/large", value.clone());

        assertThat(store().load("contract/large")).hasValueSatisfying(loaded -> assertThat(loaded).isEqualTo(value));
    }

    @Test
    void store_pathWithCourseKeyCharacters_isLoadedAndListed() {
        var path = "course-v1:Org+Num+Run/v1/block-v1:Org+Num+Run+type@html+block@intro";

        store().store(path, bytes(10, 4));

        assertThat(store().load(path)).hasValueSatisfying(loaded -> assertThat(loaded).isEqualTo(bytes(10, 4)));
        assertThat(store().list("course-v1:Org+Num+Run")).containsExactly(path);
    }

    @Test
    void delete_storedPath_makesLoadReturnEmpty() {
        store().store("contract/delete", bytes(10, 1));

        store().delete("contract/delete");

        assertThat(store().load("contract/delete")).isEmpty();
    }

    @Test
    void delete_absentPath_doesNotThrow() {
        assertThatCode(() -> store().delete("contract/never/stored")).doesNotThrowAnyException();
    }

    @Test
    void delete_prefixOfStoredPath_keepsStoredPath() {
        store().store("contract/dir/file", bytes(3, 1));

        store().delete("contract/dir");

        assertThat(store().load("contract/dir/file")).isPresent();
    }

    @Test
    void list_prefix_returnsPathsBelowItSorted() {
        for (var path : List.of("a/b/2", "a/b/10", "a/b/c/3", "a/b/1", "a/bc/4", "a/b-x", "b/1")) {
            store().store(path, bytes(1, 1));
        }

        var listed = store().list("a/b");

        assertThat(listed).containsExactly("a/b/1", "a/b/10", "a/b/2", "a/b/c/3");
    }

    @Test
    void list_shorterPrefix_returnsEveryPathBelowIt() {
        for (var path : List.of("a/b/1", "a/bc/4", "a/b-x", "b/1")) {
            store().store(path, bytes(1, 1));
        }

        assertThat(store().list("a")).containsExactly("a/b-x", "a/b/1", "a/bc/4");
    }

    @Test
    void list_prefixWithNothingBelow_returnsEmpty() {
        store().store("a/b", bytes(1, 1));

        assertThat(store().list("nothing")).isEmpty();
        assertThat(store().list("a/b")).isEmpty();
    }

    @Test
    void list_afterDelete_omitsDeletedPath() {
        store().store("a/b/c/1", bytes(1, 1));
        store().store("a/b/2", bytes(1, 1));

        store().delete("a/b/c/1");

        assertThat(store().list("a")).containsExactly("a/b/2");
    }

    @ParameterizedTest
    @MethodSource("invalidPaths")
    void load_invalidPath_throwsInputRejectedNamingPath(String path) {
        assertRejected(() -> store().load(path), path);
    }

    @ParameterizedTest
    @MethodSource("invalidPaths")
    void store_invalidPath_throwsInputRejectedNamingPath(String path) {
        assertRejected(() -> store().store(path, bytes(1, 1)), path);
    }

    @ParameterizedTest
    @MethodSource("invalidPaths")
    void delete_invalidPath_throwsInputRejectedNamingPath(String path) {
        assertRejected(() -> store().delete(path), path);
    }

    @ParameterizedTest
    @MethodSource("invalidPaths")
    void list_invalidPrefix_throwsInputRejectedNamingPath(String path) {
        assertRejected(() -> store().list(path), path);
    }

    @Test
    void load_nullPath_throwsNullPointer() {
        assertThatThrownBy(() -> store().load(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void store_nullBytes_throwsNullPointer() {
        assertThatThrownBy(() -> store().store("contract/null", null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void load_whileWriterReplacesValue_neverReturnsPartialValue() throws Exception {
        var storeUnderTest = store();
        storeUnderTest.store("contract/raced", bytes(RACED_VALUE_BYTES, 0));
        var writing = new AtomicBoolean(true);
        var tasks = new ArrayList<Callable<List<String>>>();
        tasks.add(() -> replaceRepeatedly(storeUnderTest, writing));
        for (int i = 0; i < READERS; i++) {
            tasks.add(() -> loadWhile(storeUnderTest, writing));
        }

        var problems = runAll(tasks);

        assertThat(problems).isEmpty();
    }

    @Test
    void loadEntry_missingPath_returnsEmpty() {
        assertThat(store().loadEntry("contract/missing")).isEmpty();
    }

    @Test
    void loadEntry_storedPath_returnsBytesAndRevision() {
        store().store("contract/entry", bytes(100, 3));

        var entry = store().loadEntry("contract/entry").orElseThrow();

        assertThat(entry.bytes()).isEqualTo(bytes(100, 3));
        assertThat(entry.revision()).isNotEmpty();
        assertThat(store().loadEntry("contract/entry").orElseThrow().revision()).isEqualTo(entry.revision());
    }

    @Test
    void loadEntry_largeValue_returnsSameBytes() {
        var value = new byte[LARGE_VALUE_BYTES];
        new Random(43).nextBytes(value);

        store().store("contract/large-entry", value.clone());

        assertThat(store().loadEntry("contract/large-entry")).hasValueSatisfying(
                entry -> assertThat(entry.bytes()).isEqualTo(value));
    }

    @Test
    void loadEntry_afterReplaceWithOtherBytes_returnsOtherRevision() {
        store().store("contract/entry", bytes(100, 3));
        var first = store().loadEntry("contract/entry").orElseThrow();

        store().store("contract/entry", bytes(100, 4));

        assertThat(store().loadEntry("contract/entry").orElseThrow().revision()).isNotEqualTo(first.revision());
    }

    @Test
    void storeIfUnchanged_absentPathExpectedAbsent_storesAndReturnsTrue() {
        boolean stored = store().storeIfUnchanged("contract/cas", Optional.empty(), bytes(10, 1));

        assertThat(stored).isTrue();
        assertThat(store().load("contract/cas")).hasValueSatisfying(v -> assertThat(v).isEqualTo(bytes(10, 1)));
    }

    @Test
    void storeIfUnchanged_currentRevision_storesAndReturnsTrue() {
        store().store("contract/cas", bytes(10, 1));
        var revision = store().loadEntry("contract/cas").orElseThrow().revision();

        boolean stored = store().storeIfUnchanged("contract/cas", Optional.of(revision), bytes(20, 2));

        assertThat(stored).isTrue();
        assertThat(store().loadEntry("contract/cas")).hasValueSatisfying(entry -> {
            assertThat(entry.bytes()).isEqualTo(bytes(20, 2));
            assertThat(entry.revision()).isNotEqualTo(revision);
        });
    }

    @Test
    void storeIfUnchanged_presentPathExpectedAbsent_keepsValueWhenEnforced() {
        store().store("contract/cas", bytes(10, 1));

        boolean stored = store().storeIfUnchanged("contract/cas", Optional.empty(), bytes(20, 2));

        assertConditionalWrite(stored, "contract/cas", bytes(10, 1), bytes(20, 2));
    }

    @Test
    void storeIfUnchanged_staleRevision_keepsNewerValueWhenEnforced() {
        store().store("contract/cas", bytes(10, 1));
        var stale = store().loadEntry("contract/cas").orElseThrow().revision();
        store().store("contract/cas", bytes(30, 3));

        boolean stored = store().storeIfUnchanged("contract/cas", Optional.of(stale), bytes(20, 2));

        assertConditionalWrite(stored, "contract/cas", bytes(30, 3), bytes(20, 2));
    }

    @Test
    void storeIfUnchanged_revisionOfDeletedPath_storesNothingWhenEnforced() {
        store().store("contract/cas", bytes(10, 1));
        var revision = store().loadEntry("contract/cas").orElseThrow().revision();
        store().delete("contract/cas");

        boolean stored = store().storeIfUnchanged("contract/cas", Optional.of(revision), bytes(20, 2));

        if (enforcesConditionalWrites()) {
            assertThat(stored).isFalse();
            assertThat(store().load("contract/cas")).isEmpty();
        } else {
            assertThat(stored).as("the backend ignores preconditions; see enforcesConditionalWrites()").isTrue();
        }
    }

    @Test
    void storeIfUnchanged_writersRacingFromOneRevision_exactlyOneWinsEachRoundWhenEnforced() throws Exception {
        var storeUnderTest = store();
        storeUnderTest.store("contract/raced-cas", bytes(1, 0));
        int totalWins = 0;

        for (int round = 1; round <= CONDITIONAL_ROUNDS; round++) {
            var revision = storeUnderTest.loadEntry("contract/raced-cas").orElseThrow().revision();
            totalWins += raceConditionalWrites(storeUnderTest, revision, round);
        }

        if (conditionalWritesAreAtomic()) {
            assertThat(totalWins).as("one winner in each of %d rounds", CONDITIONAL_ROUNDS)
                    .isEqualTo(CONDITIONAL_ROUNDS);
        } else if (enforcesConditionalWrites()) {
            assertThat(totalWins).as("the backend checks, then writes; see conditionalWritesAreAtomic()")
                    .isBetween(CONDITIONAL_ROUNDS, CONDITIONAL_ROUNDS * CONDITIONAL_WRITERS);
        } else {
            assertThat(totalWins).as("the backend ignores preconditions; see enforcesConditionalWrites()")
                    .isEqualTo(CONDITIONAL_ROUNDS * CONDITIONAL_WRITERS);
        }
    }

    @ParameterizedTest
    @MethodSource("invalidPaths")
    void loadEntry_invalidPath_throwsInputRejectedNamingPath(String path) {
        assertRejected(() -> store().loadEntry(path), path);
    }

    @ParameterizedTest
    @MethodSource("invalidPaths")
    void storeIfUnchanged_invalidPath_throwsInputRejectedNamingPath(String path) {
        assertRejected(() -> store().storeIfUnchanged(path, Optional.empty(), bytes(1, 1)), path);
    }

    @Test
    void storeIfUnchanged_nullBytes_throwsNullPointer() {
        assertThatThrownBy(() -> store().storeIfUnchanged("contract/null", Optional.empty(), null))
                .isInstanceOf(NullPointerException.class);
    }

    /** Returns a value of the given length whose every byte is the fill byte. */
    protected static byte[] bytes(int length, int fill) {
        var value = new byte[length];
        Arrays.fill(value, (byte) fill);
        return value;
    }

    private void assertConditionalWrite(boolean stored, String path, byte[] kept, byte[] refused) {
        if (enforcesConditionalWrites()) {
            assertThat(stored).as("conditional write with a stale expectation").isFalse();
            assertThat(store().load(path)).hasValueSatisfying(v -> assertThat(v).isEqualTo(kept));
        } else {
            assertThat(stored).as("the backend ignores preconditions; see enforcesConditionalWrites()").isTrue();
            assertThat(store().load(path)).hasValueSatisfying(v -> assertThat(v).isEqualTo(refused));
        }
    }

    /** Lets every writer try to replace the revision at once; returns how many succeeded. */
    private static int raceConditionalWrites(DurableStore store, String revision, int round) throws Exception {
        var start = new CountDownLatch(1);
        var tasks = new ArrayList<Callable<List<String>>>();
        for (int writer = 0; writer < CONDITIONAL_WRITERS; writer++) {
            int fill = round * CONDITIONAL_WRITERS + writer;
            tasks.add(() -> {
                start.await();
                boolean won = store.storeIfUnchanged("contract/raced-cas", Optional.of(revision), bytes(1, fill));
                return won ? List.of("won") : List.of();
            });
        }
        ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
        try {
            var results = new ArrayList<Future<List<String>>>();
            tasks.forEach(task -> results.add(pool.submit(task)));
            start.countDown();
            int wins = 0;
            for (var result : results) {
                wins += result.get(60, TimeUnit.SECONDS).size();
            }
            return wins;
        } finally {
            pool.shutdownNow();
        }
    }

    private static void assertRejected(ThrowingCallable call, String path) {
        assertThatThrownBy(call)
                .isInstanceOf(InputRejectedException.class)
                .satisfies(e -> assertThat(e.getMessage()).containsAnyOf(path, escape(path)));
    }

    private static String escape(String path) {
        var escaped = new StringBuilder();
        path.chars().forEach(c -> escaped.append(Character.isISOControl(c)
                ? String.format(Locale.ROOT, "\\u%04x", c) : String.valueOf((char) c)));
        return escaped.toString();
    }

    private static List<String> replaceRepeatedly(DurableStore store, AtomicBoolean writing) {
        try {
            for (int i = 1; i <= RACED_WRITES; i++) {
                store.store("contract/raced", bytes(RACED_VALUE_BYTES, i));
            }
            return List.of();
        } finally {
            writing.set(false);
        }
    }

    private static List<String> loadWhile(DurableStore store, AtomicBoolean writing) {
        var problems = new ArrayList<String>();
        while (writing.get()) {
            var loaded = store.load("contract/raced");
            if (loaded.isEmpty()) {
                problems.add("a load returned nothing while the path was being replaced");
            } else if (!isWhole(loaded.get())) {
                problems.add(String.format(Locale.ROOT, "a load returned a partial value of length[%d]",
                        loaded.get().length));
            }
        }
        return problems;
    }

    private static boolean isWhole(byte[] loaded) {
        if (loaded.length != RACED_VALUE_BYTES) {
            return false;
        }
        for (byte b : loaded) {
            if (b != loaded[0]) {
                return false;
            }
        }
        return true;
    }

    private static List<String> runAll(List<Callable<List<String>>> tasks) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
        try {
            var problems = new ArrayList<String>();
            for (Future<List<String>> result : pool.invokeAll(tasks, 60, TimeUnit.SECONDS)) {
                problems.addAll(result.get());
            }
            return problems;
        } finally {
            pool.shutdownNow();
        }
    }
}
