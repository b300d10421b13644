package org.diffprior.physics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.diffprior.classical.Upsampling;
import org.diffprior.io.FloatImage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** MATLAB-style imresize: checked against the numpy reimplementation in scripts/ct_sr_fixtures.py. */
class BicubicResizeTest {

    private static final float[] HIGH_RES = CtSrFixtures.load("sr_hr_48x64.f32", 48 * 64);

    @ParameterizedTest
    @ValueSource(ints = {2, 4})
    void downsamplingMatchesTheImresizeReference(int scale) {
        int width = 64 / scale;
        int height = 48 / scale;
        float[] reference = CtSrFixtures.load("sr_bicubic_down" + scale + "_" + height + "x" + width + ".f32",
                width * height);
        BicubicDownsampling degrade = new BicubicDownsampling(64, 48, scale);
        float[] lowRes = new float[degrade.outputSize()];
        degrade.apply(HIGH_RES, lowRes);
        double error = CtSrFixtures.relativeError(reference, lowRes);
        System.out.printf("bicubic x1/%d vs imresize reference: relative L2 error %.3e%n", scale, error);
        assertTrue(error < 1e-6, "relative error " + error);
    }

    @Test
    void bicubicAndLanczosUpsamplingMatchTheImresizeReference() {
        FloatImage lowRes = FloatImage.of(16, 12, CtSrFixtures.load("sr_lr_12x16.f32", 12 * 16));
        float[] bicubic = Upsampling.upsample(lowRes, 2, ResizeKernel.CUBIC).data();
        float[] lanczos = Upsampling.upsample(lowRes, 4, ResizeKernel.LANCZOS3).data();
        double bicubicError = CtSrFixtures.relativeError(CtSrFixtures.load("sr_bicubic_up2_24x32.f32", 24 * 32),
                bicubic);
        double lanczosError = CtSrFixtures.relativeError(CtSrFixtures.load("sr_lanczos3_up4_48x64.f32", 48 * 64),
                lanczos);
        System.out.printf("upsampling vs imresize reference: bicubic x2 %.3e, lanczos3 x4 %.3e%n", bicubicError,
                lanczosError);
        assertTrue(bicubicError < 1e-6 && lanczosError < 1e-6, bicubicError + " " + lanczosError);
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3, 4})
    void downsamplingAdjointPassesTheDotProductTest(int scale) {
        BicubicDownsampling degrade = new BicubicDownsampling(10 * scale, 7 * scale, scale);
        double mismatch = CtSrFixtures.adjointMismatch(degrade, 17 + scale);
        assertTrue(mismatch < 1e-6, "mismatch " + mismatch);
    }

    @Test
    void upsamplingOperatorAdjointPassesTheDotProductTest() {
        SeparableResize up = new SeparableResize(9, 7, 27, 21, ResizeKernel.LANCZOS3);
        assertTrue(CtSrFixtures.adjointMismatch(up, 2) < 1e-6);
    }

    @Test
    void constantImagesStayConstant() {
        float[] flat = new float[32 * 24];
        java.util.Arrays.fill(flat, 0.7f);
        BicubicDownsampling degrade = new BicubicDownsampling(32, 24, 4);
        float[] lowRes = new float[degrade.outputSize()];
        degrade.apply(flat, lowRes);
        for (float value : lowRes) {
            assertEquals(0.7f, value, 1e-6f);
        }
    }

    @Test
    void consistencyProjectionMakesTheResultExplainTheMeasurement() {
        for (LinearOperator degradation : new LinearOperator[] {new BoxDownsampling(64, 48, 4),
                new BicubicDownsampling(64, 48, 4)}) {
            float[] lowRes = new float[degradation.outputSize()];
            degradation.apply(HIGH_RES, lowRes);
            float[] guess = Upsampling.upsample(FloatImage.of(16, 12, lowRes), 4, ResizeKernel.CUBIC).data();
            float[] consistent = Upsampling.enforceConsistency(guess, lowRes, degradation);
            float[] predicted = new float[lowRes.length];
            degradation.apply(consistent, predicted);
            assertArrayEquals(lowRes, predicted, 1e-4f, degradation.getClass().getSimpleName());
        }
    }
}
