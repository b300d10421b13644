package org.diffprior.physics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.diffprior.core.InvalidInputException;
import org.diffprior.io.FloatImage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Sampling masks keep the requested number of lines, a full centre, and are reproducible by seed. */
class MaskTest {

    @ParameterizedTest
    @CsvSource({"256, 4, 20", "256, 8, 10", "320, 4, 25", "128, 6, 10", "100, 3, 8"})
    void oneDimensionalMasksKeepFloorWOverRColumnsWithInverseBenchCalibration(int width, double acceleration,
            int calibration) {
        double fraction = SamplingMasks.defaultCenterFraction(acceleration);
        for (float[] mask : new float[][] {
                SamplingMasks.random1d(8, width, acceleration, fraction, 1),
                SamplingMasks.equispaced1d(8, width, acceleration, fraction, 1)}) {
            boolean[] columns = columns(mask, 8, width);
            int sampled = 0;
            for (boolean b : columns) {
                sampled += b ? 1 : 0;
            }
            assertEquals((int) Math.floor(width / acceleration), sampled);
            assertEquals(sampled * 8, SamplingMasks.count(mask), "a 1-D mask samples full columns");
            int start = width / 2 - calibration / 2;
            for (int x = start; x < start + calibration; x++) {
                assertTrue(columns[x], "calibration column " + x + " missing");
            }
        }
    }

    @Test
    void masksAreReproducibleBySeedAndDifferAcrossSeeds() {
        assertArrayEquals(SamplingMasks.random1d(4, 128, 4, 0.08, 3), SamplingMasks.random1d(4, 128, 4, 0.08, 3));
        assertFalse(
                Arrays.equals(SamplingMasks.random1d(4, 128, 4, 0.08, 3), SamplingMasks.random1d(4, 128, 4, 0.08, 4)));
        assertArrayEquals(SamplingMasks.poissonDisc2d(64, 64, 5, 0.1, 2),
                SamplingMasks.poissonDisc2d(64, 64, 5, 0.1, 2));
    }

    @Test
    void equispacedColumnsOutsideTheCentreAreEvenlySpaced() {
        boolean[] columns = columns(SamplingMasks.equispaced1d(2, 256, 8, 0.04, 5), 2, 256);
        int previous = -1;
        int minGap = Integer.MAX_VALUE;
        int maxGap = 0;
        for (int x = 0; x < 256; x++) {
            if (columns[x] && (x < 128 - 5 || x >= 128 + 5)) {
                if (previous >= 0 && !(previous < 128 && x >= 128)) {
                    minGap = Math.min(minGap, x - previous);
                    maxGap = Math.max(maxGap, x - previous);
                }
                previous = x;
            }
        }
        assertTrue(maxGap - minGap <= 1, "gaps between " + minGap + " and " + maxGap);
    }

    @Test
    void variableDensityColumnsKeepTheBudgetAndThinOutTowardsTheEdge() {
        int width = 256;
        double[] inner = new double[2];
        int draws = 200;
        for (long seed = 0; seed < draws; seed++) {
            boolean[] columns = columns(SamplingMasks.variableDensity1d(2, width, 8, 0.04, 2, seed), 2, width);
            int count = 0;
            for (int x = 0; x < width; x++) {
                if (columns[x]) {
                    count++;
                    // Outside the 10 calibration columns: |x − 128| in [16, 64) versus [64, 128].
                    int d = Math.abs(x - width / 2);
                    if (d >= 16) {
                        inner[d < 64 ? 0 : 1]++;
                    }
                }
            }
            assertEquals(width / 8, count);
        }
        // Weight (1 − d/128)²: the inner ring [16, 64) holds 48 columns of mean weight ≈ 0.43, the outer 64 of
        // mean weight ≈ 0.083, so the inner ring gets several times as many columns; a uniform draw would give
        // the outer ring more (64 against 48 columns).
        assertTrue(inner[0] > 3 * inner[1], inner[0] + " inner against " + inner[1] + " outer columns");
        assertArrayEquals(SamplingMasks.variableDensity1d(2, width, 8, 0.04, 2, 5),
                SamplingMasks.variableDensity1d(2, width, 8, 0.04, 2, 5));
    }

