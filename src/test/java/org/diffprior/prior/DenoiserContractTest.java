package org.diffprior.prior;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * The contract every {@link Denoiser} must keep, whatever computes it (analytic, DJL network): shapes,
 * untouched inputs, new output arrays with finite values, batch independence (a batch with mixed noise
 * levels gives what each image gives alone) and determinism. Subclass it per implementation.
 *
 * <pre>{@code
 * class DjlDenoiserContractTest extends DenoiserContractTest {
 *     protected Denoiser denoiser() { return DjlDenoiser.load(...); }
 *     protected int height() { return 32; } protected int width() { return 32; }
 * }
 * }</pre>
 */
public abstract class DenoiserContractTest {

    protected abstract Denoiser denoiser();

    protected abstract int height();

    protected abstract int width();

    /** Tolerance for comparing a batch result with single-image results (networks batch in float). */
    protected float batchTolerance() {
        return 1e-5f;
    }

    private float[] image(Random random) {
        float[] x = new float[denoiser().channels() * height() * width()];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) random.nextGaussian();
        }
        return x;
    }

    @Test
    void returnsNewArraysOfTheInputShapeAndLeavesInputsUntouched() {
        Denoiser d = denoiser();
        assertTrue(d.channels() == 1 || d.channels() == 2);
        Random random = new Random(1);
        float[][] xt = {image(random), image(random)};
        float[][] copy = {xt[0].clone(), xt[1].clone()};
        float[][] out = d.denoise(xt, height(), width(), new double[] {0.3, 0.9}, new double[] {Math.sqrt(0.91),
                Math.sqrt(0.19)});
        assertEquals(2, out.length);
        for (int b = 0; b < 2; b++) {
            assertEquals(xt[b].length, out[b].length);
            assertNotSame(xt[b], out[b]);
            assertArrayEquals(copy[b], xt[b]);
            for (float v : out[b]) {
                assertTrue(Float.isFinite(v));
            }
        }
    }

    @Test
    void batchWithMixedNoiseLevelsEqualsImagesDenoisedAlone() {
        Denoiser d = denoiser();
        Random random = new Random(2);
        double[] alpha = {0.05, 0.5, 0.95};
        double[] sigma = new double[3];
        float[][] xt = new float[3][];
        for (int b = 0; b < 3; b++) {
            sigma[b] = Math.sqrt(1 - alpha[b] * alpha[b]);
            xt[b] = image(random);
        }
        float[][] batch = d.denoise(xt, height(), width(), alpha, sigma);
        for (int b = 0; b < 3; b++) {
            float[] alone = d.denoise(new float[][] {xt[b]}, height(), width(), new double[] {alpha[b]},
                    new double[] {sigma[b]})[0];
            assertArrayEquals(alone, batch[b], batchTolerance());
        }
    }

    @Test
    void isDeterministic() {
        Denoiser d = denoiser();
        float[][] xt = {image(new Random(3))};
        float[] first = d.denoise(xt, height(), width(), new double[] {0.6}, new double[] {0.8})[0];
        float[] second = d.denoise(xt, height(), width(), new double[] {0.6}, new double[] {0.8})[0];
        assertArrayEquals(first, second);
    }
}
