package org.diffprior.classical;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.diffprior.core.CancelToken;
import org.diffprior.core.Metrics;
import org.diffprior.core.ProgressListener;
import org.diffprior.physics.BoxDownsampling;
import org.diffprior.physics.CtAngles;
import org.diffprior.physics.CtSrFixtures;
import org.diffprior.physics.ParallelBeamProjector;
import org.junit.jupiter.api.Test;

class CtTotalVariationTest {

    private static float[] halfSizeSlice() {
        float[] slice = CtSrFixtures.load("ct_small_128x128.f32", 128 * 128);
        float[] small = new float[64 * 64];
        new BoxDownsampling(128, 128, 2).apply(slice, small);
        boolean[] support = ParallelBeamProjector.circleMask(64);
        for (int i = 0; i < small.length; i++) {
            small[i] = support[i] ? small[i] : 0f;
        }
        return small;
    }

    @Test
    void beatsFbpOnSparseViewsAndIsNonNegative() {
        float[] truth = halfSizeSlice();
        ParallelBeamProjector projector = new ParallelBeamProjector(64, CtAngles.parse("0:180:18"));
        float[] sinogram = new float[projector.outputSize()];
        projector.apply(truth, sinogram);
        float[] tv = new TotalVariationCt(projector, TotalVariationCt.DEFAULT_RELATIVE_LAMBDA, 200)
                .reconstruct(sinogram, ProgressListener.NONE, CancelToken.none());
        float[] fbp = FilteredBackProjection.reconstruct(sinogram, projector.anglesDegrees(), 64, FbpFilter.RAM_LAK);
        double tvPsnr = Metrics.psnr(truth, tv);
        double fbpPsnr = Metrics.psnr(truth, fbp);
        System.out.printf("TV-CT vs FBP, 18 views at 64x64: %.2f dB vs %.2f dB%n", tvPsnr, fbpPsnr);
        assertTrue(tvPsnr > fbpPsnr + 3, tvPsnr + " vs " + fbpPsnr);
        for (float value : tv) {
            assertTrue(value >= 0);
        }
    }

    /** λ is relative to the data scale, so the result follows the units of the input. */
    @Test
    void resultScalesWithTheSinogram() {
        float[] truth = halfSizeSlice();
        ParallelBeamProjector projector = new ParallelBeamProjector(64, CtAngles.parse("0:180:24"));
        float[] sinogram = new float[projector.outputSize()];
        projector.apply(truth, sinogram);
        float[] scaled = sinogram.clone();
        for (int i = 0; i < scaled.length; i++) {
            scaled[i] *= 1000f;
        }
        TotalVariationCt tv = new TotalVariationCt(projector, TotalVariationCt.DEFAULT_RELATIVE_LAMBDA, 100);
        float[] plain = tv.reconstruct(sinogram, ProgressListener.NONE, CancelToken.none());
        float[] big = tv.reconstruct(scaled, ProgressListener.NONE, CancelToken.none());
        for (int i = 0; i < big.length; i++) {
            big[i] /= 1000f;
        }
        double difference = CtSrFixtures.relativeError(plain, big);
        assertTrue(difference < 1e-4, "relative difference " + difference);
    }
}
