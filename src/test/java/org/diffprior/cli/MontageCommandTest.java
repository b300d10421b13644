package org.diffprior.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

import org.diffprior.io.FloatImage;
import org.diffprior.io.Tiffs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --montage} and {@code --reference} of the reconstruction commands. */
class MontageCommandTest {

    private static Path ramp(Path dir, String name, int size) throws Exception {
        float[] pixels = new float[size * size];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (i % size + i / size) / (2f * size);
        }
        Path file = dir.resolve(name);
        Tiffs.write(FloatImage.of(size, size, pixels), file);
        return file;
    }

    @Test
    void srWritesTheMontageBesideTheOutput(@TempDir Path dir) throws Exception {
        Path input = ramp(dir, "lr.tif", 16);
        Path truth = ramp(dir, "truth.tif", 32);
        Path montage = dir.resolve("sr.png");
        CliRun run = CliRun.of("sr", "--input", input.toString(), "--scale", "2", "--method", "bicubic", "--out",
                dir.resolve("hr.tif").toString(), "--montage", montage.toString(), "--reference", truth.toString());
        assertEquals(0, run.status(), run.stderr());
        assertTrue(run.stderr().contains("wrote montage " + montage), run.stderr());
        BufferedImage picture = ImageIO.read(montage.toFile());
        // Low-res and bicubic, each in a 256² cell (32² enlarged 8×).
        assertEquals(10 + 2 * (256 + 10), picture.getWidth());
    }

    @Test
    void ctAndMriWriteMontagesToo(@TempDir Path dir) throws Exception {
        Path image = ramp(dir, "image.tif", 32);
        Path sinogram = dir.resolve("sino.tif");
        assertEquals(0, CliRun.of("simulate", "ct", "--image", image.toString(), "--angles", "0:180:20", "--out",
                sinogram.toString()).status());
        Path ct = dir.resolve("ct.png");
        CliRun run = CliRun.of("ct", "--sinogram", sinogram.toString(), "--angles", "0:180:20", "--method", "fbp",
                "--out", dir.resolve("ct.tif").toString(), "--montage", ct.toString());
        assertEquals(0, run.status(), run.stderr());
        assertTrue(Files.size(ct) > 0);
        Path kspace = dir.resolve("k");
        Path mask = dir.resolve("mask.tif");
        assertEquals(0, CliRun.of("simulate", "mri", "--image", image.toString(), "--acceleration", "2",
                "--out-kspace", kspace + ".cfl", "--out-mask", mask.toString()).status());
        Path mri = dir.resolve("mri.png");
        run = CliRun.of("mri", "--kspace", kspace + ".cfl", "--mask", mask.toString(), "--method", "zero-filled",
                "--out", dir.resolve("mri.tif").toString(), "--montage", mri.toString(), "--reference",
                image.toString());
        assertEquals(0, run.status(), run.stderr());
        assertTrue(Files.size(mri) > 0);
    }

    @Test
    void aReferenceOfAnotherSizeFailsBeforeAnyOutput(@TempDir Path dir) throws Exception {
        Path input = ramp(dir, "lr.tif", 16);
        Path out = dir.resolve("hr.tif");
        Path montage = dir.resolve("sr.png");
        CliRun run = CliRun.of("sr", "--input", input.toString(), "--scale", "2", "--method", "bicubic", "--out",
                out.toString(), "--montage", montage.toString(), "--reference", input.toString());
        assertEquals(2, run.status());
        assertTrue(run.stderr().contains("--reference is 16x16x1 but the output is 32x32x1"), run.stderr());
        assertFalse(Files.exists(out));
        assertFalse(Files.exists(montage));
    }

    @Test
    void theMontageIsAnOutputOfTheCallNeverAnInputOrAnotherOutput(@TempDir Path dir) throws Exception {
        Path input = ramp(dir, "lr.tif", 16);
        byte[] before = Files.readAllBytes(input);
        CliRun run = CliRun.of("sr", "--input", input.toString(), "--scale", "2", "--method", "bicubic", "--out",
                dir.resolve("hr.tif").toString(), "--montage", input.toString());
        assertEquals(2, run.status(), run.stderr());
        assertTrue(run.stderr().contains("--montage"), run.stderr());
        assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(input)), "input unchanged");
        Path out = dir.resolve("hr.tif");
        run = CliRun.of("sr", "--input", input.toString(), "--scale", "2", "--method", "bicubic", "--out",
                out.toString(), "--montage", out.toString());
        assertEquals(2, run.status(), run.stderr());
        assertFalse(Files.exists(out));
    }
}
