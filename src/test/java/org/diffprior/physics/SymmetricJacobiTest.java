package org.diffprior.physics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Random;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.junit.jupiter.api.Test;

class SymmetricJacobiTest {

    @Test
    void matchesCommonsMathOnAMatrixWithClusteredTopEigenvalues() {
        int n = 16;
        Random random = new Random(4);
        // Q diag(λ) Qᵀ with λ = 1, 0.999, 0.99, then spread below: ESPIRiT's top eigenvalues cluster near 1.
        double[][] g = new double[n][n];
        for (double[] row : g) {
            for (int j = 0; j < n; j++) {
                row[j] = random.nextGaussian();
            }
        }
        RealMatrix q = new EigenDecomposition(new Array2DRowRealMatrix(g).add(new Array2DRowRealMatrix(g).transpose()))
                .getV();
        double[] lambda = new double[n];
        lambda[0] = 1;
        lambda[1] = 0.999;
        lambda[2] = 0.99;
        for (int i = 3; i < n; i++) {
            lambda[i] = 0.5 * random.nextDouble();
        }
        double[] matrix = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int k = 0; k < n; k++) {
                    s += q.getEntry(i, k) * lambda[k] * q.getEntry(j, k);
                }
                matrix[i * n + j] = s;
            }
        }
        double[] vectors = new double[n * n];
        int top = SymmetricJacobi.decompose(matrix, vectors, n);

        double[] found = new double[n];
        for (int i = 0; i < n; i++) {
            found[i] = matrix[i * n + i];
        }
        double[] expected = lambda.clone();
        Arrays.sort(found);
        Arrays.sort(expected);
        for (int i = 0; i < n; i++) {
            assertEquals(expected[i], found[i], 1e-12, "eigenvalue " + i);
        }
        assertEquals(1, matrix[top * n + top], 1e-12);
        // The top eigenvector is q's first column up to sign; the gap to 0.999 is 1e-3.
        double dot = 0;
        for (int i = 0; i < n; i++) {
            dot += vectors[i * n + top] * q.getEntry(i, 0);
        }
        assertEquals(1, Math.abs(dot), 1e-9);
    }
}
