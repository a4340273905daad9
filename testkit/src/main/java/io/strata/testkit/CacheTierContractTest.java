package io.strata.testkit;

import io.strata.ports.CacheTier;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Holds the behaviour every {@link CacheTier} must show. An adapter's test extends it and returns
 * a fresh, empty tier from {@link #createTier()}; the tier must have room for every value a test
 * stores, so that nothing stored here is evicted before it is loaded back.
 *
 * <p>Capability: {@link #largestValueToTest()} caps the value stored at the size limit, for tiers
 * whose {@link CacheTier#maxValueBytes()} is too large to store in a unit test; the test of a
 * value one byte over the limit is then aborted with a message saying so. Conditional writes
 * ({@link CacheTier#supportsConditionalWrites()}) are tested when supported, and otherwise must
 * throw {@link UnsupportedOperationException}; {@link #letTimePass} lets a fake clock move.
 */
public abstract class CacheTierContractTest {
    private static final int THREADS = 4;
    private static final int ROUNDS_PER_THREAD = 200;

    private CacheTier tier;

    /** Returns a new, empty tier; called once per test. */
    protected abstract CacheTier createTier();

    /**
     * Returns the largest value this suite stores; when {@link CacheTier#maxValueBytes()} is at
     * most this, a value of exactly that length is stored and loaded back, and one byte more is
     * rejected. The default is 4 MiB.
     */
    protected long largestValueToTest() {
        return 4L * 1024 * 1024;
    }

    /**
     * Lets the duration pass for the tier; the default sleeps. A tier that reads a fake clock
     * overrides it to move that clock instead.
     */
    protected void letTimePass(Duration duration) throws InterruptedException {
        Thread.sleep(duration.toMillis());
    }

    /** Returns the tier under test, creating it on first use. */
    protected final CacheTier tier() {
        if (tier == null) {
            tier = createTier();
        }
        return tier;
    }

    @Test
    void name_always_isNotBlank() {
        assertThat(tier().name()).isNotBlank();
    }

    @Test
    void maxValueBytes_always_isNotNegative() {
        assertThat(tier().maxValueBytes()).isNotNegative();
    }

    @Test
    void load_absentKey_returnsEmpty() {
        assertThat(tier().load("contract:absent")).isEmpty();
    }

    @Test
    void load_storedKey_returnsSameBytes() {
        var value = bytes(300, 7);

        tier().store("contract:round-trip", value);

        assertThat(tier().load("contract:round-trip")).hasValueSatisfying(
                loaded -> assertThat(loaded).isEqualTo(bytes(300, 7)));
    }

    @Test
    void load_storedEmptyValue_returnsEmptyArray() {
        tier().store("contract:empty", new byte[0]);

        assertThat(tier().load("contract:empty")).hasValueSatisfying(loaded -> assertThat(loaded).isEmpty());
    }

    @Test
    void load_storedValueOfEveryByte_returnsSameBytes() {
        var value = new byte[256];
        for (int i = 0; i < value.length; i++) {
            value[i] = (byte) i;
        }

        tier().store("contract:every-byte", value.clone());

        assertThat(tier().load("contract:every-byte")).hasValueSatisfying(
                loaded -> assertThat(loaded).isEqualTo(value));
    }

    @Test
    void store_valueAtLimit_isLoadedBack() {
        int length = (int) Math.min(tier().maxValueBytes(), largestValueToTest());

        tier().store("contract:at-limit", bytes(length, 3));

        assertThat(tier().load("contract:at-limit")).hasValueSatisfying(
                loaded -> assertThat(loaded).isEqualTo(bytes(length, 3)));
    }

    @Test
    void store_valueOneByteOverLimit_throwsIllegalArgument() {
        long max = tier().maxValueBytes();
        assumeTrue(max < largestValueToTest(), () -> String.format(Locale.ROOT,
                "maxValueBytes[%d] is not below largestValueToTest[%d], so the limit is not tested;"
                        + " create the tier with a smaller limit or raise largestValueToTest",
                max, largestValueToTest()));
        var value = new byte[(int) max + 1];

        assertThatThrownBy(() -> tier().store("contract:over-limit", value))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(tier().load("contract:over-limit")).isEmpty();
    }

    @Test
    void storeAll_severalEntries_areLoadedBack() {
        var entries = new LinkedHashMap<String, byte[]>();
        entries.put("contract:all:a", bytes(100, 1));
        entries.put("contract:all:b", bytes(200, 2));
        entries.put("contract:all:c", new byte[0]);

        tier().storeAll(entries);

        var found = tier().loadAll(List.of("contract:all:a", "contract:all:b", "contract:all:c"));
        assertThat(found).containsOnlyKeys("contract:all:a", "contract:all:b", "contract:all:c");
        assertThat(found.get("contract:all:b")).isEqualTo(bytes(200, 2));
    }

    @Test
    void storeAll_oneValueOverLimit_throwsIllegalArgumentAndStoresNone() {
        long max = tier().maxValueBytes();
        assumeTrue(max < largestValueToTest(), () -> String.format(Locale.ROOT,
                "maxValueBytes[%d] is not below largestValueToTest[%d], so the limit is not tested", max,
                largestValueToTest()));
        var entries = new LinkedHashMap<String, byte[]>();
        entries.put("contract:all:fits", bytes(10, 1));
        entries.put("contract:all:over", new byte[(int) max + 1]);

        assertThatThrownBy(() -> tier().storeAll(entries)).isInstanceOf(IllegalArgumentException.class);
        assertThat(tier().loadAll(List.of("contract:all:fits", "contract:all:over"))).isEmpty();
    }

    @Test
    void store_keyOfMaxKeyLength_isLoadedBack() {
        var key = "k".repeat(CacheTier.MAX_KEY_LENGTH);

        tier().store(key, bytes(10, 1));

        assertThat(tier().load(key)).hasValueSatisfying(loaded -> assertThat(loaded).isEqualTo(bytes(10, 1)));
    }

    @Test
    void store_keyWithCourseKeyCharacters_isLoadedBack() {
        var key = "strata:v1:course-v1:Org+Num+Run:block-v1:Org+Num+Run+type@course+block@course";

        tier().store(key, bytes(10, 2));

        assertThat(tier().load(key)).hasValueSatisfying(loaded -> assertThat(loaded).isEqualTo(bytes(10, 2)));
    }

    @Test
    void store_existingKey_replacesValue() {
        tier().store("contract:replace", bytes(50, 1));

        tier().store("contract:replace", bytes(20, 2));

        assertThat(tier().load("contract:replace")).hasValueSatisfying(
                loaded -> assertThat(loaded).isEqualTo(bytes(20, 2)));
    }

    @Test
    void evict_storedKey_makesLoadReturnEmpty() {
        tier().store("contract:evict", bytes(10, 1));

        tier().evict("contract:evict");

        assertThat(tier().load("contract:evict")).isEmpty();
    }

    @Test
    void evict_absentKey_doesNotThrow() {
        assertThatCode(() -> tier().evict("contract:never-stored")).doesNotThrowAnyException();
    }

    @Test
    void evict_oneKey_keepsOtherKeys() {
        tier().store("contract:keep", bytes(10, 1));
        tier().store("contract:drop", bytes(10, 2));

        tier().evict("contract:drop");

        assertThat(tier().load("contract:keep")).isPresent();
    }

    @Test
    void loadAll_mixedKeys_returnsFoundKeysInRequestOrder() {
        tier().store("contract:c", bytes(3, 3));
        tier().store("contract:a", bytes(1, 1));
        tier().store("contract:b", bytes(2, 2));

        var found = tier().loadAll(List.of("contract:b", "contract:missing", "contract:c", "contract:a"));

        assertThat(found).containsOnlyKeys("contract:b", "contract:c", "contract:a");
        assertThat(new ArrayList<>(found.keySet())).containsExactly("contract:b", "contract:c", "contract:a");
        assertThat(found.get("contract:c")).isEqualTo(bytes(3, 3));
    }

    @Test
    void loadAll_noKeys_returnsEmptyMap() {
        assertThat(tier().loadAll(List.of())).isEmpty();
    }

    @Test
    void load_nullKey_throwsNullPointer() {
        assertThatThrownBy(() -> tier().load(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void store_nullKey_throwsNullPointer() {
        assertThatThrownBy(() -> tier().store(null, new byte[1])).isInstanceOf(NullPointerException.class);
    }

    @Test
    void evict_nullKey_throwsNullPointer() {
        assertThatThrownBy(() -> tier().evict(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void store_concurrentWritersAndReaders_loadsOnlyWholeStoredValues() throws Exception {
        var tierUnderTest = tier();
        var tasks = new ArrayList<Callable<List<String>>>();
        for (int thread = 0; thread < THREADS; thread++) {
            int seed = thread;
            tasks.add(() -> storeAndLoad(tierUnderTest, seed));
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

    private static List<String> storeAndLoad(CacheTier tier, int seed) {
        var problems = new ArrayList<String>();
        for (int round = 0; round < ROUNDS_PER_THREAD; round++) {
            var key = "contract:concurrent:" + (round % THREADS);
            int fill = (seed * 31 + round) % 64;
            if ((round + seed) % 2 == 0) {
                tier.store(key, bytes(selfDescribingLength(fill), fill));
            } else {
                tier.load(key).filter(loaded -> !isWhole(loaded))
                        .ifPresent(loaded -> problems.add(describe(key, loaded)));
            }
        }
        return problems;
    }

    // The length follows from the fill byte, so a reader can tell a whole value from a mix.
    private static int selfDescribingLength(int fill) {
        return 1000 + fill * 17;
    }

    @Test
    void conditionalWrites_unsupported_throwInsteadOfPretending() {
        if (tier().supportsConditionalWrites()) {
            assertThat(tier().storeIfAbsent("contract:cond-supported", bytes(4, 1), Duration.ofSeconds(5))).isTrue();
            return;
        }

        assertThatThrownBy(() -> tier().storeIfAbsent("contract:cond", bytes(4, 1), Duration.ofSeconds(5)))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> tier().evictIfMatches("contract:cond", bytes(4, 1)))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void storeIfAbsent_absentKey_storesOnceAndRefusesTheNext() {
        assumeConditionalWrites();

        boolean first = tier().storeIfAbsent("contract:lease", bytes(16, 1), Duration.ofSeconds(30));
        boolean second = tier().storeIfAbsent("contract:lease", bytes(16, 2), Duration.ofSeconds(30));

        assertThat(first).isTrue();
        assertThat(second).isFalse();
        assertThat(tier().load("contract:lease"))
                .hasValueSatisfying(value -> assertThat(value).isEqualTo(bytes(16, 1)));
    }

    @Test
    void storeIfAbsent_keyHeldByStore_refuses() {
        assumeConditionalWrites();
        tier().store("contract:stored", bytes(8, 3));

        assertThat(tier().storeIfAbsent("contract:stored", bytes(8, 4), Duration.ofSeconds(30))).isFalse();
        assertThat(tier().load("contract:stored"))
                .hasValueSatisfying(value -> assertThat(value).isEqualTo(bytes(8, 3)));
    }

    @Test
    void storeIfAbsent_concurrentCallers_exactlyOneSucceeds() throws Exception {
        assumeConditionalWrites();
        var winners = new AtomicInteger();
        var tasks = new ArrayList<Callable<List<String>>>();
        for (int i = 0; i < THREADS * 2; i++) {
            int id = i;
            tasks.add(() -> {
                if (tier().storeIfAbsent("contract:race", bytes(8, id), Duration.ofSeconds(30))) {
                    winners.incrementAndGet();
                }
                return List.of();
            });
        }

        runAll(tasks);

        assertThat(winners.get()).isEqualTo(1);
    }

    @Test
    void storeIfAbsent_afterTtl_storesAgain() throws InterruptedException {
        assumeConditionalWrites();
        var ttl = Duration.ofSeconds(1);
        assertThat(tier().storeIfAbsent("contract:expiring", bytes(8, 5), ttl)).isTrue();
        letTimePass(ttl.dividedBy(2));
        assertThat(tier().storeIfAbsent("contract:expiring", bytes(8, 6), ttl)).as("held within its ttl").isFalse();

        boolean storedAgain = false;
        for (int i = 0; i < 50 && !storedAgain; i++) {
            letTimePass(Duration.ofMillis(100));
            storedAgain = tier().storeIfAbsent("contract:expiring", bytes(8, 7), ttl);
        }

        assertThat(storedAgain).as("stored again once the ttl passed").isTrue();
    }

    @Test
    void storeIfAbsent_nonPositiveTtl_isRejected() {
        assumeConditionalWrites();

        assertThatThrownBy(() -> tier().storeIfAbsent("contract:zero", bytes(8, 1), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void evictIfMatches_sameBytes_removesOnlyThen() {
        assumeConditionalWrites();
        tier().storeIfAbsent("contract:owned", bytes(16, 8), Duration.ofSeconds(30));

        boolean other = tier().evictIfMatches("contract:owned", bytes(16, 9));
        boolean kept = tier().load("contract:owned").isPresent();
        boolean same = tier().evictIfMatches("contract:owned", bytes(16, 8));
        boolean again = tier().evictIfMatches("contract:owned", bytes(16, 8));

        assertThat(other).isFalse();
        assertThat(kept).isTrue();
        assertThat(same).isTrue();
        assertThat(tier().load("contract:owned")).isEmpty();
        assertThat(again).isFalse();
    }

    private void assumeConditionalWrites() {
        assumeTrue(tier().supportsConditionalWrites(),
                "no conditional writes: conditionalWrites_unsupported_throwInsteadOfPretending checks that they throw");
    }

    private static boolean isWhole(byte[] loaded) {
        if (loaded.length == 0 || loaded.length != selfDescribingLength(loaded[0])) {
            return false;
        }
        for (byte b : loaded) {
            if (b != loaded[0]) {
                return false;
            }
        }
        return true;
    }

    private static String describe(String key, byte[] loaded) {
        return String.format(Locale.ROOT, "key[%s] loaded a partial or mixed value of length[%d]",
                key, loaded.length);
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
