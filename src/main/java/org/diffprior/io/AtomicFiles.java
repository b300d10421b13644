package org.diffprior.io;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.diffprior.core.InvalidInputException;

/**
 * Outputs are written whole or not at all, and the outputs of one call all together or none: each writer fills a
 * temporary file next to its target ({@link Transaction#stage}), and only when every one succeeded are they renamed
 * over their targets ({@link Transaction#commit}); a rename that fails puts back what the earlier ones replaced.
 *
 * <pre>{@code
 * try (AtomicFiles.Transaction outputs = AtomicFiles.transaction()) {
 *     outputs.stage(out, Tiffs.writer(mean));
 *     outputs.stage(stdOut, Tiffs.writer(std));
 *     outputs.commit();                 // both replaced, or neither (close() removes the temporaries)
 * }
 * }</pre>
 *
 * <p>Temporaries are named {@code .NAME.PID-RANDOM.part.EXT}: those of a process that no longer runs (killed before
 * it could remove them) are deleted from a folder the first time this process writes there.
 */
public final class AtomicFiles {

    /** Writes a file given its path. */
    @FunctionalInterface
    public interface Writer {
        void write(Path temp) throws IOException;
    }

    private static final SecureRandom RANDOM = new SecureRandom();
    /** Our temporaries and commit backups: {@code .NAME.PID-16HEX.part} and an optional extension. */
    private static final Pattern TEMPORARY = Pattern.compile("\\..*\\.(\\d{1,19})-[0-9a-f]{16}\\.part(\\..*)?");
    /** Part of the target's name kept in a temporary's, so that the temporary's name stays short enough. */
    private static final int STEM_CHARS = 64;
    private static final int SUFFIX_CHARS = 16;
    private static final String BACKUP_SUFFIX = ".orig";
    private static final Set<Path> CLEANED_FOLDERS = ConcurrentHashMap.newKeySet();

    private AtomicFiles() {
    }

    /**
     * Runs {@code writer} on a temporary file in the target's folder and renames it over {@code target}.
     *
     * @throws InvalidInputException when the target is a folder, a link or a special file (never replaced), or its
     *         folder cannot be made or written; the message names the output, not the temporary file
     */
    public static void write(Path target, Writer writer) throws IOException {
        try (Transaction transaction = transaction()) {
            transaction.stage(target, writer);
            transaction.commit();
        }
    }

    /** A new, empty set of outputs to stage and then commit together. */
    public static Transaction transaction() {
        return new Transaction();
    }

    /** Whether {@code fileName} is the name of one of our temporaries (or commit backups). */
    public static boolean isTemporary(String fileName) {
        return TEMPORARY.matcher(fileName).matches();
    }

    /**
     * The outputs of one call: {@link #stage} writes each to its temporary, {@link #commit} renames them all over
     * their targets, {@link #close} removes whatever was staged and not committed. Not thread-safe.
     */
    public static final class Transaction implements AutoCloseable {

        private final List<Staged> staged = new ArrayList<>();
        private boolean committed;

        private Transaction() {
        }

        /**
         * Checks {@code target}, makes its folder and writes its content with {@code writer} into a temporary file
         * beside it; the target itself is untouched until {@link #commit}.
         *
         * @return the temporary file (its content can be read, e.g. to checksum it, until the commit)
         * @throws InvalidInputException when the target is a folder, a link, a special file or staged already, or its
         *         folder cannot be made or written; the message names the output, not the temporary file
         */
        public Path stage(Path target, Writer writer) throws IOException {
            if (committed) {
                throw new IllegalStateException("transaction already committed");
            }
            Path absolute = checkTarget(target);
            for (Staged s : staged) {
                if (s.target.equals(absolute)) {
                    throw new InvalidInputException(target + ": is written twice by this call; give each output "
                            + "its own file name");
                }
            }
            Path dir = absolute.getParent();
            try {
                Files.createDirectories(dir);
            } catch (FileSystemException e) {
                throw new InvalidInputException(target + ": cannot make its folder (" + reason(e)
                        + "); choose a folder you can write to", e);
            }
            removeStaleTemporaries(dir);
            Path temp = createTemporary(target, absolute, "");
            staged.add(new Staged(target, absolute, temp));
            writer.write(temp);
            return temp;
        }

        /**
         * Renames every staged temporary over its target. When one rename fails, the targets replaced before it get
         * their earlier content back (or are removed if they did not exist), so that no target is changed.
         *
         * @throws InvalidInputException when a target cannot be replaced (it became a folder, its folder is read-only,
         *         its name is too long for the file system); the message names that output
         */
        public void commit() throws IOException {
            if (committed) {
                throw new IllegalStateException("transaction already committed");
            }
            committed = true;
            // One file needs no backup: its rename is atomic.
            boolean backups = staged.size() > 1;
            List<Staged> done = new ArrayList<>();
            try {
                for (Staged s : staged) {
                    checkTarget(s.given);
                    if (backups && Files.exists(s.target, LinkOption.NOFOLLOW_LINKS)) {
                        s.backup = backup(s);
                    }
                    move(s.temp, s.target);
                    done.add(s);
                }
            } catch (IOException | RuntimeException e) {
                rollBack(done, e);
                if (e instanceof FileSystemException fse) {
                    Staged failed = staged.get(done.size());
                    throw new InvalidInputException(failed.given + ": cannot be written (" + reason(fse) + "); "
                            + (staged.size() > 1 ? "no output of this call was changed; " : "")
                            + "choose a shorter name or a folder you can write to", e);
                }
                throw e;
            } finally {
                cleanUp();
            }
        }

