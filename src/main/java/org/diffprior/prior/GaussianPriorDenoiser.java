package org.diffprior.prior;

import java.util.Random;

import org.diffprior.core.InvalidInputException;
import org.jtransforms.fft.DoubleFFT_2D;

/**
 * The exact denoiser of a stationary (circulant) Gaussian prior x ~ N(m, C) on real H×W images, where C
 * is diagonal in the unitary 2-D DFT with eigenvalues P (the power spectrum: P[k] is the variance of
 * the k-th unitary Fourier coefficient, index (0, 0) = DC, unshifted). For x_t = α x0 + σ ε the
 * posterior mean is the Wiener filter E[x0 | x_t] = m + F⁻¹[α P / (α² P + σ²) · F(x_t − α m)], computed
 * with JTransforms. For tests and demos: prior samples, the dense covariance, power spectra of images.
 *
 * <pre>{@code
 * GaussianPriorDenoiser prior = GaussianPriorDenoiser.powerLaw(16, 16, 3.0, 0.1, 1.0, 0.0);
 * float[] x = prior.sample(new Random(1));
 * float[][] x0 = prior.denoise(new float[][] {xt}, 16, 16, new double[] {0.7}, new double[] {0.71});
 * }</pre>
 */
public final class GaussianPriorDenoiser implements Denoiser {

    private final int height;
    private final int width;
    private final double[] powerSpectrum;
    private final double mean;
    private final DoubleFFT_2D fft;

    /**
     * @param powerSpectrum H·W non-negative values in row-major DFT order, symmetric (P[k] = P[−k]) so the
     *        field is real
     * @param mean the constant prior mean m
     */
    public GaussianPriorDenoiser(int height, int width, double[] powerSpectrum, double mean) {
        if (powerSpectrum.length != height * width) {
            throw new InvalidInputException("power spectrum has " + powerSpectrum.length + " values, expected "
                    + height * width);
        }
        for (int r = 0; r < height; r++) {
            for (int c = 0; c < width; c++) {
                double p = powerSpectrum[r * width + c];
                double mirror = powerSpectrum[((height - r) % height) * width + (width - c) % width];
                if (!(p >= 0) || Math.abs(p - mirror) > 1e-9 * Math.max(1, Math.abs(p))) {
                    throw new InvalidInputException("power spectrum must be non-negative and symmetric (P[k] = P[-k])");
                }
            }
        }
        this.height = height;
        this.width = width;
        this.powerSpectrum = powerSpectrum.clone();
        this.mean = mean;
        this.fft = new DoubleFFT_2D(height, width);
    }

    /**
     * A smooth prior with P(f) ∝ (1 + (|f|/cutoff)²)^(−exponent/2), |f| in cycles per pixel, scaled so the
     * per-pixel variance is {@code variance}.
     */
    public static GaussianPriorDenoiser powerLaw(int height, int width, double exponent, double cutoff,
            double variance, double mean) {
        double[] p = new double[height * width];
        double sum = 0;
        for (int r = 0; r < height; r++) {
            double fy = (double) Math.min(r, height - r) / height;
            for (int c = 0; c < width; c++) {
                double fx = (double) Math.min(c, width - c) / width;
                double f2 = (fy * fy + fx * fx) / (cutoff * cutoff);
                p[r * width + c] = Math.pow(1 + f2, -exponent / 2);
                sum += p[r * width + c];
            }
        }
        double scale = variance * height * width / sum; // per-pixel variance = mean of P
        for (int i = 0; i < p.length; i++) {
            p[i] *= scale;
        }
        return new GaussianPriorDenoiser(height, width, p, mean);
    }

    @Override
    public int channels() {
        return 1;
    }

    public double[] powerSpectrum() {
        return powerSpectrum.clone();
    }

    public double mean() {
        return mean;
    }

    @Override
    public float[][] denoise(float[][] xt, int h, int w, double[] alpha, double[] sigma) {
        if (h != height || w != width) {
            throw new InvalidInputException("this Gaussian prior is for " + height + "x" + width + " images, got "
                    + h + "x" + w);
        }
        float[][] out = new float[xt.length][];
        for (int b = 0; b < xt.length; b++) {
            double a = alpha[b];
            double s2 = sigma[b] * sigma[b];
            double[] spectrum = toComplex(xt[b], a * mean);
            fft.complexForward(spectrum);
            for (int k = 0; k < powerSpectrum.length; k++) {
                double p = powerSpectrum[k];
                double gain = a * p / (a * a * p + s2);
                spectrum[2 * k] *= gain;
                spectrum[2 * k + 1] *= gain;
            }
            fft.complexInverse(spectrum, true);
            out[b] = realPart(spectrum, mean);
        }
        return out;
    }

    /** A prior sample m + F⁻¹(√P · F w), w white Gaussian. */
    public float[] sample(Random random) {
        double[] z = new double[2 * height * width];
        for (int i = 0; i < z.length; i += 2) {
            z[i] = random.nextGaussian();
        }
        fft.complexForward(z);
        for (int k = 0; k < powerSpectrum.length; k++) {
            double g = Math.sqrt(powerSpectrum[k]);
            z[2 * k] *= g;
            z[2 * k + 1] *= g;
        }
        fft.complexInverse(z, true);
        return realPart(z, mean);
    }

    /** The dense covariance C[i][j] = c(i − j), c = F⁻¹ P (circular), for small images. */
    public double[][] covariance() {
        int n = height * width;
        double[] c = new double[2 * n];
        for (int k = 0; k < n; k++) {
            c[2 * k] = powerSpectrum[k];
        }
        fft.complexInverse(c, true);
        double[][] cov = new double[n][n];
        for (int i = 0; i < n; i++) {
            int ri = i / width;
            int ci = i % width;
            for (int j = 0; j < n; j++) {
                int dr = Math.floorMod(ri - j / width, height);
                int dc = Math.floorMod(ci - j % width, width);
                cov[i][j] = c[2 * (dr * width + dc)];
            }
        }
        return cov;
    }

    /** Periodogram |F_unitary(x − mean)|² of a real image, the estimator of P for one sample. */
    public static double[] periodogram(float[] image, int height, int width, double mean) {
        double[] z = toComplex(image, mean);
        new DoubleFFT_2D(height, width).complexForward(z);
        double[] p = new double[height * width];
        for (int k = 0; k < p.length; k++) {
            p[k] = (z[2 * k] * z[2 * k] + z[2 * k + 1] * z[2 * k + 1]) / p.length;
        }
        return p;
    }

    private static double[] toComplex(float[] x, double offset) {
        double[] z = new double[2 * x.length];
        for (int i = 0; i < x.length; i++) {
            z[2 * i] = x[i] - offset;
        }
        return z;
    }

    private static float[] realPart(double[] z, double offset) {
        float[] x = new float[z.length / 2];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (z[2 * i] + offset);
        }
        return x;
    }
}
