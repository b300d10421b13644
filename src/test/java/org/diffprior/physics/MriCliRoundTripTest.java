package org.diffprior.physics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.diffprior.cli.DiffPriorCli;
import org.diffprior.core.Metrics;
import org.diffprior.io.FloatImage;
import org.diffprior.io.ImageFiles;
import org.diffprior.io.Tiffs;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code simulate mri} then {@code mri} in-process: outputs work together and exit codes follow DESIGN.md §4. */
class MriCliRoundTripTest {

    private static final int SIZE = 64;
    @TempDir
    static Path dir;
    private static float[] truth;

    @BeforeAll
    static void writeImage() throws Exception {
        truth = MriPhantoms.magnitude(MriPhantoms.ellipses(SIZE, SIZE, false));
        Tiffs.write(FloatImage.of(SIZE, SIZE, truth), dir.resolve("image.tif"));
    }

    private static int run(String... args) {
        return DiffPriorCli.commandLine().execute(args);
    }

    private static String p(String name) {
        return dir.resolve(name).toString();
    }

    @Test
    void multiCoilRoundTripWithEstimatedAndGivenSensitivities() {
        assertEquals(0, run("simulate", "mri", "--image", p("image.tif"), "--out-kspace", p("k8.cfl"), "--out-mask",
                p("m8.tif"), "--acceleration", "2", "--mask", "equispaced", "--center-fraction", "0.25", "--coils", "8",
                "--out-sens", p("s8.cfl"), "--seed", "1"));
        FloatImage mask = ImageFiles.read(dir.resolve("m8.tif"));
        assertEquals(2.0, SamplingMasks.acceleration(mask.data()), 1e-9);
        assertEquals(0, run("mri", "--kspace", p("k8.cfl"), "--mask", p("m8.tif"), "--out", p("zf.tif"),
                "--method", "zero-filled"));
        assertEquals(0, run("mri", "--kspace", p("k8.cfl"), "--mask", p("m8.tif"), "--out", p("cg.tif"),
                "--sens", p("s8.cfl"), "--method", "cg-sense", "--lambda", "0.0001", "--iterations", "60"));
        assertEquals(0, run("mri", "--kspace", p("k8.cfl"), "--mask", p("m8.tif"), "--out", p("cge.tif"),
                "--estimate-sens", "--method", "cg-sense", "--lambda", "0.0001", "--iterations", "60"));
        double zeroFilled = psnr("zf.tif");
        double given = psnr("cg.tif");
        double estimated = psnr("cge.tif");
        assertTrue(given > 40 && estimated > 30 && estimated > zeroFilled + 10,
                "zero-filled " + zeroFilled + ", CG-SENSE with true maps " + given + ", with ESPIRiT " + estimated);
    }

    @Test
    void singleCoilL1WaveletRoundTrip() {
        assertEquals(0, run("simulate", "mri", "--image", p("image.tif"), "--out-kspace", p("k1.cfl"), "--out-mask",
                p("m1.tif"), "--acceleration", "3", "--mask", "poisson", "--center-fraction", "0.1", "--seed", "2",
                "--noise-sigma", "0.001"));
        assertEquals(0, run("mri", "--kspace", p("k1.cfl"), "--mask", p("m1.tif"), "--out", p("zf1.tif"), "--method",
                "zero-filled"));
        assertEquals(0, run("mri", "--kspace", p("k1.cfl"), "--mask", p("m1.tif"), "--out", p("l1.tif"), "--method",
                "l1-wavelet"));
        assertTrue(psnr("l1.tif") > psnr("zf1.tif") + 1, "L1 " + psnr("l1.tif") + " vs zero-filled " + psnr("zf1.tif"));
    }

    @Test
    void badInputExitsTwoAndLeavesNoOutput() {
        assertEquals(0, run("simulate", "mri", "--image", p("image.tif"), "--out-kspace", p("kb.cfl"), "--out-mask",
                p("mb.tif"), "--coils", "4"));
        assertEquals(2, run("mri", "--kspace", p("kb.cfl"), "--mask", p("mb.tif"), "--out", p("bad.tif"), "--method",
                "cg-sense"));
        assertEquals(2, run("mri", "--kspace", p("kb.cfl"), "--mask", p("image.tif"), "--out", p("bad.tif"), "--method",
                "zero-filled"));
        assertEquals(2, run("mri", "--kspace", p("missing.cfl"), "--mask", p("mb.tif"), "--out", p("bad.tif"),
                "--method", "zero-filled"));
        assertEquals(2,
                run("mri", "--kspace", p("kb.cfl"), "--mask", p("mb.tif"), "--out", p("bad.tif"), "--method", "tv"));
        assertEquals(2, run("mri", "--kspace", p("kb.cfl"), "--mask", p("mb.tif"), "--out", p("bad.tif")));
        assertEquals(2,
                run("mri", "--kspace", p("kb.cfl"), "--mask", p("mb.tif"), "--out", p("bad.tif"), "--method", "nope"));
        assertEquals(2, run("mri", "--kspace", p("kb.cfl")));
        assertEquals(2, run("simulate", "mri", "--image", p("image.tif"), "--out-kspace", p("kc.cfl"), "--out-mask",
                p("mc.tif"), "--mask", "spiral"));
        assertEquals(2, run("simulate"));
        assertFalse(Files.exists(dir.resolve("bad.tif")));
        assertFalse(Files.exists(dir.resolve("kc.cfl")));
    }

    private static double psnr(String name) {
        return Metrics.psnr(truth, ImageFiles.read(dir.resolve(name)).data());
    }
}
