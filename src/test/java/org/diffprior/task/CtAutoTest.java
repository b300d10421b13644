package org.diffprior.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;

import org.diffprior.classical.FbpFilter;
import org.diffprior.classical.FilteredBackProjection;
import org.diffprior.core.CancelToken;
import org.diffprior.core.Intensities;
import org.diffprior.core.Metrics;
import org.diffprior.core.ProgressListener;
import org.diffprior.physics.ParallelBeamProjector;
import org.diffprior.prior.MixturePriorDenoiser;
import org.junit.jupiter.api.Test;

/**
 * CT self-validation on held-out views: mostly diffusion when the prior knows the object (a mixture prior
 * containing it), at most half diffusion and better than diffusion alone when the prior is wrong.
 */
class CtAutoTest {

    private static final int SIZE = 32;
    private static final double[] ANGLES = new double[16];

    static {
        for (int i = 0; i < ANGLES.length; i++) {
            ANGLES[i] = 180.0 * i / ANGLES.length;
        }
    }

    /** Smooth blobs under a fine stripe texture: structure TV flattens and a prior that knows it keeps. */
    private static float[][] texturedBlobs(int count, long seed) {
        Random random = new Random(seed);
        float[][] images = new float[count][SIZE * SIZE];
        for (float[] image : images) {
            double fx = 0.8 + 0.6 * random.nextDouble();
            double fy = 0.8 + 0.6 * random.nextDouble();
            for (int b = 0; b < 4; b++) {
                double cx = SIZE * (0.3 + 0.4 * random.nextDouble());
                double cy = SIZE * (0.3 + 0.4 * random.nextDouble());
                double r = SIZE * (0.08 + 0.1 * random.nextDouble());
                for (int y = 0; y < SIZE; y++) {
                    for (int x = 0; x < SIZE; x++) {
                        double d2 = ((x - cx) * (x - cx) + (y - cy) * (y - cy)) / (r * r);
                        image[y * SIZE + x] += (float) (0.7 * Math.exp(-d2) * (1 + 0.3 * Math.sin(fx * x + fy * y)));
                    }
                }
            }
        }
        return images;
    }

    private static float[] sinogram(float[] image) {
        ParallelBeamProjector projector = new ParallelBeamProjector(SIZE, ANGLES);
        float[] sinogram = new float[projector.outputSize()];
        projector.apply(image, sinogram);
        return sinogram;
    }

    private static MixturePriorDenoiser prior(float[][] images, float[] sinogram) {
        // Priors work in normalised units: the FBP image's robust maximum is 1.
        double scale = Intensities.robustMax(FilteredBackProjection.reconstruct(sinogram, ANGLES, SIZE, FbpFilter.HANN),
                false);
        float[][] scaled = new float[images.length][];
        for (int k = 0; k < images.length; k++) {
            scaled[k] = Intensities.scaled(images[k], 1 / scale);
        }
        return new MixturePriorDenoiser(1, scaled, null);
    }

    private static CtAuto.Result auto(float[] sinogram, MixturePriorDenoiser prior) {
        return CtAuto.run(List.of(sinogram), ANGLES, SIZE, prior, new DiffusionSettings(15, 2, 1, 0.5, 5), null,
                ProgressListener.NONE, CancelToken.none());
    }

    @Test
    void mostlyDiffusionWhenThePriorKnowsTheObject() {
        float[][] images = texturedBlobs(4, 2);
        float[] sinogram = sinogram(images[1]);
        CtAuto.Result result = auto(sinogram, prior(images, sinogram));
        assertTrue(result.diffusionWeight() >= 0.5, "w " + result.diffusionWeight() + ", held-out errors "
                + result.diffusionError() + " / " + result.tvError());
        assertTrue(result.chosenError() <= Math.min(result.diffusionError(), result.tvError()));
        assertTrue(Metrics.psnr(images[1], result.outputs().get(0).mean()) > 30);
        assertEquals(SIZE, result.outputs().get(0).width());
    }

    @Test
    void atMostHalfDiffusionAndBetterThanItWhenThePriorIsWrong() {
        float[] truth = texturedBlobs(1, 77)[0];
        float[] sinogram = sinogram(truth);
        MixturePriorDenoiser wrong = prior(texturedBlobs(4, 2), sinogram);
        CtAuto.Result result = auto(sinogram, wrong);
        double psnrAuto = Metrics.psnr(truth, result.outputs().get(0).mean());
        double psnrDiffusion = Metrics.psnr(truth, CtDiffusion.run(sinogram, ANGLES, SIZE, wrong,
                new DiffusionSettings(15, 2, 1, 0.5, 5), ProgressListener.NONE, CancelToken.none()).mean());
        assertTrue(result.diffusionWeight() <= 0.5, "w " + result.diffusionWeight() + ", held-out errors "
                + result.diffusionError() + " / " + result.tvError());
        assertTrue(psnrAuto > psnrDiffusion + 1, "auto " + psnrAuto + " dB, diffusion " + psnrDiffusion + " dB");
    }
}
