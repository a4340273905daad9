package io.strata.adapters.redis;

import io.strata.ports.CacheTier;

import java.util.Locale;

import static java.util.Objects.requireNonNull;

/** Checks keys against the port's rules, 1 to 250 printable ASCII characters, no spaces. */
final class Keys {
    private Keys() {
    }

    /** Returns the key when it is valid. */
    static String check(String key) {
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
                        key, i));
            }
        }
        return key;
    }
}
