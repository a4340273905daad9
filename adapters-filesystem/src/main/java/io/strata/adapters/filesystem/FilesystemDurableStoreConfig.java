package io.strata.adapters.filesystem;

import java.nio.file.Path;
import java.util.Locale;

import static java.util.Objects.requireNonNull;

/**
 * Configures the filesystem durable store.
 *
 * @param baseFolder the folder that holds every stored path (key {@code durable.filesystem.folder});
 *     absolute, or relative to the working directory; created at start-up (see
 *     {@link FilesystemDurableStore#checkWritable}) or on the first write when absent
 */
public record FilesystemDurableStoreConfig(Path baseFolder) {
    public FilesystemDurableStoreConfig {
        requireNonNull(baseFolder, "baseFolder is null");
        if (baseFolder.toString().isEmpty()) {
            throw new IllegalArgumentException(
                    "Invalid durable.filesystem.folder[]: must not be empty; name a folder such as /var/strata");
        }
        baseFolder = baseFolder.toAbsolutePath().normalize();
        if (baseFolder.getParent() == null) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "Invalid durable.filesystem.folder[%s]: must not be a filesystem root;"
                            + " name a folder such as /var/strata",
                    baseFolder));
        }
    }
}
