package org.diffprior.solver;

import java.util.Random;

import org.diffprior.prior.Denoiser;
import org.diffprior.prior.GaussianPosteriorDenoiser;
import org.diffprior.prior.GaussianPriorDenoiser;

/**
 * Test support: a small stationary Gaussian prior, a measurement of one of its samples and the exact
 * posterior, plus error measures of sampled moments against the exact ones, and the exact moments
 * of a deterministic sampler driven by a linear denoiser (its output is affine in the starting noise,
 * so running it on 0 and the unit vectors gives mean and covariance without Monte-Carlo error).
 */
public final class GaussianReference {

    public final int height;
    public final int width;
    public final GaussianPriorDenoiser prior;
    public final DenseMatrixOperator operator;
    public final float[] truth;
    public final float[] y;
    public final double noiseStd;
    public final GaussianPosteriorDenoiser posterior;
    public final double[] exactMean;
    public final double[] exactVariance;

    public GaussianReference(int height, int width, DenseMatrixOperator operator, double noiseStd, long seed) {
        this.height = height;
        this.width = width;
        this.prior = GaussianPriorDenoiser.powerLaw(height, width, 3.0, 0.12, 1.0, 0.3);
        this.operator = operator;
        this.noiseStd = noiseStd;
        Random random = new Random(seed);
        this.truth = prior.sample(random);
        this.y = new float[operator.outputSize()];
        operator.apply(truth, y);
        for (int i = 0; i < y.length; i++) {
            y[i] += (float) (noiseStd * random.nextGaussian());
        }
        int n = height * width;
        double[] priorMean = new double[n];
        java.util.Arrays.fill(priorMean, prior.mean());
        this.posterior = GaussianPosteriorDenoiser.posterior(1, priorMean, prior.covariance(), operator.matrix(),
                DenseMatrixOperator.toDouble(y), noiseStd);
        this.exactMean = posterior.mean();
        this.exactVariance = posterior.variances();
    }

    public Measurement measurement(boolean withPseudoInverse) {
        return new Measurement(operator, y, noiseStd, withPseudoInverse ? operator::scaledAdjointPseudoInverse : null);
    }

    /** RMS of (estimate − exact mean) in units of the RMS posterior std. */
    public double meanError(float[] mean) {
        double error = 0;
        double variance = 0;
        for (int i = 0; i < mean.length; i++) {
            double d = mean[i] - exactMean[i];
            error += d * d;
            variance += exactVariance[i];
        }
        return Math.sqrt(error / variance);
    }

    /** RMS over pixels of the relative variance error |v̂/v − 1|. */
    public double varianceError(float[] std) {
        double s = 0;
        for (int i = 0; i < std.length; i++) {
            double r = (double) std[i] * std[i] / exactVariance[i] - 1;
            s += r * r;
        }
        return Math.sqrt(s / std.length);
    }

    /** ||a − b|| / ||b|| for float a and double b. */
    public static double relativeDistance(float[] a, double[] b) {
        double e = 0;
        double r = 0;
        for (int i = 0; i < a.length; i++) {
            e += (a[i] - b[i]) * (a[i] - b[i]);
            r += b[i] * b[i];
        }
        return Math.sqrt(e / r);
    }

    /** Exact {mean, variances} of a deterministic sampler's output with the request's method and grid. */
    public static double[][] exactMomentsOfDeterministicSampler(Denoiser denoiser, SamplingRequest request) {
        int n = denoiser.channels() * request.height() * request.width();
        float[][] starts = new float[n + 1][n];
        for (int i = 0; i < n; i++) {
            starts[i + 1][i] = 1;
        }
        SamplingRequest basis = request.toBuilder().particles(n + 1).initialState(starts).build();
        float[][] out = DiffusionSolver.run(denoiser, basis).samples();
        double[] mean = new double[n];
        double[] variance = new double[n];
        for (int i = 0; i < n; i++) {
            mean[i] = out[0][i];
        }
        for (int column = 1; column <= n; column++) {
            for (int i = 0; i < n; i++) {
                double m = out[column][i] - out[0][i];
                variance[i] += m * m;
            }
        }
        return new double[][] {mean, variance};
    }

    public double meanError(double[] mean) {
        float[] f = new float[mean.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) mean[i];
        }
        return meanError(f);
    }

    public double varianceErrorOfVariances(double[] variance) {
        double s = 0;
        for (int i = 0; i < variance.length; i++) {
            double r = variance[i] / exactVariance[i] - 1;
            s += r * r;
        }
        return Math.sqrt(s / variance.length);
    }
}
