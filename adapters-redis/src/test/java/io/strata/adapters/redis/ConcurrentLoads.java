package io.strata.adapters.redis;

import io.strata.ports.BackendUnavailableException;
import io.strata.ports.CacheTier;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Runs many loads of one key at once against a tier whose server does not answer, and checks that
 * each ends as unavailable (a miss to the tiered store) and that some gave up waiting for a pooled
 * connection: the case where more callers than {@code max-connections} meet a silent server.
 */
final class ConcurrentLoads {
    /** Is far above any operation timeout used with it: it only stops a hung test. */
    private static final Duration HANG_GUARD = Duration.ofSeconds(60);

    private ConcurrentLoads() {
    }

    /** Asserts that each of {@code callers} concurrent loads of the key throws unavailable. */
    static void assertEveryLoadUnavailable(CacheTier tier, String key, int callers) {
        var failures = assertTimeoutPreemptively(HANG_GUARD, () -> loadAtOnce(tier, key, callers));

        assertThat(failures).hasSize(callers)
                .allSatisfy(failure -> assertThat(failure).isInstanceOf(BackendUnavailableException.class));
        // Jedis reports a borrow that waited its limit as NoSuchElementException from the pool.
        assertThat(failures).anySatisfy(failure -> assertThat(failure)
                .hasRootCauseInstanceOf(NoSuchElementException.class));
    }

    private static List<Throwable> loadAtOnce(CacheTier tier, String key, int callers) throws InterruptedException {
        var start = new CountDownLatch(1);
        var executor = Executors.newFixedThreadPool(callers);
        try {
            var futures = new ArrayList<Future<?>>();
            for (int i = 0; i < callers; i++) {
                Callable<Object> load = () -> {
                    start.await();
                    return tier.load(key);
                };
                futures.add(executor.submit(load));
            }
            start.countDown();
            var failures = new ArrayList<Throwable>();
            for (var future : futures) {
                try {
                    future.get();
                } catch (ExecutionException e) {
                    failures.add(e.getCause());
                }
            }
            return failures;
        } finally {
            executor.shutdownNow();
        }
    }
}
