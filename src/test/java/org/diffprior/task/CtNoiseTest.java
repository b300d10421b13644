package org.diffprior.task;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.diffprior.core.InvalidInputException;
import org.diffprior.physics.TransmissionNoise;
import org.junit.jupiter.api.Test;

class CtNoiseTest {

    @Test
    void varianceMatchesTheSpreadOfSimulatedPhotonNoise() {
        // Line integrals from 0 to 150 (up to e^-3 transmission at k = 0.02): the first-order variance
        // e^(kp) / (I0 k²) against the empirical variance of exact Poisson counts.
        int rays = 200_000;
        float[] clean = new float[rays];
        for (int i = 0; i < rays; i++) {
            clean[i] = (float) (150.0 * (i % 100) / 99);
        }
        double i0 = 1e5;
        double k = 0.02;
        float[] noisy = TransmissionNoise.apply(clean, i0, k, 11);
        double empirical = 0;
        for (int i = 0; i < rays; i++) {
            empirical += (noisy[i] - clean[i]) * (double) (noisy[i] - clean[i]);
        }
        CtNoise noise = new CtNoise(i0, k);
        double predicted = noise.variance(clean);
        double fromNoisy = noise.variance(noisy);
        assertTrue(Math.abs(predicted / empirical - 1) < 0.03, "predicted " + predicted + ", empirical " + empirical);
        assertTrue(Math.abs(fromNoisy / empirical - 1) < 0.03, "plug-in " + fromNoisy + ", empirical " + empirical);
    }

    @Test
    void rejectsNonPositivePhotonCountsAndAttenuation() {
        assertThrows(InvalidInputException.class, () -> new CtNoise(0, 0.02));
        assertThrows(InvalidInputException.class, () -> new CtNoise(1e5, -1));
        assertThrows(InvalidInputException.class, () -> new CtNoise(Double.NaN, 0.02));
    }
}
