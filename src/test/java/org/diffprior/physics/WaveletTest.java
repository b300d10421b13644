package org.diffprior.physics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** {@link Daubechies4Wavelet} equals PyWavelets' db2 periodization transform and is orthogonal. */
class WaveletTest {

    @Test
    void matchesPyWaveletsDb2PeriodizationTwoLevels() throws IOException {
        String[] lines;
        try (InputStream in = getClass().getResourceAsStream("db2_periodization_8x16_level2.txt")) {
            lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n");
        }
        double[] input = parse(lines[1]);
        double[] expected = parse(lines[2]);
        float[] complex = new float[2 * input.length];
        for (int i = 0; i < input.length; i++) {
            complex[2 * i] = (float) input[i];
            complex[2 * i + 1] = (float) (-2 * input[i]); // the imaginary part is transformed the same way
        }
        float[] coefficients = new float[complex.length];
        new Daubechies4Wavelet(8, 16, 2).forward(complex, coefficients);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], coefficients[2 * i], 1e-5, "real coefficient " + i);
            assertEquals(-2 * expected[i], coefficients[2 * i + 1], 2e-5, "imaginary coefficient " + i);
        }
    }

    @Test
    void inverseUndoesForwardAndNormIsPreserved() {
        Daubechies4Wavelet wavelet = new Daubechies4Wavelet(32, 64, 3);
        Random random = new Random(4);
        float[] image = new float[2 * 32 * 64];
        for (int i = 0; i < image.length; i++) {
            image[i] = (float) random.nextGaussian();
        }
        float[] coefficients = new float[image.length];
        float[] back = new float[image.length];
        wavelet.forward(image, coefficients);
        wavelet.inverse(coefficients, back);
        double normImage = 0;
        double normCoefficients = 0;
        for (int i = 0; i < image.length; i++) {
            assertEquals(image[i], back[i], 1e-5);
            normImage += image[i] * image[i];
            normCoefficients += coefficients[i] * coefficients[i];
        }
        assertEquals(normImage, normCoefficients, 1e-5 * normImage);
    }

    /**
     * From 128² on the passes are shared out to the common pool unless the caller runs in it: both ways must give the
     * same coefficients to the bit (each line goes through the same arithmetic), and the transform stays orthogonal.
     */
    @Test
    void largeImagesGiveTheSameCoefficientsFromAnyThread() {
        Daubechies4Wavelet wavelet = new Daubechies4Wavelet(192, 256, 4);
        Random random = new Random(8);
        float[] image = new float[2 * 192 * 256];
        for (int i = 0; i < image.length; i++) {
            image[i] = (float) random.nextGaussian();
        }
        float[] direct = new float[image.length];
        wavelet.forward(image, direct);
        float[][] pooled = new float[2][image.length];
        float[][] back = new float[2][image.length];
        java.util.stream.IntStream.range(0, 2).parallel().forEach(i -> {
            wavelet.forward(image, pooled[i]);
            wavelet.inverse(pooled[i], back[i]);
        });
        float[] directBack = new float[image.length];
        wavelet.inverse(direct, directBack);
        double normImage = 0;
        double normCoefficients = 0;
        for (int i = 0; i < image.length; i++) {
            assertEquals(direct[i], pooled[0][i], 0f, "coefficient " + i + " depends on the calling thread");
            assertEquals(direct[i], pooled[1][i], 0f, "coefficient " + i + " depends on the calling thread");
            assertEquals(directBack[i], back[0][i], 0f, "inverse " + i + " depends on the calling thread");
            assertEquals(image[i], directBack[i], 1e-5);
            normImage += image[i] * image[i];
            normCoefficients += direct[i] * direct[i];
        }
        assertEquals(normImage, normCoefficients, 1e-5 * normImage);
    }

    @Test
    void levelsStopAtIndivisibleOrTinySizes() {
        assertEquals(4, Daubechies4Wavelet.maxLevels(256, 256, 4));
        assertEquals(1, Daubechies4Wavelet.maxLevels(10, 24, 4));
        assertEquals(0, Daubechies4Wavelet.maxLevels(15, 16, 4));
        assertEquals(2, Daubechies4Wavelet.maxLevels(16, 64, 4));
    }

    private static double[] parse(String line) {
        String[] tokens = line.trim().split("\\s+");
        double[] values = new double[tokens.length];
        for (int i = 0; i < tokens.length; i++) {
            values[i] = Double.parseDouble(tokens[i]);
        }
        return values;
    }
}
