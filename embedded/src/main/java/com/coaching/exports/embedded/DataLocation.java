package com.coaching.exports.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.util.FileSystemUtils;

/**
 * Where the stand-ins keep their files: a directory the user chose (kept across runs) or a temp
 * directory that is deleted when the JVM stops.
 */
final class DataLocation {

    private final Path root;
    private final boolean persistent;

    private DataLocation(Path root, boolean persistent) {
        this.root = root;
        this.persistent = persistent;
    }

    static DataLocation of(EmbeddedSettings settings) {
        try {
            if (settings.persistent()) {
                return new DataLocation(Files.createDirectories(settings.dataDir()), true);
            }
            return new DataLocation(Files.createTempDirectory("exports-embedded-"), false);
        } catch (IOException ex) {
            throw new UncheckedIOException("Cannot create the embedded services' data directory", ex);
        }
    }

    boolean persistent() {
        return persistent;
    }

    /** The (created) sub-directory for one service, e.g. {@code postgres}. */
    Path directoryFor(String service) {
        try {
            return Files.createDirectories(root.resolve(service));
        } catch (IOException ex) {
            throw new UncheckedIOException("Cannot create " + root.resolve(service), ex);
        }
    }

    /** Removes a temp location; a user-chosen one is left alone. */
    void discardIfEphemeral() {
        if (persistent) {
            return;
        }
        try {
            FileSystemUtils.deleteRecursively(root);
        } catch (IOException ex) {
            // best effort: the OS cleans temp dirs eventually, and failing JVM shutdown over it helps nobody
        }
    }

    @Override
    public String toString() {
        return root + (persistent ? "" : " (temporary)");
    }
}
