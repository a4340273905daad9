package io.strata.adapters.caffeine;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Configures the in-process cache tier.
 *
 * @param maxBytes the most the cache may hold, in bytes of keys, values and an estimate of the
 *     per-entry overhead (key {@code in-process.max-bytes}); positive
 * @param expireAfterWrite how long an entry lives after it is stored, or empty to keep it until it
 *     is evicted for room (key {@code in-process.expire-after-write}); positive when present
 */
public record CaffeineCacheTierConfig(long maxBytes, Optional<Duration> expireAfterWrite) {
    /** Is the default size bound: 256 MiB. */
    public static final long DEFAULT_MAX_BYTES = 256L * 1024 * 1024;

    public CaffeineCacheTierConfig {
        requireNonNull(expireAfterWrite, "expireAfterWrite is null");
        if (maxBytes <= 0) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "Invalid in-process.max-bytes[%d]: must be positive", maxBytes));
        }
        expireAfterWrite.ifPresent(ttl -> {
            if (ttl.isNegative() || ttl.isZero()) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "Invalid in-process.expire-after-write[%s]: must be positive; omit it to never expire",
                        ttl));
            }
        });
    }

    /** Returns the defaults: {@link #DEFAULT_MAX_BYTES} and no expiry. */
    public static CaffeineCacheTierConfig defaults() {
        return new CaffeineCacheTierConfig(DEFAULT_MAX_BYTES, Optional.empty());
    }
}
