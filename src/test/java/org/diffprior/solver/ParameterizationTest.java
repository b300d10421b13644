package org.diffprior.solver;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Random;

import org.junit.jupiter.api.Test;

class ParameterizationTest {

    private static float[] gaussian(Random random, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return v;
    }

    @Test
    void trainingTargetsOfEveryParameterizationRecoverTheCleanImage() {
        Random random = new Random(1);
        float[] x0 = gaussian(random, 50);
        float[] eps = gaussian(random, 50);
        for (double alpha : new double[] {0.02, 0.6, 0.999}) {
            double sigma = Math.sqrt(1 - alpha * alpha);
            float[] xt = new float[50];
            for (int i = 0; i < 50; i++) {
                xt[i] = (float) (alpha * x0[i] + sigma * eps[i]);
            }
            for (Parameterization p : Parameterization.values()) {
                float[] prediction = p.target(x0, eps, alpha, sigma);
                // a perfect network's output converts back to x0; ε-pred loses precision by σ/α
                double tolerance = p == Parameterization.EPS ? 2e-6 / alpha : 2e-6;
                assertArrayEquals(x0, p.toX0(prediction, xt, alpha, sigma), (float) tolerance, p + " at " + alpha);
                assertArrayEquals(prediction, p.fromX0(x0, xt, alpha, sigma), (float) (1e-5 / sigma), p.name());
            }
            assertArrayEquals(eps, Parameterization.epsFromX0(x0, xt, alpha, sigma), (float) (1e-5 / sigma));
        }
    }

    @Test
    void tweedieWithTheExactScoreOfAGaussianGivesItsPosteriorMean() {
        // x0 ~ N(m, c) per value: p_t = N(αm, α²c + σ²), score −(x − αm)/(α²c + σ²),
        // posterior mean m + αc (x − αm)/(α²c + σ²).
        double m = 0.3;
        double c = 2.0;
        double alpha = 0.7;
        double sigma = Math.sqrt(1 - alpha * alpha);
        float[] xt = {-1.5f, 0f, 0.4f, 2.2f};
        float[] score = new float[4];
        float[] expected = new float[4];
        for (int i = 0; i < 4; i++) {
            double v = alpha * alpha * c + sigma * sigma;
            score[i] = (float) (-(xt[i] - alpha * m) / v);
            expected[i] = (float) (m + alpha * c * (xt[i] - alpha * m) / v);
        }
        assertArrayEquals(expected, Parameterization.tweedie(xt, score, alpha, sigma), 1e-6f);
    }
}
