package io.strata.ports;

import java.util.Locale;

import static java.util.Objects.requireNonNull;

/**
 * Checks keys against the rules of {@link CacheTier}, which are memcached's: 1 to
 * {@link CacheTier#MAX_KEY_LENGTH} printable ASCII characters without spaces. Every tier and fake
 * calls it, so they refuse the same keys with the same message.
 *
 * <p>Stateless and thread-safe.
 */
public final class CacheKeys {
    private CacheKeys() {
    }

    /**
     * Returns the key when it is valid.
     *
     * @throws IllegalArgumentException naming the key and the rule it breaks
     * @throws NullPointerException when the key is null
     */
    public static String check(String key) {
        requireNonNull(key, "key is null");
        if (key.isEmpty() || key.length() > CacheTier.MAX_KEY_LENGTH) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "Invalid cache key length[%d]: use 1 to %d characters", key.length(), CacheTier.MAX_KEY_LENGTH));
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c <= ' ' || c > '~') {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "Invalid cache key[%s]: character at index[%d] is not printable ASCII;"
                                + " use printable ASCII without spaces",
                        DurablePaths.printable(key), i));
            }
        }
        return key;
    }
}
