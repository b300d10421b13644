package org.diffprior.io;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.Locale;

import org.diffprior.core.InvalidInputException;

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

    /**
     * Runs {@code writer} on a temporary file in the target's folder and renames it over {@code target}.
     *
     * @throws InvalidInputException when the target is a folder, a link or a special file (never replaced), or its
     *         folder cannot be made or written; the message names the output, not the temporary file
     */
    public static void write(Path target, Writer writer) throws IOException {
        Path absolute = target.toAbsolutePath().normalize();
        Path dir = absolute.getParent();
        if (dir == null || absolute.getFileName() == null || Files.isDirectory(absolute)) {
            throw new InvalidInputException(target + ": is a folder; give a file name for the output");
        }
        if (Files.isSymbolicLink(absolute) || Files.exists(absolute) && !Files.isRegularFile(absolute)) {
            throw new InvalidInputException(target + ": is a link or a special file, which outputs never replace; "
                    + "give another file name");
        }
        try {
            Files.createDirectories(dir);
        } catch (FileSystemException e) {
            throw new InvalidInputException(target + ": cannot make its folder (" + reason(e)
                    + "); choose a folder you can write to", e);
        }
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
            // Made here, before the writer runs, so that a path the file system refuses (a name too long, a
            // read-only folder) is reported in the output's name rather than as the writer's failure.
            Files.createFile(temp);
        } catch (FileSystemException e) {
            throw new InvalidInputException(target + ": cannot be written (" + reason(e)
                    + "); choose a shorter name or a folder you can write to", e);
        }
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

    /** The file system's reason without the path it names (the message names the output instead). */
    private static String reason(FileSystemException e) {
        String reason = e.getReason();
        return reason != null ? reason : e.getClass().getSimpleName().replace("Exception", "").toLowerCase(Locale.ROOT);
    }
}
