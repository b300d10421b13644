package org.diffprior.djl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;

class ConvolutionSelfCheckTest {

    @Test
    void engineConvolutionsMatchThePlainJavaReference() {
        ConvolutionSelfCheck.Result result = ConvolutionSelfCheck.run();
        assertTrue(result.passed(), result.summary());
        assertTrue(result.worstRelativeError() < ConvolutionSelfCheck.TOLERANCE);
    }

    @Test
    void referenceShiftsAnImpulseByTheKernelOffset() {
        // A kernel that is 1 at (ky, kx) = (0, 2) reads the input at (row - 1, col + 1).
        int h = 4;
        int w = 5;
        double[] input = new double[h * w];
        input[2 * w + 2] = 1;
        double[] weight = new double[9];
        weight[2] = 1;
        double[][] out = ConvolutionSelfCheck.reference(input, weight, new double[] {0.5}, new double[h * w], 1, 1, 1,
                h, w);
        double[] expected = new double[h * w];
        java.util.Arrays.fill(expected, 0.5);
        expected[3 * w + 1] = 1.5;
        assertArrayEquals(expected, out[0], 1e-12);
    }

    @Test
    void referenceGradientsMatchFiniteDifferences() {
        Random random = new Random(3);
        int batch = 1;
        int in = 2;
        int out = 3;
        int h = 4;
        int w = 3;
        double[] x = random.doubles(batch * in * h * w).toArray();
        double[] k = random.doubles(out * in * 9).toArray();
        double[] b = random.doubles(out).toArray();
        double[] r = random.doubles(batch * out * h * w).toArray();
        double[][] ref = ConvolutionSelfCheck.reference(x, k, b, r, batch, in, out, h, w);
        double step = 1e-6;
        for (int i = 0; i < x.length; i += 5) {
            double[] plus = x.clone();
            plus[i] += step;
            double numeric = (objective(plus, k, b, r, batch, in, out, h, w)
                    - objective(x, k, b, r, batch, in, out, h, w))
                    / step;
            assertEquals(numeric, ref[1][i], 1e-6);
        }
        for (int i = 0; i < k.length; i += 7) {
            double[] plus = k.clone();
            plus[i] += step;
            double numeric = (objective(x, plus, b, r, batch, in, out, h, w)
                    - objective(x, k, b, r, batch, in, out, h, w))
                    / step;
            assertEquals(numeric, ref[2][i], 1e-6);
        }
    }

    private static double objective(double[] x, double[] k, double[] b, double[] r, int batch, int in, int out, int h,
            int w) {
        double[] y = ConvolutionSelfCheck.reference(x, k, b, r, batch, in, out, h, w)[0];
        double sum = 0;
        for (int i = 0; i < y.length; i++) {
            sum += y[i] * r[i];
        }
        return sum;
    }
}
