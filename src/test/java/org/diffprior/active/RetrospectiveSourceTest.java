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
}
