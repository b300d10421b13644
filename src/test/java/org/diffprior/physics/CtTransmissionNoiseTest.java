package org.diffprior.physics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CtTransmissionNoiseTest {

    @ParameterizedTest
    @ValueSource(doubles = {0.5, 4, 9.9, 10, 37, 1800, 1e5})
    void poissonVariatesHaveThePoissonMeanAndVariance(double mean) {
        SplittableRandom random = new SplittableRandom(7);
        int samples = 200_000;
        double sum = 0;
        double sumSquares = 0;
        for (int i = 0; i < samples; i++) {
            long k = TransmissionNoise.poisson(mean, random);
            sum += k;
            sumSquares += (double) k * k;
        }
        double sampleMean = sum / samples;
        double sampleVariance = sumSquares / samples - sampleMean * sampleMean;
        // Five standard errors of the mean; the variance estimate of a Poisson has relative s.e. ≈ √(2/n).
        assertEquals(mean, sampleMean, 5 * Math.sqrt(mean / samples), "mean");
        assertEquals(mean, sampleVariance, mean * 5 * Math.sqrt(2.0 / samples + 1 / (mean * samples)), "variance");
    }

    @Test
    void logFactorialMatchesTheExactSum() {
        double exact = 0;
        for (int k = 2; k <= 200; k++) {
            exact += Math.log(k);
            assertEquals(exact, TransmissionNoise.logFactorial(k), 1e-9 * Math.max(1, exact), "k = " + k);
        }
    }

    @Test
    void noisyLineIntegralsAreUnbiasedToFirstOrderWithTheExpectedSpread() {
        float[] p = new float[100_000];
        java.util.Arrays.fill(p, 100f);
        double i0 = 1e5;
        double k = 0.02;
        float[] noisy = TransmissionNoise.apply(p, i0, k, 3);
        double mean = 0;
        for (float v : noisy) {
            mean += v;
        }
        mean /= noisy.length;
        double variance = 0;
        for (float v : noisy) {
            variance += (v - mean) * (v - mean);
        }
        variance /= noisy.length;
        // Delta method: Var(−ln(N/I0)/k) ≈ 1 / (k² · I0 e^(−k p)).
        double expectedVariance = 1 / (k * k * i0 * Math.exp(-k * 100));
        assertEquals(100, mean, 0.01);
        assertEquals(expectedVariance, variance, 0.03 * expectedVariance);
    }
}
