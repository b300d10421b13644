package org.diffprior.classical;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.diffprior.core.Metrics;
import org.diffprior.physics.CtAngles;
import org.diffprior.physics.CtSrFixtures;
import org.diffprior.physics.ParallelBeamProjector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FbpFilteredBackProjectionTest {

    @ParameterizedTest
    @CsvSource({"ramp, ram-lak", "shepp-logan, shepp-logan", "hann, hann"})
    void matchesScikitImageIradon(String skimageName, String ourName) {
        float[] sinogram = CtSrFixtures.load("ct_phantom_radon_60x64.f32", 60 * 64);
        float[] reference = CtSrFixtures.load("ct_phantom_iradon_" + skimageName + "_64x64.f32", 64 * 64);
        float[] image = FilteredBackProjection.reconstruct(sinogram, CtAngles.parse("0:180:60"), 64,
                FbpFilter.parse(ourName));
        double error = CtSrFixtures.relativeError(reference, image);
        System.out.printf("FBP %s vs skimage iradon: relative L2 error %.3e%n", ourName, error);
        assertTrue(error < 1e-4, "relative error " + error);
    }

    @Test
    void reconstructsARealCtSliceFrom180NoiselessViewsAbove30Db() {
        float[] slice = CtSrFixtures.load("ct_small_128x128.f32", 128 * 128);
        double[] angles = CtAngles.parse("0:180:180");
        ParallelBeamProjector projector = new ParallelBeamProjector(128, angles);
        float[] sinogram = new float[projector.outputSize()];
        projector.apply(slice, sinogram);
        float[] image = FilteredBackProjection.reconstruct(sinogram, angles, 128, FbpFilter.RAM_LAK);
        double psnr = Metrics.psnr(slice, image);
        System.out.printf("FBP of CT_small, 180 views: PSNR %.2f dB%n", psnr);
        assertTrue(psnr > 30, "PSNR " + psnr);
    }
}
