package org.diffprior.solver;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;

class ConjugateGradientTest {

    @Test
    void solvesSymmetricPositiveDefiniteSystemToTolerance() {
        int n = 30;
        Random random = new Random(3);
        double[][] b = new double[n][n];
        for (double[] row : b) {
            for (int j = 0; j < n; j++) {
                row[j] = random.nextGaussian();
            }
        }
        // M = BᵀB + I is symmetric positive definite.
        double[][] m = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double s = i == j ? 1 : 0;
                for (int k = 0; k < n; k++) {
                    s += b[k][i] * b[k][j];
                }
                m[i][j] = s;
            }
        }
        float[] truth = new float[n];
        for (int i = 0; i < n; i++) {
            truth[i] = (float) random.nextGaussian();
        }
        float[] rhs = multiply(m, truth);
        float[] x = new float[n];
        int iterations = ConjugateGradient.solve((in, out) -> System.arraycopy(multiply(m, in), 0, out, 0, n),
                rhs, x, 200, 1e-7);
        assertTrue(iterations <= 200);
        assertArrayEquals(truth, x, 1e-3f);
    }

    private static float[] multiply(double[][] m, float[] v) {
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            double s = 0;
            for (int j = 0; j < v.length; j++) {
                s += m[i][j] * v[j];
            }
            out[i] = (float) s;
        }
        return out;
    }
}
