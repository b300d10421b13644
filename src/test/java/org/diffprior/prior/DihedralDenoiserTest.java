package org.diffprior.prior;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;

class DihedralDenoiserTest {

    @Test
    void wrappersAnswerForTheirInnerDenoiserWhetherItMayBeTurned() {
        Denoiser network = new RampDenoiser(2, true);
        Denoiser analytic = new RampDenoiser(1, false);
        for (Denoiser inner : new Denoiser[] {network, analytic}) {
            for (Denoiser wrapper : new Denoiser[] {new DihedralDenoiser(inner), new SliceBatchedDenoiser(inner, 2),
                    new TiledDenoiser(inner, 16, 4), new CoarseDenoiser(inner, 0.5)}) {
                assertEquals(inner.dihedralInvariant(), wrapper.dihedralInvariant(),
                        wrapper.getClass().getSimpleName());
                assertEquals(inner.channels(), wrapper.channels());
            }
        }
        assertTrue(network.dihedralInvariant());
        assertFalse(analytic.dihedralInvariant());
    }

    @Test
    void symmetriesMoveThePixelsOfASquareAsWrittenOut() {
        // A 3×3 image holding its own indices, turned by each symmetry, written out by hand.
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8}, DihedralDenoiser.sourceIndices(0, 3, 3));
        assertArrayEquals(new int[] {2, 1, 0, 5, 4, 3, 8, 7, 6}, DihedralDenoiser.sourceIndices(1, 3, 3));
        assertArrayEquals(new int[] {6, 7, 8, 3, 4, 5, 0, 1, 2}, DihedralDenoiser.sourceIndices(2, 3, 3));
        assertArrayEquals(new int[] {8, 7, 6, 5, 4, 3, 2, 1, 0}, DihedralDenoiser.sourceIndices(3, 3, 3));
        assertArrayEquals(new int[] {0, 3, 6, 1, 4, 7, 2, 5, 8}, DihedralDenoiser.sourceIndices(4, 3, 3));
        // Transpose, then flip left-right: a quarter turn anticlockwise.
        assertArrayEquals(new int[] {2, 5, 8, 1, 4, 7, 0, 3, 6}, DihedralDenoiser.sourceIndices(5, 3, 3));
        assertArrayEquals(new int[] {6, 3, 0, 7, 4, 1, 8, 5, 2}, DihedralDenoiser.sourceIndices(6, 3, 3));
        assertArrayEquals(new int[] {8, 5, 2, 7, 4, 1, 6, 3, 0}, DihedralDenoiser.sourceIndices(7, 3, 3));
    }

    @Test
    void estimatesAreMappedBackToTheImagesOwnPixels() {
        // A ramp the inner denoiser adds in its own coordinates must come back turned the other way: the pixel
        // at (y, x) gets the ramp of the place it was moved to, for a complex (two-channel) image of 4×6.
        int height = 4;
        int width = 6;
        RampDenoiser ramp = new RampDenoiser(2, false);
        DihedralDenoiser dihedral = new DihedralDenoiser(ramp);
        float[] image = new float[2 * height * width];
        Random random = new Random(3);
        for (int i = 0; i < image.length; i++) {
            image[i] = (float) random.nextGaussian();
        }
        float[] before = image.clone();
        Set<Integer> used = new HashSet<>();
        for (int step = 1; step <= 40; step++) {
            double sigma = step / 41.0;
            double alpha = Math.sqrt(1 - sigma * sigma);
            int symmetry = DihedralDenoiser.symmetry(alpha, sigma, false);
            used.add(symmetry);
            boolean flipRows = (symmetry & 2) != 0;
            boolean flipColumns = (symmetry & 1) != 0;
            float[] out = dihedral.denoise(new float[][] {image}, height, width, new double[] {alpha},
                    new double[] {sigma})[0];
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    int seenY = flipRows ? height - 1 - y : y;
                    int seenX = flipColumns ? width - 1 - x : x;
                    for (int c = 0; c < 2; c++) {
                        int i = (y * width + x) * 2 + c;
                        assertEquals(image[i], ramp.seen[(seenY * width + seenX) * 2 + c], 0f);
                        assertEquals(image[i] + 1000 * seenY + 100 * seenX + 10 * c, out[i], 1e-3f);
                    }
                }
            }
        }
        assertArrayEquals(before, image, 0f);
        assertEquals(Set.of(0, 1, 2, 3), used, "a non-square image uses the four shape-keeping symmetries");
    }

    @Test
    void anIsotropicPriorsEstimateIsUnchanged() {
        // The Wiener filter of an isotropic stationary prior commutes with every symmetry of the square, so
        // turning the image, denoising and turning back must give its own estimate.
        int size = 16;
        GaussianPriorDenoiser prior = GaussianPriorDenoiser.powerLaw(size, size, 3.0, 0.1, 1.0, 0.2);
        DihedralDenoiser dihedral = new DihedralDenoiser(prior);
        Random random = new Random(5);
        Set<Integer> used = new HashSet<>();
        for (int step = 1; step <= 50; step++) {
            double sigma = step / 51.0;
            double alpha = Math.sqrt(1 - sigma * sigma);
            used.add(DihedralDenoiser.symmetry(alpha, sigma, true));
            float[] xt = new float[size * size];
            for (int i = 0; i < xt.length; i++) {
                xt[i] = (float) random.nextGaussian();
            }
            float[][] expected = prior.denoise(new float[][] {xt}, size, size, new double[] {alpha},
                    new double[] {sigma});
            float[][] got = dihedral.denoise(new float[][] {xt}, size, size, new double[] {alpha},
                    new double[] {sigma});
            assertArrayEquals(expected[0], got[0], 1e-5f);
        }
        assertEquals(8, used.size(), "a square image's steps see all eight symmetries");
    }

    @Test
    void theSameNoiseLevelAlwaysGivesTheSameSymmetry() {
        for (int k = 0; k < 100; k++) {
            double sigma = 0.01 * k + 0.001;
            double alpha = Math.sqrt(1 - sigma * sigma);
            int first = DihedralDenoiser.symmetry(alpha, sigma, true);
            assertEquals(first, DihedralDenoiser.symmetry(alpha, sigma, true));
            assertTrue(DihedralDenoiser.symmetry(alpha, sigma, false) < 4);
        }
    }
}
