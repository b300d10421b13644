package org.diffprior.io;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

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

    private AtomicFiles() {
    }

    public static void write(Path target, Writer writer) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        Files.createDirectories(dir);
        String name = absolute.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String suffix = dot >= 0 ? name.substring(dot) : "";
        Path temp = Files.createTempFile(dir, "." + name + ".", ".part" + suffix);
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
