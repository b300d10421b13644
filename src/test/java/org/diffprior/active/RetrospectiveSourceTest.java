package org.diffprior.active;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.diffprior.core.InvalidInputException;
import org.diffprior.io.ComplexArray;
import org.junit.jupiter.api.Test;

class RetrospectiveSourceTest {

    /** BART layout: element (y, x, 0, c) at index y + H·(x + W·C_stride...), value encodes its position. */
    private static ComplexArray coded(int rows, int columns, int coils) {
        float[] data = new float[2 * rows * columns * coils];
        for (int c = 0; c < coils; c++) {
            for (int x = 0; x < columns; x++) {
                for (int y = 0; y < rows; y++) {
                    int i = 2 * ((c * columns + x) * rows + y);
                    data[i] = 100 * c + 10 * y + x;
                    data[i + 1] = -(100 * c + 10 * y + x);
                }
            }
        }
        return new ComplexArray(new long[] {rows, columns, 1, coils}, data);
    }

    @Test
    void acquiresExactlyTheRequestedColumnOfEveryCoil() {
        RetrospectiveSource source = new RetrospectiveSource(coded(4, 5, 3));
        float[] kspace = new float[2 * 3 * 4 * 5];
        source.acquireColumn(2, kspace);
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < 4; y++) {
                for (int x = 0; x < 5; x++) {
                    int i = 2 * ((c * 4 + y) * 5 + x);
                    float expected = x == 2 ? 100 * c + 10 * y + x : 0;
                    assertEquals(expected, kspace[i], 0f);
                    assertEquals(-expected, kspace[i + 1], 0f);
                }
            }
        }
        assertEquals(1, source.acquiredCount());
    }

    @Test
    void rejectsArraysWithExtraDimensions() {
        ComplexArray slices = new ComplexArray(new long[] {4, 4, 2}, new float[64]);
        assertThrows(InvalidInputException.class, () -> new RetrospectiveSource(slices));
    }

    /**
     * The source's columns, read from a BART-layout array (element (y, x, 0, c) at y + H·(x + W·c)) filled by
     * a naive centred DFT of S_c·x, equal the multi-coil operator's output on a one-column mask: the two
     * k-space layouts agree.
     */
    @Test
    void columnsMatchTheMultiCoilOperatorOnBartLayoutKspace() {
        int rows = 6;
        int columns = 8;
        int coils = 2;
        java.util.Random random = new java.util.Random(9);
        float[] image = new float[2 * rows * columns];
        float[] maps = new float[2 * coils * rows * columns];
        for (int i = 0; i < image.length; i++) {
            image[i] = (float) random.nextGaussian();
        }
        for (int i = 0; i < maps.length; i++) {
            maps[i] = (float) (0.5 * random.nextGaussian());
        }
        float[] bart = new float[2 * coils * rows * columns];
        for (int c = 0; c < coils; c++) {
            for (int ky = 0; ky < rows; ky++) {
                for (int kx = 0; kx < columns; kx++) {
                    double re = 0;
                    double im = 0;
                    for (int y = 0; y < rows; y++) {
                        for (int x = 0; x < columns; x++) {
                            int p = 2 * (y * columns + x);
                            int s = 2 * ((c * rows + y) * columns + x);
                            double vr = maps[s] * image[p] - maps[s + 1] * image[p + 1];
                            double vi = maps[s] * image[p + 1] + maps[s + 1] * image[p];
                            double phase = -2 * Math.PI * ((double) (ky - rows / 2) * (y - rows / 2) / rows
                                    + (double) (kx - columns / 2) * (x - columns / 2) / columns);
                            re += vr * Math.cos(phase) - vi * Math.sin(phase);
                            im += vr * Math.sin(phase) + vi * Math.cos(phase);
                        }
                    }
                    int at = 2 * (ky + rows * (kx + columns * c));
                    bart[at] = (float) (re / Math.sqrt(rows * columns));
                    bart[at + 1] = (float) (im / Math.sqrt(rows * columns));
                }
            }
        }
        RetrospectiveSource source = new RetrospectiveSource(
                new ComplexArray(new long[] {rows, columns, 1, coils}, bart));
        for (int column = 0; column < columns; column++) {
            float[] mask = new float[rows * columns];
            for (int y = 0; y < rows; y++) {
                mask[y * columns + column] = 1f;
            }
            float[] expected = new float[2 * coils * rows * columns];
            new org.diffprior.physics.MultiCoilCartesianMri(rows, columns, mask, maps, coils).apply(image, expected);
            float[] acquired = new float[expected.length];
            source.acquireColumn(column, acquired);
            for (int i = 0; i < expected.length; i++) {
                assertEquals(expected[i], acquired[i], 1e-4f, "column " + column + " index " + i);
            }
        }
    }
}
