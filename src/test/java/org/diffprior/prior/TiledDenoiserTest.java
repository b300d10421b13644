package org.diffprior.prior;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.diffprior.djl.DjlDenoiser;
import org.junit.jupiter.api.Test;

class TiledDenoiserTest {

    /** Wiener shrinkage for a white unit-variance prior: acts on each value alone. */
    private static final class PixelwiseDenoiser implements Denoiser {
        private final int channels;
        int calls;
        int largestBatch;

        PixelwiseDenoiser(int channels) {
            this.channels = channels;
        }

        @Override
        public int channels() {
            return channels;
        }

        @Override
        public float[][] denoise(float[][] xt, int height, int width, double[] alpha, double[] sigma) {
            calls++;
            largestBatch = Math.max(largestBatch, xt.length);
            float[][] out = new float[xt.length][];
            for (int b = 0; b < xt.length; b++) {
                assertEquals(channels * height * width, xt[b].length);
                double gain = alpha[b] / (alpha[b] * alpha[b] + sigma[b] * sigma[b]);
                out[b] = new float[xt[b].length];
                for (int i = 0; i < out[b].length; i++) {
                    out[b][i] = (float) (gain * xt[b][i]);
                }
            }
            return out;
        }
    }

    private static float[][] noise(int count, int length, long seed) {
        Random random = new Random(seed);
        float[][] images = new float[count][length];
        for (float[] image : images) {
            for (int i = 0; i < length; i++) {
                image[i] = (float) random.nextGaussian();
            }
        }
        return images;
    }

    @Test
    void tiledEqualsUntiledForAPixelwiseDenoiser() {
        for (int channels = 1; channels <= 2; channels++) {
            int height = 77;
            int width = 130;
            float[][] xt = noise(3, channels * height * width, channels);
            double[] alpha = {0.9, 0.5, 0.1};
            double[] sigma = {Math.sqrt(1 - 0.81), Math.sqrt(0.75), Math.sqrt(0.99)};
            PixelwiseDenoiser inner = new PixelwiseDenoiser(channels);
            float[][] direct = inner.denoise(xt, height, width, alpha, sigma);
            PixelwiseDenoiser tiledInner = new PixelwiseDenoiser(channels);
            float[][] tiled = new TiledDenoiser(tiledInner, 32, 8).denoise(xt, height, width, alpha, sigma);
            for (int b = 0; b < 3; b++) {
                assertArrayEquals(direct[b], tiled[b], 1e-5f);
            }
            assertEquals(1, tiledInner.calls, "all tiles of all images in one batched call");
            assertTrue(tiledInner.largestBatch > 3);
        }
    }

    @Test
    void networkTilesBlendWithoutSeams() {
        // The bundled network sees only its tile, so tiled and untiled differ near tile borders; the
        // blending keeps that difference small compared with the denoising itself.
        Denoiser network = DjlDenoiser.open("colin27-brain-64");
        int size = 96;
        float[][] xt = noise(1, size * size, 4);
        double alpha = 0.8;
        double sigma = 0.6;
        Random random = new Random(5);
        for (int i = 0; i < xt[0].length; i++) {
            int x = i % size;
            int y = i / size;
            double clean = (x - 48) * (x - 48) + (y - 48) * (y - 48) < 900 ? 0.8 : 0.1;
            xt[0][i] = (float) (alpha * clean + sigma * random.nextGaussian());
        }
        float[] direct = network.denoise(xt, size, size, new double[] {alpha}, new double[] {sigma})[0];
        float[] tiled = new TiledDenoiser(network, 64, 16).denoise(xt, size, size, new double[] {alpha},
                new double[] {sigma})[0];
        double diff = 0;
        double change = 0;
        for (int i = 0; i < direct.length; i++) {
            diff += (direct[i] - tiled[i]) * (direct[i] - tiled[i]);
            double denoisedAway = direct[i] - xt[0][i] / alpha;
            change += denoisedAway * denoisedAway;
        }
        double relative = Math.sqrt(diff / change);
        System.out.println("tiled vs untiled, relative to the denoising correction: " + relative);
        assertTrue(relative < 0.1, "relative difference " + relative);
    }
}
