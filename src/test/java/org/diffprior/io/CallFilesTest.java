package org.diffprior.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.diffprior.core.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An output may be neither an input of its call nor another of its outputs, however the path is spelt. */
class CallFilesTest {

    @TempDir
    Path dir;

    private static InvalidInputException refused(CallFiles files) {
        return assertThrows(InvalidInputException.class, files::check);
    }

    @Test
    void anOutputThatIsAnInputIsRefusedByItsKeyNamingBothParameters() throws IOException {
        Path input = Files.writeString(dir.resolve("in.tif"), "x");
        InvalidInputException e = refused(new CallFiles().input("input", input).output("out", input));
        assertEquals("out", e.parameter().orElseThrow());
        String message = e.message(key -> "--" + key.replace('_', '-'));
        assertEquals("--out " + input + " is also read by this call as --input, and outputs never replace inputs; "
                + "give --out another file name", message);
    }

    @Test
    void anInputIsRecognisedThroughDotsLinksAndHardLinks() throws IOException {
        Path input = Files.writeString(dir.resolve("in.tif"), "x");
        Path folderLink = Files.createSymbolicLink(dir.resolve("link"), dir);
        Path fileLink = Files.createSymbolicLink(dir.resolve("in-link.tif"), input);
        Path hardLink = Files.createLink(dir.resolve("in-hard.tif"), input);
        for (Path same : List.of(dir.resolve("sub/../in.tif"), folderLink.resolve("in.tif"), fileLink, hardLink,
                Path.of("").toAbsolutePath().relativize(input))) {
            InvalidInputException e = refused(new CallFiles().input("mask", input).output("out", same));
            assertTrue(e.getMessage().contains("(" + input + ")"), e.getMessage());
        }
        // A file not made yet, in a folder reached through a link: the same path as the input's.
        Path planned = dir.resolve("planned.tif");
        refused(new CallFiles().input("image", planned).output("out_mask", folderLink.resolve("planned.tif")));
    }

    @Test
    void twoOutputsOfDifferentParametersMayNotShareAFile() {
        Path out = dir.resolve("out.tif");
        InvalidInputException e = refused(new CallFiles().output("out", out).output("std_out", out));
        assertEquals("std_out", e.parameter().orElseThrow());
        assertTrue(e.getMessage().contains("is also written by this call as out; give each output its own file name"),
                e.getMessage());
    }

    @Test
    void distinctFilesAndOptionsNotGivenPass() throws IOException {
        Path input = Files.writeString(dir.resolve("in.tif"), "x");
        new CallFiles().input("input", input, null).input("sensitivities", Cfl.files(dir.resolve("s.cfl")))
                .output("out", dir.resolve("out.tif")).output("std_out", (Path) null)
                .output("out_kspace", Cfl.files(dir.resolve("k"))).check();
        assertEquals(List.of(dir.resolve("k.cfl"), dir.resolve("k.hdr")), Cfl.files(dir.resolve("k.hdr")));
        Path h5 = Files.writeString(dir.resolve("k.h5"), "x");
        assertEquals(List.of(h5), Cfl.files(h5));
        // The header of a BART input is an input too.
        refused(new CallFiles().input("kspace", Cfl.files(dir.resolve("k.cfl"))).output("out", dir.resolve("k.hdr")));
    }

    @Test
    void thousandsOfFilesAreCheckedQuickly() {
        List<Path> inputs = new ArrayList<>();
        List<Path> outputs = new ArrayList<>();
        for (int i = 0; i < 20000; i++) {
            inputs.add(dir.resolve("in/" + i + ".tif"));
            outputs.add(dir.resolve("out/" + i + ".tif"));
        }
        long start = System.nanoTime();
        new CallFiles().input("in", inputs).output("out", outputs).output("summary", dir.resolve("s.csv")).check();
        assertTrue(System.nanoTime() - start < 5e9, "linear, not quadratic, in the number of files");
    }
}
