package org.diffprior.physics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Random;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.junit.jupiter.api.Test;

class HermitianJacobiTest {

    /**
     * A random 8×8 Hermitian matrix with top eigenvalues 1, 0.999, 0.99 (ESPIRiT's cluster near 1), checked
     * against Commons Math on its real symmetric embedding [[Re, −Im], [Im, Re]], whose eigenvalues are the
     * Hermitian ones, each twice.
     */
    @Test
    void matchesCommonsMathOnTheRealEmbeddingWithClusteredTopEigenvalues() {
        int n = 8;
        Random random = new Random(4);
        double[] lambda = new double[n];
        lambda[0] = 1;
        lambda[1] = 0.999;
        lambda[2] = 0.99;
        for (int i = 3; i < n; i++) {
            lambda[i] = 0.5 * random.nextDouble();
        }
        // A random unitary Q from Gram–Schmidt on complex Gaussian columns; G = Q diag(λ) Qᴴ.
        double[][] qRe = new double[n][n];
        double[][] qIm = new double[n][n];
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < n; i++) {
                qRe[i][j] = random.nextGaussian();
                qIm[i][j] = random.nextGaussian();
            }
            for (int k = 0; k < j; k++) {
                double dr = 0;
                double di = 0;
                for (int i = 0; i < n; i++) { // <q_k, q_j> = Σ conj(q_ik) q_ij
                    dr += qRe[i][k] * qRe[i][j] + qIm[i][k] * qIm[i][j];
                    di += qRe[i][k] * qIm[i][j] - qIm[i][k] * qRe[i][j];
                }
                for (int i = 0; i < n; i++) {
                    qRe[i][j] -= dr * qRe[i][k] - di * qIm[i][k];
                    qIm[i][j] -= dr * qIm[i][k] + di * qRe[i][k];
                }
            }
            double norm = 0;
            for (int i = 0; i < n; i++) {
                norm += qRe[i][j] * qRe[i][j] + qIm[i][j] * qIm[i][j];
            }
            norm = Math.sqrt(norm);
            for (int i = 0; i < n; i++) {
                qRe[i][j] /= norm;
                qIm[i][j] /= norm;
            }
        }
        double[] re = new double[n * n];
        double[] im = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                for (int k = 0; k < n; k++) { // q_ik λ_k conj(q_jk)
                    re[i * n + j] += lambda[k] * (qRe[i][k] * qRe[j][k] + qIm[i][k] * qIm[j][k]);
                    im[i * n + j] += lambda[k] * (qIm[i][k] * qRe[j][k] - qRe[i][k] * qIm[j][k]);
                }
            }
        }
        double[][] embedded = new double[2 * n][2 * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                embedded[i][j] = re[i * n + j];
                embedded[i][n + j] = -im[i * n + j];
                embedded[n + i][j] = im[i * n + j];
                embedded[n + i][n + j] = re[i * n + j];
            }
        }
        double[] reference = new EigenDecomposition(new Array2DRowRealMatrix(embedded)).getRealEigenvalues();
        Arrays.sort(reference);
        double[] original = re.clone();
        double[] originalIm = im.clone();

        double[] vRe = new double[n * n];
        double[] vIm = new double[n * n];
        int top = HermitianJacobi.decompose(re, im, vRe, vIm, n);

        double[] found = new double[n];
        for (int i = 0; i < n; i++) {
            found[i] = re[i * n + i];
        }
        Arrays.sort(found);
        for (int i = 0; i < n; i++) {
            assertEquals(reference[2 * i], found[i], 1e-12, "eigenvalue " + i);
            assertEquals(reference[2 * i + 1], found[i], 1e-12, "eigenvalue " + i + " (its pair)");
        }
        assertEquals(1, re[top * n + top], 1e-12);
        // G v = λ v for the returned top eigenvector, and |<q_0, v>| = 1 (the gap to 0.999 is 1e-3).
        double residual = 0;
        double overlapRe = 0;
        double overlapIm = 0;
        for (int i = 0; i < n; i++) {
            double gr = 0;
            double gi = 0;
            for (int j = 0; j < n; j++) {
                gr += original[i * n + j] * vRe[j * n + top] - originalIm[i * n + j] * vIm[j * n + top];
                gi += original[i * n + j] * vIm[j * n + top] + originalIm[i * n + j] * vRe[j * n + top];
            }
            residual += Math.pow(gr - vRe[i * n + top], 2) + Math.pow(gi - vIm[i * n + top], 2);
            overlapRe += qRe[i][0] * vRe[i * n + top] + qIm[i][0] * vIm[i * n + top];
            overlapIm += qRe[i][0] * vIm[i * n + top] - qIm[i][0] * vRe[i * n + top];
        }
        assertEquals(0, Math.sqrt(residual), 1e-10);
        assertEquals(1, Math.hypot(overlapRe, overlapIm), 1e-9);
    }

    @Test
    void rotatingIntoAUnitaryBasisKeepsTheEigenvalues() {
        int n = 4;
        // G = [[2, i], [−i, 2]] ⊕ diag(0.5, 3): eigenvalues 1, 3, 0.5, 3.
        double[] re = new double[n * n];
        double[] im = new double[n * n];
        re[0] = 2;
        re[5] = 2;
        im[1] = 1;
        im[4] = -1;
        re[10] = 0.5;
        re[15] = 3;
        // A unitary basis: a phase on coordinate 1 and a real rotation of coordinates 2 and 3.
        double[] bRe = new double[n * n];
        double[] bIm = new double[n * n];
        bRe[0] = 1;
        bRe[5] = Math.cos(0.7);
        bIm[5] = Math.sin(0.7);
        bRe[10] = Math.cos(0.3);
        bRe[11] = -Math.sin(0.3);
        bRe[14] = Math.sin(0.3);
        bRe[15] = Math.cos(0.3);
        HermitianJacobi.rotateInto(re, im, bRe, bIm, new double[n * n], new double[n * n], n);
        double[] vRe = new double[n * n];
        double[] vIm = new double[n * n];
        HermitianJacobi.decompose(re, im, vRe, vIm, n);
        double[] found = {re[0], re[5], re[10], re[15]};
        Arrays.sort(found);
        assertEquals(0.5, found[0], 1e-12);
        assertEquals(1, found[1], 1e-12);
        assertEquals(3, found[2], 1e-12);
        assertEquals(3, found[3], 1e-12);
    }
}
