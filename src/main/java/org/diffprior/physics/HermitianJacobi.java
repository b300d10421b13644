package org.diffprior.physics;

import java.util.Arrays;

/**
 * Cyclic Jacobi eigen-decomposition of small dense complex Hermitian matrices, in place and without
 * allocation, for per-pixel use (ESPIRiT's C×C coil matrices). A matrix is two row-major n×n arrays, real
 * and imaginary parts. Each rotation first turns a_pq real with a diagonal phase and then zeroes it with a
 * real Jacobi rotation, so for real input this is the classical real method. Working on the C×C complex
 * matrix instead of its 2C×2C real embedding needs about a quarter of the arithmetic.
 *
 * <pre>{@code
 * int top = HermitianJacobi.decompose(re, im, vRe, vIm, n);   // re becomes diagonal, im zero
 * double largest = re[top * n + top];                        // eigenvector: column `top` of (vRe, vIm)
 * }</pre>
 */
final class HermitianJacobi {

    /**
     * Stop once the off-diagonal Frobenius norm is below 1e-10 of the matrix norm: ESPIRiT's float maps are
     * then settled to float precision.
     */
    private static final double RELATIVE_OFF_SQUARED = 1e-20;

    private HermitianJacobi() {
    }

    /**
     * Diagonalises the Hermitian matrix (re, im) in place (the diagonal of {@code re} becomes the eigenvalues),
     * writes the eigenvectors as the columns of (vRe, vIm) and returns the index of the largest eigenvalue.
     */
    static int decompose(double[] re, double[] im, double[] vRe, double[] vIm, int n) {
        Arrays.fill(vRe, 0, n * n, 0);
        Arrays.fill(vIm, 0, n * n, 0);
        for (int i = 0; i < n; i++) {
            vRe[i * n + i] = 1;
        }
        double scale = 0;
        for (int i = 0; i < n * n; i++) {
            scale += re[i] * re[i] + im[i] * im[i];
        }
        for (int sweep = 0; sweep < 50; sweep++) {
            double off = 0;
            for (int p = 0; p < n; p++) {
                for (int q = p + 1; q < n; q++) {
                    off += 2 * (re[p * n + q] * re[p * n + q] + im[p * n + q] * im[p * n + q]);
                }
            }
            if (off <= RELATIVE_OFF_SQUARED * scale || off == 0) {
                break;
            }
            for (int p = 0; p < n - 1; p++) {
                for (int q = p + 1; q < n; q++) {
                    rotate(re, im, vRe, vIm, n, p, q);
                }
            }
        }
        int top = 0;
        for (int i = 1; i < n; i++) {
            if (re[i * n + i] > re[top * n + top]) {
                top = i;
            }
        }
        return top;
    }

    /**
     * A ← Uᴴ A U and V ← V U with U = diag(1, e^{−iφ}) · [[c, s], [−s, c]] on coordinates (p, q), where
     * a_pq = |a_pq| e^{iφ}: the phase makes a_pq real, the real rotation (Golub & Van Loan, Algorithm 8.4.2)
     * zeroes it.
     */
    private static void rotate(double[] re, double[] im, double[] vRe, double[] vIm, int n, int p, int q) {
        double zr = re[p * n + q];
        double zi = im[p * n + q];
        double magnitude = Math.hypot(zr, zi);
        if (magnitude == 0) {
            return;
        }
        double er = zr / magnitude; // e^{iφ}
        double ei = zi / magnitude;
        double theta = (re[q * n + q] - re[p * n + p]) / (2 * magnitude);
        double t = theta == 0 ? 1 : Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        double c = 1 / Math.sqrt(t * t + 1);
        double s = t * c;
        // Columns p and q (elements k·n + p, k·n + q) with w = e^{−iφ}, then rows p and q (p·n + k, q·n + k)
        // with w = e^{iφ}.
        combine(re, im, n, p, q, n, c, s, er, -ei);
        combine(vRe, vIm, n, p, q, n, c, s, er, -ei);
        combine(re, im, n, p * n, q * n, 1, c, s, er, ei);
        // Exact zeros and a real diagonal, which rounding would otherwise leave slightly off.
        re[p * n + q] = 0;
        im[p * n + q] = 0;
        re[q * n + p] = 0;
        im[q * n + p] = 0;
        im[p * n + p] = 0;
        im[q * n + q] = 0;
    }

    /**
     * P' = c·P − s·w·Q, Q' = s·P + c·w·Q with w = wr + i·wi, for the n elements of two lines (rows or columns)
     * that start at {@code p} and {@code q} and advance by {@code stride}.
     */
    private static void combine(double[] re, double[] im, int n, int p, int q, int stride, double c, double s,
            double wr, double wi) {
        for (int k = 0, i = p, j = q; k < n; k++, i += stride, j += stride) {
            double pr = re[i];
            double pi = im[i];
            double qr = wr * re[j] - wi * im[j];
            double qi = wr * im[j] + wi * re[j];
            re[i] = c * pr - s * qr;
            im[i] = c * pi - s * qi;
            re[j] = s * pr + c * qr;
            im[j] = s * pi + c * qi;
        }
    }

    /** (re, im) ← Bᴴ (re, im) B for a unitary B = (bRe, bIm), using the scratch arrays; keeps it Hermitian. */
    static void rotateInto(double[] re, double[] im, double[] bRe, double[] bIm, double[] sRe, double[] sIm, int n) {
        multiply(re, im, bRe, bIm, sRe, sIm, n);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double r = 0;
                double m = 0;
                for (int k = 0; k < n; k++) {
                    // conj(b_ki) · s_kj
                    double br = bRe[k * n + i];
                    double bi = -bIm[k * n + i];
                    r += br * sRe[k * n + j] - bi * sIm[k * n + j];
                    m += br * sIm[k * n + j] + bi * sRe[k * n + j];
                }
                re[i * n + j] = r;
                im[i * n + j] = m;
            }
        }
        // Restore exact Hermitian symmetry lost to rounding, which the rotations assume.
        for (int i = 0; i < n; i++) {
            im[i * n + i] = 0;
            for (int j = i + 1; j < n; j++) {
                double r = 0.5 * (re[i * n + j] + re[j * n + i]);
                double m = 0.5 * (im[i * n + j] - im[j * n + i]);
                re[i * n + j] = r;
                re[j * n + i] = r;
                im[i * n + j] = m;
                im[j * n + i] = -m;
            }
        }
    }

    /** out = a · b for complex row-major n×n matrices. */
    static void multiply(double[] aRe, double[] aIm, double[] bRe, double[] bIm, double[] outRe, double[] outIm,
            int n) {
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double r = 0;
                double m = 0;
                for (int k = 0; k < n; k++) {
                    double ar = aRe[i * n + k];
                    double ai = aIm[i * n + k];
                    r += ar * bRe[k * n + j] - ai * bIm[k * n + j];
                    m += ar * bIm[k * n + j] + ai * bRe[k * n + j];
                }
                outRe[i * n + j] = r;
                outIm[i * n + j] = m;
            }
        }
    }
}