    @Test
    void equispacedMasksAreRecognisedAndOthersAreNot() {
        // equispaced1d at 128 columns, R = 8, 5 centre columns: 11 others spread over 123 columns, gaps 11 or 12.
        assertEquals(11, SamplingMasks.equispacedSpacing(SamplingMasks.equispaced1d(3, 128, 8, 0.04, 2), 3, 128));
        // A scanner's R = 4 with 12 calibration columns: every 4th column outside them.
        boolean[] grappa = new boolean[96];
        for (int x = 0; x < 96; x++) {
            grappa[x] = x % 4 == 1 || (x >= 42 && x < 54);
        }
        assertEquals(4, SamplingMasks.equispacedSpacing(SamplingMasks.fromColumns(2, grappa), 2, 96));
        // Without a calibration block too.
        boolean[] plain = new boolean[64];
        for (int x = 0; x < 64; x += 8) {
            plain[x] = true;
        }
        assertEquals(8, SamplingMasks.equispacedSpacing(SamplingMasks.fromColumns(2, plain), 2, 64));
        // One column moved off the grid by two: not equispaced.
        grappa[13] = false;
        grappa[15] = true;
        assertEquals(0, SamplingMasks.equispacedSpacing(SamplingMasks.fromColumns(2, grappa), 2, 96));
        for (long seed = 0; seed < 200; seed++) {
            assertEquals(0, SamplingMasks.equispacedSpacing(SamplingMasks.random1d(1, 128, 8, 0.04, seed), 1, 128),
                    "random R = 8, seed " + seed);
            assertEquals(0, SamplingMasks.equispacedSpacing(SamplingMasks.random1d(1, 128, 4, 0.08, seed), 1, 128),
                    "random R = 4, seed " + seed);
        }
        assertEquals(0, SamplingMasks.equispacedSpacing(SamplingMasks.poissonDisc2d(64, 64, 4, 0.1, 1), 64, 64));
        // A column sampled in some rows only is not a column mask.
        float[] partial = SamplingMasks.equispaced1d(2, 128, 8, 0.04, 2);
        partial[128 + 64] = 0;
        assertEquals(0, SamplingMasks.equispacedSpacing(partial, 2, 128));
    }

    @ParameterizedTest
    @CsvSource({"64, 64, 4", "96, 80, 8"})
    void poissonDiscReachesTheAccelerationAndIsDenserAtTheCentre(int height, int width, double acceleration) {
        float[] mask = SamplingMasks.poissonDisc2d(height, width, acceleration, 0.1, 7);
        assertEquals(acceleration, SamplingMasks.acceleration(mask), 0.02 * acceleration);
        int calibration = (int) Math.floor(0.1 * Math.min(height, width));
        int y0 = height / 2 - calibration / 2;
        int x0 = width / 2 - calibration / 2;
        for (int y = y0; y < y0 + calibration; y++) {
            for (int x = x0; x < x0 + calibration; x++) {
                assertEquals(1f, mask[y * width + x], "calibration square not fully sampled");
            }
        }
        assertTrue(density(mask, height, width, 0, 0.3) > 2 * density(mask, height, width, 0.6, 1.0),
                "not variable density");
    }

    @Test
    void maskImagesMustBeTwoLevelAndSampleSomething() {
        float[] data = {0, 255, 255, 0};
        assertArrayEquals(new float[] {0, 1, 1, 0}, SamplingMasks.fromImage(FloatImage.of(2, 2, data), "m.tif"));
        assertThrows(InvalidInputException.class,
                () -> SamplingMasks.fromImage(FloatImage.of(2, 2, new float[] {0, 0.5f, 1, 0}), "m.tif"));
        assertThrows(InvalidInputException.class,
                () -> SamplingMasks.fromImage(FloatImage.of(2, 2, new float[4]), "m.tif"));
        assertThrows(InvalidInputException.class, () -> SamplingMasks.random1d(4, 64, 0.5, 0.08, 1));
    }

    private static boolean[] columns(float[] mask, int height, int width) {
        boolean[] columns = new boolean[width];
        for (int x = 0; x < width; x++) {
            columns[x] = mask[x] != 0;
            for (int y = 0; y < height; y++) {
                assertEquals(mask[x], mask[y * width + x], "column " + x + " not full");
            }
        }
        return columns;
    }

    /** Fraction sampled among pixels whose normalised radius lies in [from, to). */
    private static double density(float[] mask, int height, int width, double from, double to) {
        int inside = 0;
        int sampled = 0;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double r = Math.hypot((y - height / 2) / (height / 2.0), (x - width / 2) / (width / 2.0));
                if (r >= from && r < to) {
                    inside++;
                    sampled += mask[y * width + x] != 0 ? 1 : 0;
                }
            }
        }
        return (double) sampled / inside;
    }
}
