package org.diffprior.solver;

import java.util.Random;

import org.diffprior.physics.LinearOperator;

/**
 * Test-only measurement operators written out as dense real matrices (one row per measured float), so
 * the exact Gaussian posterior can be computed from the very same matrix the solvers use.
 *
 * <pre>{@code
 * DenseMatrixOperator box = DenseMatrixOperator.boxDownsampling(16, 16, 2);
 * GaussianPosteriorDenoiser.posterior(1, m, c, box.matrix(), y, 0.05);
 * }</pre>
 */
public final class DenseMatrixOperator implements LinearOperator {

    private final double[][] matrix;

    public DenseMatrixOperator(double[][] matrix) {
        this.matrix = matrix;
    }

    /** Mean over non-overlapping s×s blocks of an H×W real image. */
    public static DenseMatrixOperator boxDownsampling(int height, int width, int scale) {
        int lowHeight = height / scale;
        int lowWidth = width / scale;
        double[][] a = new double[lowHeight * lowWidth][height * width];
        for (int r = 0; r < height; r++) {
            for (int c = 0; c < width; c++) {
                a[(r / scale) * lowWidth + c / scale][r * width + c] = 1.0 / (scale * scale);
            }
        }
        return new DenseMatrixOperator(a);
    }

    /**
     * {@code rows} random frequencies of the unitary 2-D DFT of a real H×W image, output interleaved
     * (re, im) per frequency: 2·rows measured floats. Only one frequency of each conjugate pair and no
     * self-conjugate one (DC, Nyquist) is drawn, so the rows are orthogonal with squared norm ½:
     * A Aᵀ = ½ I and A⁺ = 2 Aᵀ (which is also the zero-filled estimate).
     */
    public static DenseMatrixOperator randomDftRows(int height, int width, int rows, long seed) {
        int n = height * width;
        java.util.List<Integer> candidates = new java.util.ArrayList<>();
        for (int k = 0; k < n; k++) {
            int conjugate = ((height - k / width) % height) * width + (width - k % width) % width;
            if (k < conjugate) {
                candidates.add(k);
            }
        }
        java.util.Collections.shuffle(candidates, new Random(seed));
        double[][] a = new double[2 * rows][n];
        double norm = 1.0 / Math.sqrt(n);
        for (int q = 0; q < rows; q++) {
            int ky = candidates.get(q) / width;
            int kx = candidates.get(q) % width;
            for (int r = 0; r < height; r++) {
                for (int c = 0; c < width; c++) {
                    double phase = -2 * Math.PI * ((double) ky * r / height + (double) kx * c / width);
                    a[2 * q][r * width + c] = norm * Math.cos(phase);
                    a[2 * q + 1][r * width + c] = norm * Math.sin(phase);
                }
            }
        }
        return new DenseMatrixOperator(a);
    }

    /** The matrix (shared, not copied). */
    public double[][] matrix() {
        return matrix;
    }

    /** The pseudo-inverse when A Aᵀ = c·I (box downsampling, DFT rows): A⁺ = Aᵀ / c. */
    public void scaledAdjointPseudoInverse(float[] y, float[] x) {
        double c = 0;
        for (double v : matrix[0]) {
            c += v * v;
        }
        adjoint(y, x);
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (x[i] / c);
        }
    }

    @Override
    public int inputSize() {
        return matrix[0].length;
    }

    @Override
    public int outputSize() {
        return matrix.length;
    }

    @Override
    public void apply(float[] x, float[] y) {
        for (int i = 0; i < matrix.length; i++) {
            double s = 0;
            double[] row = matrix[i];
            for (int j = 0; j < row.length; j++) {
                s += row[j] * x[j];
            }
            y[i] = (float) s;
        }
    }

    @Override
    public void adjoint(float[] y, float[] x) {
        double[] sum = new double[inputSize()];
        for (int i = 0; i < matrix.length; i++) {
            double[] row = matrix[i];
            double yi = y[i];
            for (int j = 0; j < row.length; j++) {
                sum[j] += row[j] * yi;
            }
        }
        for (int j = 0; j < sum.length; j++) {
            x[j] = (float) sum[j];
        }
    }

    /** y as doubles, for the exact posterior. */
    public static double[] toDouble(float[] v) {
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            d[i] = v[i];
        }
        return d;
    }
}
