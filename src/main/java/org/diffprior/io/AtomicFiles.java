package org.diffprior.io;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;

/**
 * Outputs are written whole or not at all: the writer fills a temporary file next to the target,
 * which is renamed over the target only when the writer succeeded.
 */
public final class AtomicFiles {

    /** Writes a file given its path. */
    @FunctionalInterface
    public interface Writer {
        void write(Path temp) throws IOException;
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private AtomicFiles() {
    }

    /** Runs {@code writer} on a temporary file in the target's folder and renames it over {@code target}. */
    public static void write(Path target, Writer writer) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        Files.createDirectories(dir);
        String name = absolute.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String suffix = dot >= 0 ? name.substring(dot) : "";
        // A fresh name, not Files.createTempFile: that creates the file with mode 0600, and the rename would
        // give every output those permissions instead of the user's umask.
        Path temp;
        do {
            temp = dir.resolve("." + name + "." + Long.toHexString(RANDOM.nextLong()) + ".part" + suffix);
        } while (Files.exists(temp));
        try {
            writer.write(temp);
            try {
                Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
