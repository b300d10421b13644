package org.diffprior.prior;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class CoarseDenoiserTest {

    /** Returns x_t / α and records the size and noise level of every image it is given. */
    private static final class Recording implements Denoiser {
        final List<double[]> calls = new ArrayList<>();

        @Override
        public int channels() {
            return 2;
        }

        @Override
        public float[][] denoise(float[][] xt, int height, int width, double[] alpha, double[] sigma) {
            float[][] out = new float[xt.length][];
            for (int b = 0; b < xt.length; b++) {
                calls.add(new double[] {height, width, sigma[b]});
                out[b] = new float[xt[b].length];
                for (int i = 0; i < xt[b].length; i++) {
                    out[b][i] = (float) (xt[b][i] / alpha[b]);
                }
            }
            return out;
        }
    }

    @Test
    void blockMeansAndBilinearDoublingMatchHandValues() {
        // One channel, 2×4: block means (1+2+5+6)/4 and (3+4+7+8)/4.
        assertArrayEquals(new float[] {3.5f, 5.5f},
                CoarseDenoiser.halve(new float[] {1, 2, 3, 4, 5, 6, 7, 8}, 2, 4, 1));
        // 1×2 doubled: edges clamp, the inner pixels interpolate at a quarter and three quarters.
        assertArrayEquals(new float[] {0, 1, 3, 4, 0, 1, 3, 4},
                CoarseDenoiser.doubleSize(new float[] {0, 4}, 1, 2, 1), 1e-6f);
    }

    @Test
    void onlyTheNoisiestImagesOfABatchGoToHalfResolutionAtHalfTheNoise() {
        Recording inner = new Recording();
        CoarseDenoiser coarse = new CoarseDenoiser(inner, 0.5);
        float[] constant = new float[2 * 4 * 6];
        for (int i = 0; i < constant.length; i++) {
            constant[i] = i % 2 == 0 ? 0.8f : -0.3f; // re, im
        }
        float[][] out = coarse.denoise(new float[][] {constant, constant}, 4, 6, new double[] {0.5, 0.9},
                new double[] {0.4, 0.3});
        // The first image (σ/α = 0.8) is denoised at 2×3 with σ/2, the second (σ/α = 1/3) as it is.
        assertEquals(2, inner.calls.size());
        assertArrayEquals(new double[] {4, 6, 0.3}, inner.calls.get(0), 1e-12);
        assertArrayEquals(new double[] {2, 3, 0.2}, inner.calls.get(1), 1e-12);
        for (int i = 0; i < constant.length; i++) {
            assertEquals(constant[i] / 0.5, out[0][i], 1e-5, "constant survives halving and doubling");
            assertEquals(constant[i] / 0.9, out[1][i], 1e-5);
        }
    }
}
