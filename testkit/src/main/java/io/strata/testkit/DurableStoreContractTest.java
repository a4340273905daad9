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
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
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
 */
public abstract class DurableStoreContractTest {
    private static final int LARGE_VALUE_BYTES = 5 * 1024 * 1024;
    private static final int RACED_VALUE_BYTES = 256 * 1024;
    private static final int RACED_WRITES = 40;
    private static final int READERS = 2;

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

    /** Returns a value of the given length whose every byte is the fill byte. */
    protected static byte[] bytes(int length, int fill) {
        var value = new byte[length];
        Arrays.fill(value, (byte) fill);
        return value;
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
