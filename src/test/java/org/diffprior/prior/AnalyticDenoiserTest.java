package org.diffprior.prior;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.diffprior.core.InvalidInputException;
import org.junit.jupiter.api.Test;

/** The analytic denoisers against independent closed forms. */
class AnalyticDenoiserTest {

    private static float[] gaussian(Random random, int n, double scale) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (scale * random.nextGaussian());
        }
        return v;
    }

    @Test
    void stationaryCovarianceIsTheCirculantCosineSumOfThePowerSpectrum() {
        int h = 4;
        int w = 6;
        GaussianPriorDenoiser prior = GaussianPriorDenoiser.powerLaw(h, w, 2.0, 0.2, 1.5, 0.0);
        double[] p = prior.powerSpectrum();
        double[][] c = prior.covariance();
        for (int i = 0; i < h * w; i++) {
            for (int j = 0; j < h * w; j++) {
                double dy = i / w - j / w;
                double dx = i % w - j % w;
                double sum = 0;
                for (int k = 0; k < h * w; k++) {
                    sum += p[k] * Math.cos(2 * Math.PI * ((k / w) * dy / h + (k % w) * dx / w));
                }
                assertEquals(sum / (h * w), c[i][j], 1e-12);
            }
        }
        assertEquals(1.5, c[0][0], 1e-12); // per-pixel variance as requested
    }

    @Test
    void wienerFilterEqualsDenseGaussianDenoiserOfTheSameCovariance() {
        int n = 8;
        GaussianPriorDenoiser stationary = GaussianPriorDenoiser.powerLaw(n, n, 3.0, 0.15, 1.0, 0.4);
        double[] mean = new double[n * n];
        java.util.Arrays.fill(mean, 0.4);
        GaussianPosteriorDenoiser dense = new GaussianPosteriorDenoiser(1, mean, stationary.covariance());
        Random random = new Random(1);
        float[][] xt = {gaussian(random, n * n, 1), gaussian(random, n * n, 1), gaussian(random, n * n, 1)};
        double[] alpha = {0.05, 0.7, 0.999};
        double[] sigma = new double[3];
        for (int i = 0; i < 3; i++) {
            sigma[i] = Math.sqrt(1 - alpha[i] * alpha[i]);
        }
        float[][] copy = {xt[0].clone(), xt[1].clone(), xt[2].clone()};
        float[][] a = stationary.denoise(xt, n, n, alpha, sigma);
        float[][] b = dense.denoise(xt, n, n, alpha, sigma);
        for (int i = 0; i < 3; i++) {
            assertArrayEquals(b[i], a[i], 2e-5f);
            assertArrayEquals(copy[i], xt[i]); // input untouched
        }
    }

    @Test
    void posteriorMeanAndCovarianceMatchTheInformationForm() {
        // Independent formula: Σ = (C⁻¹ + AᵀA/s²)⁻¹, μ = Σ (C⁻¹ m + Aᵀ y / s²).
        int n = 12;
        int m = 5;
        Random random = new Random(2);
        double[][] b = new double[n][n];
        double[][] c = new double[n][n];
        for (double[] row : b) {
            for (int j = 0; j < n; j++) {
                row[j] = random.nextGaussian();
            }
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                for (int k = 0; k < n; k++) {
                    c[i][j] += b[i][k] * b[j][k] / n;
                }
            }
            c[i][i] += 0.1;
        }
        double[][] a = new double[m][n];
        for (double[] row : a) {
            for (int j = 0; j < n; j++) {
                row[j] = random.nextGaussian();
            }
        }
        double[] priorMean = new double[n];
        for (int i = 0; i < n; i++) {
            priorMean[i] = random.nextGaussian();
        }
        double[] y = new double[m];
        for (int i = 0; i < m; i++) {
            y[i] = random.nextGaussian();
        }
        double s = 0.3;
        GaussianPosteriorDenoiser posterior = GaussianPosteriorDenoiser.posterior(1, priorMean, c, a, y, s);

        RealMatrix cInverse = new LUDecomposition(new Array2DRowRealMatrix(c)).getSolver().getInverse();
        RealMatrix am = new Array2DRowRealMatrix(a);
        RealMatrix precision = cInverse.add(am.transpose().multiply(am).scalarMultiply(1 / (s * s)));
        RealMatrix sigma = new LUDecomposition(precision).getSolver().getInverse();
        double[] information = cInverse.operate(priorMean);
        double[] aty = am.transpose().operate(y);
        for (int i = 0; i < n; i++) {
            information[i] += aty[i] / (s * s);
        }
        double[] mu = sigma.operate(information);
        assertArrayEquals(mu, posterior.mean(), 1e-9);
        double[][] expected = sigma.getData();
        double[][] actual = posterior.covariance();
        for (int i = 0; i < n; i++) {
            assertArrayEquals(expected[i], actual[i], 1e-9);
        }
    }

    @Test
    void denseDenoiserMatchesTheScalarFormulaForADiagonalCovariance() {
        double[] mean = {0.5, -1, 2, 0};
        double[][] covariance = new double[4][4];
        double[] variance = {0.1, 1, 4, 0};
        for (int i = 0; i < 4; i++) {
            covariance[i][i] = variance[i];
        }
        GaussianPosteriorDenoiser denoiser = new GaussianPosteriorDenoiser(2, mean, covariance);
        float[] xt = {0.3f, -0.2f, 1.0f, 5.0f};
        double alpha = 0.6;
        double sigma = 0.8;
        float[] x0 = denoiser.denoise(new float[][] {xt}, 1, 2, new double[] {alpha}, new double[] {sigma})[0];
        for (int i = 0; i < 4; i++) {
            double expected = mean[i] + alpha * variance[i] * (xt[i] - alpha * mean[i])
                    / (alpha * alpha * variance[i] + sigma * sigma);
            assertEquals(expected, x0[i], 1e-6);
        }
    }

    @Test
    void mixtureWeightsAreTheSoftmaxOfGaussianLikelihoodsAndStableForTinyNoise() {
        Random random = new Random(3);
        float[][] images = {gaussian(random, 10, 1), gaussian(random, 10, 1), gaussian(random, 10, 1)};
        double[] weights = {0.5, 0.3, 0.2};
        MixturePriorDenoiser mixture = new MixturePriorDenoiser(1, images, weights);
        float[] xt = gaussian(random, 10, 1);
        double alpha = 0.5;
        double sigma = Math.sqrt(0.75) * 3; // moderate: plain exponentials do not under/overflow here
        double[] plain = new double[3];
        double sum = 0;
        for (int k = 0; k < 3; k++) {
            double d = 0;
            for (int i = 0; i < 10; i++) {
                d += Math.pow(xt[i] - alpha * images[k][i], 2);
            }
            plain[k] = weights[k] * Math.exp(-d / (2 * sigma * sigma));
            sum += plain[k];
        }
        double[] posterior = mixture.weights(xt, alpha, sigma);
        float[] x0 = mixture.denoise(new float[][] {xt}, 1, 10, new double[] {alpha}, new double[] {sigma})[0];
        for (int k = 0; k < 3; k++) {
            assertEquals(plain[k] / sum, posterior[k], 1e-12);
        }
        for (int i = 0; i < 10; i++) {
            double expected = 0;
            for (int k = 0; k < 3; k++) {
                expected += plain[k] / sum * images[k][i];
            }
            assertEquals(expected, x0[i], 1e-6);
        }
        // σ = 1e-6 and a 1e-4 offset: every plain exponential (exp(−5000) and less) underflows to 0, so the
        // naive ratio is 0/0; the stable softmax still returns the nearest image.
        float[] near = images[1].clone();
        near[0] += 1e-4f;
        float[] tiny = mixture.denoise(new float[][] {near}, 1, 10, new double[] {1.0}, new double[] {1e-6})[0];
        assertArrayEquals(images[1], tiny, 0f);
    }

    @Test
    void badInputsAreRejectedWithOneLineMessages() {
        double[] asymmetric = new double[16];
        asymmetric[1] = 1; // P[(0,1)] without its mirror P[(0,3)]
        assertThrows(InvalidInputException.class, () -> new GaussianPriorDenoiser(4, 4, asymmetric, 0));
        assertThrows(InvalidInputException.class, () -> new MixturePriorDenoiser(1, new float[0][], null));
        GaussianPriorDenoiser prior = GaussianPriorDenoiser.powerLaw(4, 4, 2, 0.2, 1, 0);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> prior.denoise(
                new float[][] {new float[25]}, 5, 5, new double[] {1}, new double[] {0.1}));
        assertTrue(e.getMessage().contains("4x4"));
    }
}
