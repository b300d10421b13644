package org.diffprior.solver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.diffprior.physics.LinearOperator;
import org.junit.jupiter.api.Test;

/** {@link Fista} reaches the LASSO solution, certified by its optimality (subgradient) conditions. */
class FistaTest {

    @Test
    void lassoSolutionSatisfiesSubgradientOptimality() {
        int rows = 30;
        int cols = 20;
        Random random = new Random(5);
        double[][] matrix = new double[rows][cols];
        for (double[] row : matrix) {
            for (int j = 0; j < cols; j++) {
                row[j] = random.nextGaussian() / Math.sqrt(rows);
            }
        }
        LinearOperator a = new DenseOperator(matrix);
        float[] y = new float[rows];
        for (int i = 0; i < rows; i++) {
            y[i] = (float) random.nextGaussian();
        }
        double lambda = 0.1;
        Fista.Proximal softThreshold = (x, step) -> {
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) (Math.signum(x[i]) * Math.max(Math.abs(x[i]) - lambda * step, 0));
            }
        };
        float[] x = new float[cols];
        new Fista(a, softThreshold).iterations(3000).solve(y, x);
        // Optimality: g = Aᵀ(y − Ax) must equal λ·sign(x_i) where x_i ≠ 0 and lie in [−λ, λ] where x_i = 0.
        float[] residual = new float[rows];
        a.apply(x, residual);
        for (int i = 0; i < rows; i++) {
            residual[i] = y[i] - residual[i];
        }
        float[] g = new float[cols];
        a.adjoint(residual, g);
        int nonZero = 0;
        for (int i = 0; i < cols; i++) {
            if (x[i] != 0) {
                nonZero++;
                assertEquals(lambda * Math.signum(x[i]), g[i], 1e-4, "stationarity fails at " + i);
            } else {
                assertTrue(Math.abs(g[i]) <= lambda + 1e-4,
                        "zero entry " + i + " should not move: |g| = " + Math.abs(g[i]));
            }
        }
        assertTrue(nonZero > 0 && nonZero < cols, "test should exercise both cases, got " + nonZero + " non-zeros");
    }

    @Test
    void powerIterationFindsTheSquaredOperatorNorm() {
        double[][] diagonal = {{3, 0, 0}, {0, -2, 0}, {0, 0, 1}};
        assertEquals(9, Fista.largestEigenvalue(new DenseOperator(diagonal), 100, 3), 1e-3);
    }

    /** y = M x for a dense real matrix. */
    private static final class DenseOperator implements LinearOperator {
        private final double[][] m;

        DenseOperator(double[][] m) {
            this.m = m;
        }

        @Override
        public int inputSize() {
            return m[0].length;
        }

        @Override
        public int outputSize() {
            return m.length;
        }

        @Override
        public void apply(float[] x, float[] y) {
            for (int i = 0; i < m.length; i++) {
                double s = 0;
                for (int j = 0; j < x.length; j++) {
                    s += m[i][j] * x[j];
                }
                y[i] = (float) s;
            }
        }

        @Override
        public void adjoint(float[] y, float[] x) {
            for (int j = 0; j < x.length; j++) {
                double s = 0;
                for (int i = 0; i < m.length; i++) {
                    s += m[i][j] * y[i];
                }
                x[j] = (float) s;
            }
        }
    }
}
