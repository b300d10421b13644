package org.diffprior.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

class SampleStatisticsTest {

    // Three samples of two pixels: pixel 0 takes 1, 2, 6 and pixel 1 takes 4, 4, 4.
    private static final float[][] SAMPLES = {{1, 4}, {2, 4}, {6, 4}};

    @Test
    void meanIsThePerPixelAverage() {
        assertArrayEquals(new float[] {3, 4}, SampleStatistics.mean(SAMPLES), 0f);
    }

    @Test
    void stdIsThePopulationFormPerPixel() {
        // Pixel 0: deviations −2, −1, 3, squares 4 + 1 + 9 = 14, variance 14 / 3; pixel 1 does not vary.
        assertArrayEquals(new float[] {(float) Math.sqrt(14.0 / 3), 0}, SampleStatistics.std(SAMPLES), 1e-6f);
    }

    @Test
    void oneSampleHasZeroSpread() {
        assertArrayEquals(new float[] {1, 4}, SampleStatistics.mean(new float[][] {{1, 4}}), 0f);
        assertArrayEquals(new float[] {0, 0}, SampleStatistics.std(new float[][] {{1, 4}}), 0f);
    }

    @Test
    void stdOfASmallSpreadOnALargeOffsetIsExact() {
        // 1e4 ± 1: the deviations from the mean are formed first, so the offset does not enter the squares.
        float[][] samples = {{10001}, {9999}};
        assertArrayEquals(new float[] {1}, SampleStatistics.std(samples), 0f);
    }
}
