package org.diffprior.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;

import org.diffprior.io.Cfl;
import org.diffprior.io.ComplexArray;
import org.diffprior.io.FloatImage;
import org.diffprior.io.ImageFiles;
import org.diffprior.io.Tiffs;
import org.diffprior.physics.CoilArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** A .cfl with slices in BART's slice dimension (13) gives one output plane per slice. */
class MriSlicesCommandTest {

    private static final int SIZE = 32;

    private static int run(Object command, String... args) {
        return new CommandLine(command).execute(args);
    }

    private static Path disc(Path folder, String name, double radius) throws Exception {
        float[] data = new float[SIZE * SIZE];
        for (int y = 0; y < SIZE; y++) {
            for (int x = 0; x < SIZE; x++) {
                data[y * SIZE + x] = Math.hypot(x - SIZE / 2.0, y - SIZE / 2.0) < radius ? 1 : 0;
            }
        }
        Path file = folder.resolve(name);
        Tiffs.write(FloatImage.of(SIZE, SIZE, data), file);
        return file;
    }

    @Test
    void slicesAreReconstructedEachFromItsOwnData(@TempDir Path folder) throws Exception {
        float[][] perSlice = new float[2][];
        Path mask = folder.resolve("mask.tif");
        for (int s = 0; s < 2; s++) {
            Path image = disc(folder, "slice" + s + ".tif", 6 + 5 * s);
            assertEquals(0, run(new SimulateMriCommand(), "--image", image.toString(), "--out-kspace",
                    folder.resolve("k" + s + ".cfl").toString(), "--out-mask", mask.toString(), "--seed", "1"));
            perSlice[s] = Cfl.read(folder.resolve("k" + s)).data();
        }
        long[] dims = new long[14];
        Arrays.fill(dims, 1);
        dims[0] = SIZE;
        dims[1] = SIZE;
        dims[13] = 2;
        float[] joined = new float[2 * perSlice[0].length];
        System.arraycopy(perSlice[0], 0, joined, 0, perSlice[0].length);
        System.arraycopy(perSlice[1], 0, joined, perSlice[0].length, perSlice[1].length);
        Path stack = folder.resolve("stack.cfl");
        Cfl.write(stack, new ComplexArray(dims, joined));
        assertEquals(2, CoilArray.slicesFromCfl(Cfl.read(stack), "stack").size());

        Path out = folder.resolve("zf.tif");
        assertEquals(0, run(new MriCommand(), "--kspace", stack.toString(), "--mask", mask.toString(), "--out",
                out.toString(), "--method", "zero-filled"));
        FloatImage both = ImageFiles.read(out);
        assertEquals(2, both.slices());
        for (int s = 0; s < 2; s++) {
            Path single = folder.resolve("single" + s + ".tif");
            assertEquals(0, run(new MriCommand(), "--kspace", folder.resolve("k" + s + ".cfl").toString(), "--mask",
                    mask.toString(), "--out", single.toString(), "--method", "zero-filled"));
            assertArrayEquals(ImageFiles.read(single).data(), both.slice(s), 1e-6f);
        }

        Path diffusion = folder.resolve("diffusion.tif");
        assertEquals(0, run(new MriCommand(), "--kspace", stack.toString(), "--mask", mask.toString(), "--out",
                diffusion.toString(), "--method", "diffusion", "--steps", "4", "--samples", "2", "--std-out",
                folder.resolve("std.tif").toString()));
        assertEquals(2, ImageFiles.read(diffusion).slices());
        assertEquals(2, ImageFiles.read(folder.resolve("std.tif")).slices());

        // The default method (auto) on a stack: one output plane and one std plane per slice, each slice from
        // its own data (here the zero-filled planes differ, so must the auto planes).
        Path auto = folder.resolve("auto.tif");
        assertEquals(0, run(new MriCommand(), "--kspace", stack.toString(), "--mask", mask.toString(), "--out",
                auto.toString(), "--steps", "4", "--samples", "2", "--std-out",
                folder.resolve("auto-std.tif").toString()));
        FloatImage autoPlanes = ImageFiles.read(auto);
        assertEquals(2, autoPlanes.slices());
        assertEquals(2, ImageFiles.read(folder.resolve("auto-std.tif")).slices());
        assertTrue(org.diffprior.core.Metrics.psnr(both.slice(0), autoPlanes.slice(0)) > org.diffprior.core.Metrics
                .psnr(both.slice(1), autoPlanes.slice(0)), "slice 0 from slice 0's data");

        // Test-time adaptation: one adaptation for the whole stack, then one plane per slice.
        Path adapted = folder.resolve("adapted.tif");
        assertEquals(0, run(new MriCommand(), "--kspace", stack.toString(), "--mask", mask.toString(), "--out",
                adapted.toString(), "--method", "diffusion", "--steps", "4", "--adapt-steps", "5"));
        assertEquals(2, ImageFiles.read(adapted).slices());

        // A known noise level works on a stack too; a negative one is refused with exit status 2.
        Path noisy = folder.resolve("noise-given.tif");
        assertEquals(0, run(new MriCommand(), "--kspace", stack.toString(), "--mask", mask.toString(), "--out",
                noisy.toString(), "--method", "diffusion", "--steps", "4", "--noise-sigma", "0.01"));
        assertEquals(2, ImageFiles.read(noisy).slices());
        Path never = folder.resolve("never.tif");
        assertEquals(2, run(new MriCommand(), "--kspace", stack.toString(), "--mask", mask.toString(), "--out",
                never.toString(), "--method", "diffusion", "--steps", "4", "--noise-sigma", "-1"));
        assertEquals(2, run(new MriCommand(), "--kspace", stack.toString(), "--mask", mask.toString(), "--out",
                never.toString(), "--method", "diffusion", "--steps", "4", "--noise-sigma", "loud"));
        assertEquals(2, run(new MriCommand(), "--kspace", stack.toString(), "--mask", mask.toString(), "--out",
                never.toString(), "--steps", "4", "--start-noise", "5"));
        assertEquals(2, run(new MriCommand(), "--kspace", stack.toString(), "--mask", mask.toString(), "--out",
                never.toString(), "--steps", "4", "--start-noise", "NaN"));
        assertFalse(never.toFile().exists());
    }
}
