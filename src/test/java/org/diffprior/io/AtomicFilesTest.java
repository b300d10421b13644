package org.diffprior.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.diffprior.core.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The outputs of one call are committed together or not at all, and temporaries of killed processes go away. */
class AtomicFilesTest {

    @TempDir
    Path dir;

    private List<String> names() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static AtomicFiles.Writer text(String content) {
        return temp -> Files.writeString(temp, content);
    }

    @Test
    void everyStagedOutputIsReplacedOnlyAtTheCommit() throws IOException {
        Path first = Files.writeString(dir.resolve("first.tif"), "old first");
        Path second = dir.resolve("second.tif");
        try (AtomicFiles.Transaction outputs = AtomicFiles.transaction()) {
            Path temp = outputs.stage(first, text("new first"));
            outputs.stage(second, text("new second"));
            assertEquals("new first", Files.readString(temp));
            assertEquals("old first", Files.readString(first));
            assertFalse(Files.exists(second));
            outputs.commit();
        }
        assertEquals("new first", Files.readString(first));
        assertEquals("new second", Files.readString(second));
        assertEquals(List.of("first.tif", "second.tif"), names(), "no temporary or backup left");
    }

    @Test
    void aFailingWriterOfALaterOutputLeavesTheEarlierOnesAsTheyWere() throws IOException {
        Path first = Files.writeString(dir.resolve("first.tif"), "old first");
        Path second = dir.resolve("second.tif");
        IOException e = assertThrows(IOException.class, () -> {
            try (AtomicFiles.Transaction outputs = AtomicFiles.transaction()) {
                outputs.stage(first, text("new first"));
                outputs.stage(second, temp -> {
                    Files.writeString(temp, "half");
                    throw new IOException("disk full");
                });
                outputs.commit();
            }
        });
        assertEquals("disk full", e.getMessage());
        assertEquals("old first", Files.readString(first));
        assertEquals(List.of("first.tif"), names());
    }

