package org.diffprior.task;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;

import org.diffprior.classical.CtReconstruction;
import org.diffprior.classical.FbpFilter;
import org.diffprior.classical.SrInterpolation;
import org.diffprior.cli.DiffPriorCli;
import org.diffprior.core.CancelToken;
import org.diffprior.core.ProgressListener;
import org.diffprior.io.Cfl;
import org.diffprior.io.FloatImage;
import org.diffprior.io.ImageFiles;
import org.diffprior.io.Tiffs;
import org.diffprior.physics.CoilArray;
import org.diffprior.physics.CtAngles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The task-layer classes that the Fiji commands call give exactly what the command line writes for the same
 * options, so moving the logic out of the CLI changed nothing (MriSimulation = simulate mri, CtReconstruction =
 * ct --method fbp/sart/tv, SrInterpolation = simulate sr + sr).
 */
class ClassicalTasksMatchCliTest {

    private static final int SIZE = 32;

    private static float[] picture() {
        float[] image = new float[SIZE * SIZE];
        for (int y = 0; y < SIZE; y++) {
            for (int x = 0; x < SIZE; x++) {
                double dx = x - SIZE / 2.0;
                double dy = y - SIZE / 2.0;
                image[y * SIZE + x] = (float) ((dx * dx + dy * dy < 100 ? 1 : 0) + 0.01 * x);
            }
        }
        return image;
    }

    private static void cli(String... args) {
        assertEquals(0, DiffPriorCli.commandLine().execute(args), String.join(" ", args));
    }

    @Test
    void mriSimulationEqualsSimulateMri(@TempDir Path dir) throws Exception {
        Path image = dir.resolve("x.tif");
        Tiffs.write(FloatImage.of(SIZE, SIZE, picture()), image);
        cli("simulate", "mri", "--image", image.toString(), "--out-kspace", dir.resolve("k.cfl").toString(),
                "--out-mask", dir.resolve("m.tif").toString(), "--acceleration", "3", "--mask", "poisson",
                "--coils", "4", "--noise-sigma", "0.01", "--seed", "9");
        MriSimulation.Result sim = MriSimulation.simulate(picture(), SIZE, SIZE,
                new MriSimulation.Settings(3, "poisson", Double.NaN, 4, 0.01, 9));
        assertArrayEquals(CoilArray.fromCfl(Cfl.read(dir.resolve("k.cfl")), "k").data(), sim.kspace().data());
        assertArrayEquals(ImageFiles.read(dir.resolve("m.tif")).data(), sim.mask());
    }

    @Test
    void ctReconstructionEqualsCtCommand(@TempDir Path dir) throws Exception {
        Path image = dir.resolve("x.tif");
        Tiffs.write(FloatImage.of(SIZE, SIZE, picture()), image);
        Path sinogram = dir.resolve("s.tif");
        cli("simulate", "ct", "--image", image.toString(), "--angles", "0:180:24", "--out", sinogram.toString());
        float[] measured = ImageFiles.read(sinogram).data();
        double[] angles = CtAngles.parse("0:180:24");
        // TV too: the command line and the task layer share one default weight (CtRequest).
        for (String method : new String[] {"fbp", "sart", "tv"}) {
            Path out = dir.resolve(method + ".tif");
            cli("ct", "--sinogram", sinogram.toString(), "--angles", "0:180:24", "--method", method, "--out",
                    out.toString());
            float[] task = CtReconstruction.run(measured, angles, SIZE, CtReconstruction.Method.parse(method),
                    FbpFilter.RAM_LAK, ProgressListener.NONE, CancelToken.none());
            assertArrayEquals(ImageFiles.read(out).data(), task, method);
        }
    }

    @Test
    void srInterpolationEqualsSimulateSrAndSr(@TempDir Path dir) throws Exception {
        Path image = dir.resolve("x.tif");
        Tiffs.write(FloatImage.of(SIZE, SIZE, picture()), image);
        Path low = dir.resolve("low.tif");
        cli("simulate", "sr", "--image", image.toString(), "--scale", "2", "--degradation", "bicubic", "--out",
                low.toString());
        float[] degraded = SrInterpolation.degrade(picture(), SIZE, SIZE, 2, "bicubic");
        assertArrayEquals(ImageFiles.read(low).data(), degraded);
        Path high = dir.resolve("high.tif");
        cli("sr", "--input", low.toString(), "--scale", "2", "--method", "lanczos", "--degradation", "box",
                "--data-consistency", "--out", high.toString());
        assertArrayEquals(ImageFiles.read(high).data(),
                SrInterpolation.upsample(degraded, SIZE / 2, SIZE / 2, 2, "lanczos", "box"));
    }
}
