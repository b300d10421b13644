package org.diffprior.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.diffprior.core.InvalidInputException;

/**
 * The files one call reads and writes, each under its parameter key, checked before any work: no output may be an
 * input of the call or another of its outputs. Paths are compared after resolving links and {@code ..}, and files
 * that exist are compared as files (a hard link to an input is that input).
 *
 * <pre>{@code
 * new CallFiles().input("input", input).output("out", out).output("std_out", stdOut).check();
 * }</pre>
 */
public final class CallFiles {

    private record Entry(String key, Path path, Path canonical, Object fileKey) {
    }

    private final List<Entry> inputs = new ArrayList<>();
    private final List<Entry> outputs = new ArrayList<>();
    private final Map<Path, Folder> folders = new HashMap<>();

    /** Declares files the call reads under parameter {@code key}; null paths (option not given) are skipped. */
    public CallFiles input(String key, Path... paths) {
        return input(key, Arrays.asList(paths));
    }

    /** Declares files the call reads under parameter {@code key}; null paths are skipped. */
    public CallFiles input(String key, Collection<Path> paths) {
        add(inputs, key, paths);
        return this;
    }

    /** Declares files (or a folder) the call writes under parameter {@code key}; null paths are skipped. */
    public CallFiles output(String key, Path... paths) {
        return output(key, Arrays.asList(paths));
    }

    /** Declares files the call writes under parameter {@code key}; null paths are skipped. */
    public CallFiles output(String key, Collection<Path> paths) {
        add(outputs, key, paths);
        return this;
    }

    private void add(List<Entry> entries, String key, Collection<Path> paths) {
        for (Path p : paths) {
            if (p != null) {
                entries.add(entry(key, p));
            }
        }
    }

    /**
     * Refuses an output that is one of the inputs or an output declared before it under another key. Linear in the
     * number of files (a batch declares thousands).
     *
     * @throws InvalidInputException keyed by the output, naming both parameters and the fix
     */
    public void check() {
        Map<Object, Entry> read = new HashMap<>();
        for (Entry in : inputs) {
            read.putIfAbsent(in.canonical, in);
            if (in.fileKey != null) {
                read.putIfAbsent(in.fileKey, in);
            }
        }
        Map<Object, Entry> written = new HashMap<>();
        for (Entry out : outputs) {
            Entry in = find(read, out);
            if (in != null) {
                throw InvalidInputException.of(out.key, describe(out, in) + " is also read by this call as "
                        + key(in) + ", and outputs never replace inputs; give " + key(out) + " another file name");
            }
            Entry earlier = find(written, out);
            if (earlier != null && !earlier.key.equals(out.key)) {
                throw InvalidInputException.of(out.key, describe(out, earlier) + " is also written by this call as "
                        + key(earlier) + "; give each output its own file name");
            }
            written.putIfAbsent(out.canonical, out);
            if (out.fileKey != null) {
                written.putIfAbsent(out.fileKey, out);
            }
        }
    }

    private static Entry find(Map<Object, Entry> index, Entry e) {
        Entry found = index.get(e.canonical);
        return found == null && e.fileKey != null ? index.get(e.fileKey) : found;
    }

    private static String describe(Entry out, Entry other) {
        return key(out) + " " + out.path + (out.path.equals(other.path) ? "" : " (" + other.path + ")");
    }

    private static String key(Entry e) {
        return "{" + e.key + "}";
    }

    /**
     * The entry of {@code path}: its absolute path with links resolved as far as it exists (an output's folder may be
     * a link, the output may not exist yet) and, for an existing file, the file system's identity of it (device and
     * inode on Unix), so that hard links compare equal. Folders are resolved once, as a batch declares thousands of
     * files in a few folders.
     */
    private Entry entry(String key, Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        Path parent = absolute.getParent();
        if (parent == null) {
            return new Entry(key, path, absolute, null);
        }
        Folder folder = folders.computeIfAbsent(parent, CallFiles::folder);
        Path canonical = folder.real.resolve(absolute.getFileName());
        if (!folder.exists) {
            return new Entry(key, path, canonical, null);
        }
        try {
            BasicFileAttributes attributes = Files.readAttributes(absolute, BasicFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS);
            if (attributes.isSymbolicLink()) {
                return new Entry(key, path, absolute.toRealPath(),
                        Files.readAttributes(absolute, BasicFileAttributes.class).fileKey());
            }
            return new Entry(key, path, canonical, attributes.fileKey());
        } catch (IOException | SecurityException e) {
            // Not there (or a dangling link): compared by its path alone.
            return new Entry(key, path, canonical, null);
        }
    }

    private record Folder(Path real, boolean exists) {
    }

    private static Folder folder(Path folder) {
        Path existing = folder;
        while (existing != null && !Files.isDirectory(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return new Folder(folder, false);
        }
        try {
            return new Folder(existing.toRealPath().resolve(existing.relativize(folder)).normalize(),
                    existing.equals(folder));
        } catch (IOException | SecurityException e) {
            return new Folder(folder, existing.equals(folder));
        }
    }
}