    @Test
    void aSecondOutputInAFolderThatCannotBeMadeLeavesTheFirstOutputsFileUntouched() throws IOException {
        Path first = Files.writeString(dir.resolve("first.tif"), "old first");
        Path blocker = Files.writeString(dir.resolve("a-file"), "x");
        Path second = blocker.resolve("second.tif");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> {
            try (AtomicFiles.Transaction outputs = AtomicFiles.transaction()) {
                outputs.stage(first, text("new first"));
                outputs.stage(second, text("new second"));
                outputs.commit();
            }
        });
        assertTrue(e.getMessage().startsWith(second + ": cannot make its folder"), e.getMessage());
        assertEquals("old first", Files.readString(first));
        assertEquals(List.of("a-file", "first.tif"), names());
    }

    @Test
    void aRenameThatFailsAtTheCommitPutsBackWhatTheEarlierRenamesReplaced() throws IOException {
        Path replaced = Files.writeString(dir.resolve("replaced.tif"), "old");
        Path created = dir.resolve("created.tif");
        // The file system refuses this name only at the rename (the temporary's name is short).
        Path tooLong = dir.resolve("x".repeat(252) + ".tif");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> {
            try (AtomicFiles.Transaction outputs = AtomicFiles.transaction()) {
                outputs.stage(replaced, text("new"));
                outputs.stage(created, text("new"));
                outputs.stage(tooLong, text("new"));
                outputs.commit();
            }
        });
        assertTrue(e.getMessage().startsWith(tooLong + ": cannot be written ("), e.getMessage());
        assertTrue(e.getMessage().contains("no output of this call was changed"), e.getMessage());
        assertEquals("old", Files.readString(replaced));
        assertEquals(List.of("replaced.tif"), names(), "the output that did not exist is removed again");
    }

    @Test
    void aTargetThatBecameAFolderBeforeTheCommitIsNotReplacedAndNothingElseIs() throws IOException {
        Path first = Files.writeString(dir.resolve("first.tif"), "old first");
        Path second = dir.resolve("second.tif");
        assertThrows(InvalidInputException.class, () -> {
            try (AtomicFiles.Transaction outputs = AtomicFiles.transaction()) {
                outputs.stage(first, text("new first"));
                outputs.stage(second, text("new second"));
                Files.createDirectories(second.resolve("inside"));
                outputs.commit();
            }
        });
        assertEquals("old first", Files.readString(first));
        assertTrue(Files.isDirectory(second.resolve("inside")));
        assertEquals(List.of("first.tif", "second.tif"), names());
    }

    @Test
    void theSameTargetCannotBeStagedTwice() throws IOException {
        Path out = dir.resolve("out.tif");
        try (AtomicFiles.Transaction outputs = AtomicFiles.transaction()) {
            outputs.stage(out, text("a"));
            InvalidInputException e = assertThrows(InvalidInputException.class,
                    () -> outputs.stage(dir.resolve("sub/../out.tif"), text("b")));
            assertTrue(e.getMessage().contains("is written twice"), e.getMessage());
        }
        assertEquals(List.of(), names());
    }

    @Test
    void temporariesOfProcessesThatNoLongerRunAreRemovedAtTheNextWriteAndOthersKept() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        long deadPid = gone.pid();
        long livePid = ProcessHandle.current().parent().map(ProcessHandle::pid).orElseThrow();
        // What kill -9 leaves: a temporary and a commit backup of a dead process, and one of a live process.
        Path stale = Files.writeString(dir.resolve(AtomicFiles.temporaryName("out.tif", deadPid)), "half");
        Path staleBackup = Files.writeString(dir.resolve(AtomicFiles.temporaryName("other.cfl", deadPid) + ".orig"),
                "x");
        Path live = Files.writeString(dir.resolve(AtomicFiles.temporaryName("out.tif", livePid)), "busy");
        Path lookalike = Files.writeString(dir.resolve(".notes.123.part"), "mine");
        assertTrue(AtomicFiles.isTemporary(stale.getFileName().toString()));
        assertTrue(AtomicFiles.isTemporary(staleBackup.getFileName().toString()));
        assertFalse(AtomicFiles.isTemporary(lookalike.getFileName().toString()));
        Tiffs.write(FloatImage.of(2, 2, new float[4]), dir.resolve("another.tif"));
        assertFalse(Files.exists(stale));
        assertFalse(Files.exists(staleBackup));
        assertTrue(Files.exists(live));
        assertTrue(Files.exists(lookalike));
    }

    @Test
    void temporaryNamesStayShortWhateverTheOutputsName() {
        String name = "y".repeat(250) + ".tif";
        String temp = AtomicFiles.temporaryName(name, 4194304);
        assertTrue(temp.length() < 120, temp);
        assertTrue(temp.endsWith(".part.tif") && temp.startsWith(".yyy"), temp);
        assertTrue(AtomicFiles.isTemporary(temp));
        assertTrue(AtomicFiles.isTemporary(AtomicFiles.temporaryName("k", 7)));
    }

    @Test
    void tiffWritesReplaceTheTargetByRenameAndNeverWriteIntoIt() throws IOException {
        // A second name (hard link) for the old output: an atomic write replaces the target with a new file and
        // leaves this one as it was; a writer that opened the target itself would change both.
        Path target = dir.resolve("out.tif");
        FloatImage before = FloatImage.of(3, 2, new float[] {1, 2, 3, 4, 5, 6});
        Tiffs.write(before, target);
        byte[] old = Files.readAllBytes(target);
        Path witness = Files.createLink(dir.resolve("witness.tif"), target);
        FloatImage after = FloatImage.of(3, 2, new float[] {6, 5, 4, 3, 2, 1});
        Tiffs.write(after, target);
        assertArrayEquals(old, Files.readAllBytes(witness));
        assertArrayEquals(after.data(), ImageFiles.read(target).data());
        assertFalse(Files.isSameFile(target, witness));
        assertEquals(List.of("out.tif", "witness.tif"), names());
    }
}
