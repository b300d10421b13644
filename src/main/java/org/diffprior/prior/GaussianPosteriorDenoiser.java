package org.diffprior.prior;

import java.util.Random;

import org.apache.commons.math3.exception.MaxCountExceededException;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;
import org.apache.commons.math3.linear.SingularValueDecomposition;
import org.diffprior.core.InvalidInputException;

/**
 * The exact denoiser of a Gaussian N(μ, Σ) given by a dense mean and covariance, for small images (up to
 * a few thousand values). Built with {@link #posterior} it is the exact posterior denoiser of a Gaussian
 * prior under a linear Gaussian measurement y = A x + n, n ~ N(0, s² I): Σ = C − C Aᵀ(A C Aᵀ + s² I)⁻¹ A C,
 * μ = m + C Aᵀ(A C Aᵀ + s² I)⁻¹(y − A m). Then E[x0 | x_t] = μ + U diag(α d / (α² d + σ²)) Uᵀ(x_t − α μ)
 * with Σ = U diag(d) Uᵀ. Everything is R-linear, so complex images (2 interleaved channels) and
 * complex operators written as real matrices on interleaved vectors work unchanged.
 *
 * <pre>{@code
 * GaussianPosteriorDenoiser posterior = GaussianPosteriorDenoiser.posterior(1, prior.mean, prior.cov, a, y, 0.05);
 * double[] exactMean = posterior.mean(); double[] exactVariance = posterior.variances();
 * DiffusionSolver.run(posterior, request); // samples must match mean and variances
 * }</pre>
 */
public final class GaussianPosteriorDenoiser implements Denoiser {

    private final int channels;
    private final double[] mean;
    private final double[][] covariance;
    private final double[] eigenvalues;
    private final double[][] eigenvectors; // eigenvectors[i] = i-th eigenvector

    /** The denoiser of N(mean, covariance); the covariance must be symmetric positive semi-definite. */
    public GaussianPosteriorDenoiser(int channels, double[] mean, double[][] covariance) {
        int n = mean.length;
        if (channels != 1 && channels != 2) {
            throw new InvalidInputException("channels must be 1 (real) or 2 (complex), got " + channels);
        }
        if (covariance.length != n || covariance[0].length != n || n % channels != 0) {
            throw new InvalidInputException("covariance must be " + n + "x" + n + " to match the mean");
        }
        double[][] symmetric = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                symmetric[i][j] = 0.5 * (covariance[i][j] + covariance[j][i]);
            }
        }
        this.channels = channels;
        this.mean = mean.clone();
        this.covariance = symmetric;
        this.eigenvalues = new double[n];
        this.eigenvectors = new double[n][];
        RealMatrix matrix = new Array2DRowRealMatrix(symmetric, false);
        try {
            EigenDecomposition eigen = new EigenDecomposition(matrix);
            for (int i = 0; i < n; i++) {
                eigenvalues[i] = Math.max(0, eigen.getRealEigenvalue(i)); // round-off makes zeros slightly negative
                eigenvectors[i] = eigen.getEigenvector(i).toArray();
            }
        } catch (MaxCountExceededException e) {
            // commons-math's QL iteration can stall on singular covariances with repeated eigenvalues (noiseless
            // posteriors); for a symmetric PSD matrix the SVD gives the same spectral decomposition, robustly.
            SingularValueDecomposition svd = new SingularValueDecomposition(matrix);
            double[] values = svd.getSingularValues();
            RealMatrix u = svd.getU();
            for (int i = 0; i < n; i++) {
                eigenvalues[i] = values[i];
                eigenvectors[i] = u.getColumn(i);
            }
        }
    }

    /**
     * The posterior N(μ, Σ) of the prior N(priorMean, priorCovariance) given y = A x + n with white noise of
     * std {@code noiseStd} (0 allowed when A C Aᵀ is invertible).
     *
     * @param operator A as a dense matrix, one row per measured value
     */
    public static GaussianPosteriorDenoiser posterior(int channels, double[] priorMean, double[][] priorCovariance,
            double[][] operator, double[] y, double noiseStd) {
        RealMatrix c = new Array2DRowRealMatrix(priorCovariance, false);
        RealMatrix a = new Array2DRowRealMatrix(operator, false);
        if (a.getColumnDimension() != priorMean.length || a.getRowDimension() != y.length) {
            throw new InvalidInputException("operator must be " + y.length + "x" + priorMean.length);
        }
        RealMatrix cat = c.multiply(a.transpose());
        RealMatrix s = a.multiply(cat);
        for (int i = 0; i < y.length; i++) {
            s.addToEntry(i, i, noiseStd * noiseStd);
        }
        RealMatrix gain = new LUDecomposition(s).getSolver().solve(cat.transpose()).transpose(); // C Aᵀ S⁻¹
        RealVector m = new ArrayRealVector(priorMean);
        RealVector innovation = new ArrayRealVector(y).subtract(a.operate(m));
        double[] mu = m.add(gain.operate(innovation)).toArray();
        double[][] sigma = c.subtract(gain.multiply(cat.transpose())).getData();
        return new GaussianPosteriorDenoiser(channels, mu, sigma);
    }

    @Override
    public int channels() {
        return channels;
    }

    /** The mean μ. */
    public double[] mean() {
        return mean.clone();
    }

    /** The covariance Σ. */
    public double[][] covariance() {
        double[][] copy = new double[covariance.length][];
        for (int i = 0; i < copy.length; i++) {
            copy[i] = covariance[i].clone();
        }
        return copy;
    }

    /** The marginal variances diag(Σ). */
    public double[] variances() {
        double[] v = new double[mean.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = covariance[i][i];
        }
        return v;
    }

    /** Eigenvalues d of Σ (clamped at 0), in the order of {@link #eigenvector}. */
    public double[] eigenvalues() {
        return eigenvalues.clone();
    }

    public double[] eigenvector(int i) {
        return eigenvectors[i].clone();
    }

    @Override
    public float[][] denoise(float[][] xt, int height, int width, double[] alpha, double[] sigma) {
        int n = mean.length;
        if (channels * height * width != n) {
            throw new InvalidInputException("this Gaussian has " + n + " values, images of " + height + "x" + width
                    + "x" + channels + " do not match");
        }
        float[][] out = new float[xt.length][];
        double[] centred = new double[n];
        for (int b = 0; b < xt.length; b++) {
            double a = alpha[b];
            double s2 = sigma[b] * sigma[b];
            for (int i = 0; i < n; i++) {
                centred[i] = xt[b][i] - a * mean[i];
            }
            double[] result = mean.clone();
            for (int e = 0; e < n; e++) {
                double d = eigenvalues[e];
                if (d == 0) {
                    continue;
                }
                double[] u = eigenvectors[e];
                double coefficient = 0;
                for (int i = 0; i < n; i++) {
                    coefficient += u[i] * centred[i];
                }
                coefficient *= a * d / (a * a * d + s2);
                for (int i = 0; i < n; i++) {
                    result[i] += coefficient * u[i];
                }
            }
            float[] image = new float[n];
            for (int i = 0; i < n; i++) {
                image[i] = (float) result[i];
            }
            out[b] = image;
        }
        return out;
    }

    /** A sample μ + U diag(√d) z. */
    public float[] sample(Random random) {
        int n = mean.length;
        double[] x = mean.clone();
        for (int e = 0; e < n; e++) {
            double coefficient = Math.sqrt(eigenvalues[e]) * random.nextGaussian();
            for (int i = 0; i < n; i++) {
                x[i] += coefficient * eigenvectors[e][i];
            }
        }
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = (float) x[i];
        }
        return out;
    }
}
