package org.diffprior.solver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.diffprior.prior.GaussianPriorDenoiser;
import org.diffprior.prior.MixturePriorDenoiser;
import org.junit.jupiter.api.Test;

/** Sampling with a prior denoiser and no measurement must reproduce the prior. */
class UnconditionalSamplingTest {

    @Test
    void samplesReproduceTheGaussianPriorsPowerSpectrum() {
        int size = 16;
        GaussianPriorDenoiser prior = GaussianPriorDenoiser.powerLaw(size, size, 3.0, 0.12, 1.0, 0.3);
        int particles = 600;
        SamplingResult result = DiffusionSolver.run(prior, SamplingRequest.builder(size, size)
                .schedule(new CosineSchedule(1e-3, 0.99999, 16)).particles(particles).steps(30)
                .method(SamplerMethod.DPM_SOLVER_2M).timeGrid(TimeGrid.UNIFORM_LOG_SNR).seed(8).build());
        double[] expected = prior.powerSpectrum();
        double[] measured = new double[expected.length];
        for (float[] sample : result.samples()) {
            double[] p = GaussianPriorDenoiser.periodogram(sample, size, size, prior.mean());
            for (int k = 0; k < p.length; k++) {
                measured[k] += p[k] / particles;
            }
        }
        // Compare in radial frequency bins (each averages several coefficients and all particles).
        int bins = 6;
        double[] expectedBin = new double[bins];
        double[] measuredBin = new double[bins];
        for (int r = 0; r < size; r++) {
            for (int c = 0; c < size; c++) {
                double fy = Math.min(r, size - r);
                double fx = Math.min(c, size - c);
                int bin = Math.min(bins - 1, (int) (Math.hypot(fy, fx) * bins / (size / 2.0 * Math.sqrt(2))));
                expectedBin[bin] += expected[r * size + c];
                measuredBin[bin] += measured[r * size + c];
            }
        }
        for (int b = 0; b < bins; b++) {
            double ratio = measuredBin[b] / expectedBin[b];
            System.out.printf("power spectrum bin %d: sampled / prior = %.3f%n", b, ratio);
            assertEquals(1.0, ratio, 0.08, "bin " + b); // 30 DPM-Solver++ steps leave ~2 % variance error
        }
        double sampleMean = 0;
        for (float v : result.mean()) {
            sampleMean += v / result.mean().length;
        }
        assertEquals(prior.mean(), sampleMean, 0.05);
    }

    @Test
    void mixturePriorSamplesAreTheMixturesImages() {
        Random random = new Random(6);
        float[][] images = new float[4][64];
        for (float[] image : images) {
            for (int i = 0; i < 64; i++) {
                image[i] = (float) random.nextGaussian();
            }
        }
        MixturePriorDenoiser prior = new MixturePriorDenoiser(1, images, null);
        for (SamplerMethod method : new SamplerMethod[] {SamplerMethod.DDIM, SamplerMethod.DPM_SOLVER_2M,
                SamplerMethod.ANCESTRAL}) {
            SamplingResult result = DiffusionSolver.run(prior, SamplingRequest.builder(8, 8).particles(48).steps(30)
                    .method(method).seed(12).build());
            boolean[] hit = new boolean[4];
            for (float[] sample : result.samples()) {
                int nearest = -1;
                double best = Double.POSITIVE_INFINITY;
                for (int k = 0; k < 4; k++) {
                    double d = GaussianReference.relativeDistance(sample, DenseMatrixOperator.toDouble(images[k]));
                    if (d < best) {
                        best = d;
                        nearest = k;
                    }
                }
                assertTrue(best < 1e-4, method + ": a sample is " + best + " away from every image");
                hit[nearest] = true;
            }
            for (int k = 0; k < 4; k++) {
                assertTrue(hit[k], method + " never produced image " + k);
            }
        }
    }
}
