package io.strata.domain.manager;

import io.strata.domain.key.CourseKey;
import io.strata.ports.BackendUnavailableException;
import io.strata.ports.CacheTier;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import static java.util.Objects.requireNonNull;

/*
 * A lease is one entry per course in a shared cache tier, written with storeIfAbsent and a ttl. Its
 * value is a token unique to one acquisition, so a holder releases only its own lease
 * (evictIfMatches): a holder whose lease expired and was taken over cannot end its successor's. A
 * holder that dies (or cannot reach the tier to release) lets the ttl run out, and a waiter then
 * takes the lease over. The ttl should exceed the longest collect; when a collect outlasts it, a
 * second process may collect the same course too, which costs time but never correctness (both
 * store the same address, and the pointer keeps the newest build).
 */

/**
 * Lets one process at a time collect a course, among the processes that share a cache tier; the
 * others wait, with a backoff from {@code firstWait} doubling up to {@code maxWait}, for the
 * structure to appear in the tiers. Thread-safe.
 */
public final class CollectLease {
    private static final String KEY_PREFIX = "strata:lease1:";

    private final CacheTier tier;
    private final Duration ttl;
    private final Duration firstWait;
    private final Duration maxWait;
    private final Sleeper sleeper;

    /**
     * Creates leases kept in the tier.
     *
     * @param tier a tier that {@linkplain CacheTier#supportsConditionalWrites() supports conditional writes}
     * @param ttl how long a lease lives unless released; positive
     * @param firstWait the first wait of a process that found the lease held; positive
     * @param maxWait the longest wait between two looks at the tiers; at least {@code firstWait}
     * @throws IllegalArgumentException when the tier has no conditional writes or a duration is out of range
     */
    public CollectLease(CacheTier tier, Duration ttl, Duration firstWait, Duration maxWait, Sleeper sleeper) {
        this.tier = requireNonNull(tier, "tier is null");
        this.ttl = requireNonNull(ttl, "ttl is null");
        this.firstWait = requireNonNull(firstWait, "firstWait is null");
        this.maxWait = requireNonNull(maxWait, "maxWait is null");
        this.sleeper = requireNonNull(sleeper, "sleeper is null");
        if (!tier.supportsConditionalWrites()) {
            throw new IllegalArgumentException("cache tier[" + tier.name() + "] has no conditional writes for leases");
        }
        if (!isPositive(ttl) || !isPositive(firstWait) || maxWait.compareTo(firstWait) < 0) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "ttl[%s] and firstWait[%s] must be positive, and maxWait[%s] at least firstWait",
                    ttl, firstWait, maxWait));
        }
    }

    /** Returns the name of the tier that holds the leases. */
    public String tierName() {
        return tier.name();
    }

    /** Returns how long a lease lives unless released. */
    public Duration ttl() {
        return ttl;
    }

    /**
     * Takes the course's lease when nobody holds it; returns the held lease, or empty when another
     * holder has it.
     *
     * @throws BackendUnavailableException when the tier cannot be reached
     */
    Optional<Held> tryAcquire(CourseKey course) {
        var key = keyOf(course);
        var token = UUID.randomUUID().toString().getBytes(StandardCharsets.US_ASCII);
        return tier.storeIfAbsent(key, token, ttl) ? Optional.of(new Held(key, token)) : Optional.empty();
    }

    /** Returns the first wait of a process that found the lease held. */
    Duration firstWait() {
        return firstWait;
    }

    /** Returns the wait after {@code previous}: twice as long, at most {@code maxWait}. */
    Duration nextWait(Duration previous) {
        var doubled = previous.multipliedBy(2);
        return doubled.compareTo(maxWait) > 0 ? maxWait : doubled;
    }

    /**
     * Waits for the duration.
     *
     * @throws BackendUnavailableException when the thread is interrupted (its flag stays set)
     */
    void sleep(CourseKey course, Duration duration) {
        try {
            sleeper.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BackendUnavailableException(String.format(Locale.ROOT,
                    "Interrupted while waiting for course[%s] to be collected by another process", course), e);
        }
    }

    /**
     * Returns the cache key of the course's lease: a prefix, the course key (its first 120 characters)
     * and its SHA-256, within the cache tiers' key rules.
     */
    public static String keyOf(CourseKey course) {
        var text = course.toString();
        var readable = text.length() <= 120 ? text : text.substring(0, 120);
        try {
            var digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return KEY_PREFIX + readable + ":" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM, which the Java spec requires", e);
        }
    }

    private static boolean isPositive(Duration duration) {
        return !duration.isNegative() && !duration.isZero();
    }

    /** Is a lease this process holds. */
    final class Held {
        private final String key;
        private final byte[] token;

        private Held(String key, byte[] token) {
            this.key = key;
            this.token = token;
        }

        /**
         * Releases the lease unless another holder took it over after it expired.
         *
         * @throws BackendUnavailableException when the tier cannot be reached; the lease then runs out by its ttl
         */
        void release() {
            tier.evictIfMatches(key, token);
        }
    }
}
