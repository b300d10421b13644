package org.diffprior.solver;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
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

    @Test
    void leastSquaresMatchesTheNormalEquationsSolution() {
        // Overdetermined 40×25 system: the least-squares solution solves AᵀA x = Aᵀ y (dense CG reference).
        Random random = new Random(5);
        double[][] a = gaussian(random, 40, 25);
        DenseMatrixOperator op = new DenseMatrixOperator(a);
        float[] y = new float[40];
        for (int i = 0; i < y.length; i++) {
            y[i] = (float) random.nextGaussian();
        }
        float[] aty = new float[25];
        op.adjoint(y, aty);
        float[] reference = new float[25];
        ConjugateGradient.solve(op::normal, aty, reference, 500, 1e-9);
        float[] x = new float[25];
        int iterations = ConjugateGradient.leastSquares(op, y, x, 200, 0);
        assertTrue(iterations <= 200);
        assertArrayEquals(reference, x, 1e-3f);
    }

    @Test
    void leastSquaresStopsAtTheFirstIterateWithinTheTargetResidual() {
        Random random = new Random(8);
        double[][] a = gaussian(random, 30, 30);
        DenseMatrixOperator op = new DenseMatrixOperator(a);
        float[] y = new float[30];
        for (int i = 0; i < y.length; i++) {
            y[i] = (float) random.nextGaussian();
        }
        double start = residual(op, y, new float[30]);
        double target = 0.3 * start;
        float[] x = new float[30];
        int iterations = ConjugateGradient.leastSquares(op, y, x, 100, target);
        assertTrue(iterations >= 1 && residual(op, y, x) <= target, "residual " + residual(op, y, x) + " > " + target);
        // One iteration fewer has not reached the target yet: the stop is the first crossing, not later.
        float[] earlier = new float[30];
        ConjugateGradient.leastSquares(op, y, earlier, iterations - 1, 0);
        assertTrue(residual(op, y, earlier) > target, "stopped late: " + residual(op, y, earlier) + " <= " + target);
        // A start that already meets the target is left alone.
        float[] done = x.clone();
        assertEquals(0, ConjugateGradient.leastSquares(op, y, done, 100, target));
        assertArrayEquals(x, done, 0f);
    }

    private static double[][] gaussian(Random random, int rows, int cols) {
        double[][] a = new double[rows][cols];
        for (double[] row : a) {
            for (int j = 0; j < cols; j++) {
                row[j] = random.nextGaussian();
            }
        }
        return a;
    }

    private static double residual(DenseMatrixOperator op, float[] y, float[] x) {
        float[] ax = new float[y.length];
        op.apply(x, ax);
        double s = 0;
        for (int i = 0; i < y.length; i++) {
            s += (ax[i] - y[i]) * (double) (ax[i] - y[i]);
        }
        return Math.sqrt(s);
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
