package io.strata.adapters.filesystem;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;

/** Tells whether a file changed: its modification time, size and identity (inode). */
record FileFingerprint(FileTime modified, long size, Object fileKey) {
    /**
     * Returns the file's fingerprint, or null when there is no file.
     *
     * @throws IOException when the file's attributes cannot be read
     */
    static FileFingerprint of(Path file) throws IOException {
        try {
            var attributes = Files.readAttributes(file, BasicFileAttributes.class);
            return new FileFingerprint(attributes.lastModifiedTime(), attributes.size(), attributes.fileKey());
        } catch (NoSuchFileException e) {
            return null;
        }
    }
}