        /** Removes the temporaries of outputs not committed (a failed call leaves nothing behind). */
        @Override
        public void close() throws IOException {
            cleanUp();
        }

        private void cleanUp() throws IOException {
            IOException first = null;
            for (Staged s : staged) {
                for (Path p : new Path[] {s.temp, s.backup}) {
                    try {
                        if (p != null) {
                            Files.deleteIfExists(p);
                        }
                    } catch (IOException e) {
                        if (first == null) {
                            first = e;
                        } else {
                            first.addSuppressed(e);
                        }
                    }
                }
            }
            if (first != null) {
                throw first;
            }
        }

        /** Puts back the targets replaced so far, last first; failures are attached to {@code cause}. */
        private static void rollBack(List<Staged> done, Exception cause) {
            for (int i = done.size() - 1; i >= 0; i--) {
                Staged s = done.get(i);
                try {
                    if (s.backup != null) {
                        move(s.backup, s.target);
                        s.backup = null;
                    } else {
                        Files.deleteIfExists(s.target);
                    }
                } catch (IOException e) {
                    cause.addSuppressed(e);
                }
            }
        }

        /** A second name for the target's present content: a hard link, or a copy where links are not supported. */
        private static Path backup(Staged s) throws IOException {
            Path backup = createTemporary(s.given, s.target, BACKUP_SUFFIX);
            Files.delete(backup);
            try {
                Files.createLink(backup, s.target);
            } catch (UnsupportedOperationException | FileSystemException e) {
                Files.copy(s.target, backup, StandardCopyOption.COPY_ATTRIBUTES);
            }
            return backup;
        }
    }

    /** One staged output: the path as given (for messages), its absolute form, its temporary and backup. */
    private static final class Staged {
        final Path given;
        final Path target;
        final Path temp;
        Path backup;

        Staged(Path given, Path target, Path temp) {
            this.given = given;
            this.target = target;
            this.temp = temp;
        }
    }

    /** The absolute target, after refusing folders, links and special files (which outputs never replace). */
    private static Path checkTarget(Path target) {
        Path absolute = target.toAbsolutePath().normalize();
        if (absolute.getParent() == null || absolute.getFileName() == null || Files.isDirectory(absolute)) {
            throw new InvalidInputException(target + ": is a folder; give a file name for the output");
        }
        if (Files.isSymbolicLink(absolute) || Files.exists(absolute) && !Files.isRegularFile(absolute)) {
            throw new InvalidInputException(target + ": is a link or a special file, which outputs never replace; "
                    + "give another file name");
        }
        return absolute;
    }

    /**
     * Creates an empty temporary beside {@code absolute}, so that a path the file system refuses (a read-only
     * folder) is reported in the output's name rather than as the writer's failure.
     */
    private static Path createTemporary(Path given, Path absolute, String extra) throws IOException {
        String name = absolute.getFileName().toString();
        // A fresh name, not Files.createTempFile: that creates the file with mode 0600, and the rename would
        // give every output those permissions instead of the user's umask.
        while (true) {
            Path temp = absolute.resolveSibling(temporaryName(name, ProcessHandle.current().pid()) + extra);
            try {
                return Files.createFile(temp);
            } catch (java.nio.file.FileAlreadyExistsException e) {
                continue;
            } catch (FileSystemException e) {
                throw new InvalidInputException(given + ": cannot be written (" + reason(e)
                        + "); choose a shorter name or a folder you can write to", e);
            }
        }
    }

    /** A fresh temporary name for output {@code name} of process {@code pid}; short whatever the name's length. */
    static String temporaryName(String name, long pid) {
        int dot = name.lastIndexOf('.');
        String suffix = dot > 0 && name.length() - dot <= SUFFIX_CHARS ? name.substring(dot) : "";
        String stem = name.substring(0, Math.min(STEM_CHARS, name.length() - suffix.length()));
        return "." + stem + "." + pid + "-" + String.format(Locale.ROOT, "%016x", RANDOM.nextLong()) + ".part"
                + suffix;
    }

    /**
     * Deletes the temporaries that processes no longer running left in {@code dir} (kill -9, power loss), once per
     * folder and process. A temporary of a live process, this one included, is never touched.
     */
    static void removeStaleTemporaries(Path dir) {
        if (!CLEANED_FOLDERS.add(dir)) {
            return;
        }
        long self = ProcessHandle.current().pid();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, ".*.part*")) {
            for (Path file : files) {
                Matcher m = TEMPORARY.matcher(file.getFileName().toString());
                if (!m.matches()) {
                    continue;
                }
                long pid;
                try {
                    pid = Long.parseLong(m.group(1));
                } catch (NumberFormatException e) {
                    continue;
                }
                if (pid != self && ProcessHandle.of(pid).isEmpty()) {
                    Files.deleteIfExists(file);
                }
            }
        } catch (IOException | SecurityException e) {
            // Cleaning is a courtesy: a folder we cannot list or a file we cannot delete does not stop the output.
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** The file system's reason without the path it names (the message names the output instead). */
    private static String reason(FileSystemException e) {
        String reason = e.getReason();
        return reason != null ? reason : e.getClass().getSimpleName().replace("Exception", "").toLowerCase(Locale.ROOT);
    }
}
