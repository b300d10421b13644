package org.diffprior.classical;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.diffprior.core.CancelToken;
import org.diffprior.core.Metrics;
import org.diffprior.core.ProgressListener;
import org.diffprior.physics.CtAngles;
import org.diffprior.physics.CtSrFixtures;
import org.diffprior.physics.ParallelBeamProjector;
import org.junit.jupiter.api.Test;

class SartTest {

    private static final float[] SLICE = CtSrFixtures.load("ct_small_128x128.f32", 128 * 128);

    private static float[] sinogram(ParallelBeamProjector projector) {
        float[] sinogram = new float[projector.outputSize()];
        projector.apply(SLICE, sinogram);
        return sinogram;
    }

    @Test
    void orderedSubsetSweepsDriveTheResidualDownAndBeatFbpOnSparseViews() {
        ParallelBeamProjector projector = new ParallelBeamProjector(128, CtAngles.parse("0:180:30"));
        float[] measured = sinogram(projector);
        double previous = Double.POSITIVE_INFINITY;
        for (int iterations : new int[] {1, 4, 16}) {
            float[] image = new Sart(projector, iterations, 5, 0.9, true)
                    .reconstruct(measured, ProgressListener.NONE, CancelToken.none());
            float[] projected = sinogram(projector, image);
            double residual = CtSrFixtures.relativeError(measured, projected);
            assertTrue(residual < previous, iterations + " sweeps: residual " + residual + " ≥ " + previous);
            previous = residual;
        }
        float[] sart = new Sart(projector, 16, 5, 0.9, true).reconstruct(measured, ProgressListener.NONE,
                CancelToken.none());
        float[] fbp = FilteredBackProjection.reconstruct(measured, projector.anglesDegrees(), 128, FbpFilter.RAM_LAK);
        double sartPsnr = Metrics.psnr(SLICE, sart);
        double fbpPsnr = Metrics.psnr(SLICE, fbp);
        System.out.printf("30 views of CT_small: SART %.2f dB, FBP %.2f dB, residual %.3e%n", sartPsnr, fbpPsnr,
                previous);
        assertTrue(sartPsnr > fbpPsnr + 1, "SART " + sartPsnr + " vs FBP " + fbpPsnr);
    }

    @Test
    void nonNegativityIsEnforced() {
        ParallelBeamProjector projector = new ParallelBeamProjector(64, CtAngles.parse("0:180:12"));
        float[] noisy = CtSrFixtures.random(projector.outputSize(), 5);
        float[] image = new Sart(projector, 3, 3, 1.0, true).reconstruct(noisy, ProgressListener.NONE,
                CancelToken.none());
        for (float value : image) {
            assertTrue(value >= 0, "negative pixel " + value);
        }
    }

    private static float[] sinogram(ParallelBeamProjector projector, float[] image) {
        float[] sinogram = new float[projector.outputSize()];
        projector.apply(image, sinogram);
        return sinogram;
    }
}
