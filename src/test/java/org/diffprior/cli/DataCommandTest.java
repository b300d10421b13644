package org.diffprior.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.diffprior.io.ImageFiles;
import org.diffprior.io.TrainingData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code diffprior data} in-process: the documented layout on success, exit 2 and one line on bad input. */
class DataCommandTest {

    @TempDir
    Path dir;

    private static int run(ByteArrayOutputStream errors, String... args) {
        PrintStream saved = System.err;
        System.setErr(new PrintStream(errors, true));
        try {
            return DiffPriorCli.commandLine().execute(args);
        } finally {
            System.setErr(saved);
        }
    }

    @Test
    void writesTheDocumentedLayout() {
        assumeTrue(Files.isRegularFile(TrainingData.COLIN27), "mricron-data is not installed");
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int status = run(errors, "data", "--out", dir.toString(), "--sizes", "64", "--no-dicom");
        assertEquals(0, status, errors.toString());
        for (String set : new String[] {"train", "val"}) {
            for (String orientation : TrainingData.ORIENTATIONS) {
                Path file = dir.resolve("colin27/" + set + "/" + orientation + "_64.tif");
                assertTrue(Files.isRegularFile(file), file.toString());
            }
        }
        assertEquals(64, ImageFiles.read(dir.resolve("colin27/val/axial_64.tif")).width());
        assertTrue(Files.isRegularFile(dir.resolve("colin27/split.tsv")));
    }

    @Test
    void missingVolumeIsBadInputWithOneLine() {
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        Path absent = dir.resolve("absent.nii.gz");
        int status = run(errors, "data", "--out", dir.toString(), "--colin27", absent.toString());
        assertEquals(2, status);
        String message = errors.toString().trim();
        assertEquals(1, message.lines().count(), message);
        assertTrue(message.contains("absent.nii.gz") && message.contains("mricron-data"), message);
    }

    @Test
    void sizeOutOfRangeIsBadInput() {
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        assertEquals(2, run(errors, "data", "--out", dir.toString(), "--sizes", "4"));
        assertTrue(errors.toString().contains("--sizes"), errors.toString());
    }
}
