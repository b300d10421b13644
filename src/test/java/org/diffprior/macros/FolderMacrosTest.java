package org.diffprior.macros;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.diffprior.io.Cfl;
import org.diffprior.io.ComplexArray;
import org.diffprior.io.FloatImage;
import org.diffprior.io.ImageFiles;
import org.diffprior.io.Tiffs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ready-to-run macros of {@code macros/} run headless with plain ImageJ 1.x (ij.ImageJ -batch) on
 * small folders with good files, a bad file, a pre-existing output and spaces in folder names.
 */
class FolderMacrosTest {

    @TempDir
    Path dir;

    private static FloatImage constant(int width, int height, float value) {
        float[] data = new float[width * height];
        Arrays.fill(data, value);
        return FloatImage.of(width, height, data);
    }

    @Test
    void reconstructCflFolderMacroReconstructsEveryGoodFile() throws Exception {
        int height = 8;
        int width = 12;
        Path kspace = Files.createDirectories(dir.resolve("k space"));
        Path recon = dir.resolve("re con");
        Files.createDirectories(recon);
        Path mask = dir.resolve("mask.tif");
        Tiffs.write(constant(width, height, 1f), mask);
        // DC-only k-space: the zero-filled reconstruction is the constant |v| / sqrt(H W) (centred orthonormal DFT).
        writeDcKspace(kspace.resolve("a.cfl"), 96f, height, width);
        writeDcKspace(kspace.resolve("b.cfl"), 24f, height, width);
        Files.writeString(kspace.resolve("bad.cfl"), "not k-space");
        Files.writeString(kspace.resolve("bad.hdr"), "# Dimensions\n8 12 1 1 1\n");
        writeDcKspace(kspace.resolve("old.cfl"), 1f, height, width);
        FloatImage previous = constant(width, height, 5f);
        Tiffs.write(previous, recon.resolve("old.tif"));

        HeadlessMacroRunner.Result result = HeadlessMacroRunner.run(Path.of("macros", "reconstruct_cfl_folder.ijm"),
                "input=[" + kspace + "] output=[" + recon + "] mask=[" + mask + "] options=[--method zero-filled]");

        assertEquals(0, result.exitCode(), result.output());
        assertTrue(result.output().contains("2 done, 1 skipped, 1 failed"), result.output());
        assertTrue(result.output().contains("failed  bad.cfl  (exit 2 "), result.output());
        assertTrue(result.output().contains("skipped old.cfl"), result.output());
        double root = Math.sqrt(height * width);
        for (String name : new String[] {"a", "b"}) {
            FloatImage image = ImageFiles.read(recon.resolve(name + ".tif"));
            assertEquals(width, image.width());
            assertEquals(height, image.height());
            assertEquals((name.equals("a") ? 96 : 24) / root, image.get(3, 2, 0), 1e-4);
        }
        assertFalse(Files.exists(recon.resolve("bad.tif")));
        assertArrayEquals(previous.data(), ImageFiles.read(recon.resolve("old.tif")).data());
    }

    @Test
    void batchFolderMacroRunsTheBatchCommandAndPrintsItsSummary() throws Exception {
        Path kspace = Files.createDirectories(dir.resolve("k space"));
        Path mask = dir.resolve("mask.tif");
        Tiffs.write(constant(8, 8, 1f), mask);
        writeDcKspace(kspace.resolve("a.cfl"), 64f, 8, 8);
        Files.writeString(kspace.resolve("bad.cfl"), "not k-space");
        Files.writeString(kspace.resolve("bad.hdr"), "# Dimensions\n8 8 1 1 1\n");
        Path recon = dir.resolve("re con");

        HeadlessMacroRunner.Result result = HeadlessMacroRunner.run(Path.of("macros", "batch_folder.ijm"),
                "command=mri input=[" + kspace + "] output=[" + recon + "] options=[--mask '" + mask
                        + "' --method zero-filled]");

        assertTrue(result.output().contains("a.cfl,done,0,"), result.output());
        assertTrue(result.output().contains("bad.cfl,failed,2,"), result.output());
        assertTrue(result.output().contains("batch mri: exit 2 batch: 1 done, 0 skipped, 1 failed"), result.output());
        assertEquals(64 / 8.0, ImageFiles.read(recon.resolve("a.tif")).get(1, 1, 0), 1e-4);
    }

    @Test
    void macrosWithoutArgumentsPrintUsageHeadless() throws Exception {
        for (String macro : new String[] {"reconstruct_cfl_folder.ijm", "super_resolve_folder.ijm",
                "reconstruct_sinogram_folder.ijm",
                "batch_folder.ijm"}) {
            HeadlessMacroRunner.Result result = HeadlessMacroRunner.run(Path.of("macros", macro), "");
            assertTrue(result.output().startsWith("usage: " + macro), result.output());
            assertFalse(result.output().contains("Exception"), result.output());
        }
    }

    static void writeDcKspace(Path file, float value, int height, int width) throws IOException {
        float[] data = new float[2 * height * width];
        data[2 * (height / 2 + (width / 2) * height)] = value;
        Cfl.write(file, new ComplexArray(new long[] {height, width}, data));
    }

    static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }
}
