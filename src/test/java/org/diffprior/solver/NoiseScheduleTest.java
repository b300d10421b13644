package org.diffprior.solver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.diffprior.core.InvalidInputException;
import org.junit.jupiter.api.Test;

class NoiseScheduleTest {

    @Test
    void cosineScheduleWithoutShiftIsTheAngleScheduleBetweenClippedEnds() {
        // ADS's angle schedule: α = cos φ, φ linear in t from arccos(α_max) to arccos(α_min).
        CosineSchedule schedule = new CosineSchedule(0.02, 0.95, 64);
        double start = Math.acos(0.95);
        double end = Math.acos(0.02);
        for (double t = 0; t <= 1.0; t += 0.125) {
            double phi = start + t * (end - start);
            assertEquals(Math.cos(phi), schedule.alpha(t), 1e-12);
            assertEquals(Math.sin(phi), schedule.sigma(t), 1e-12);
        }
    }

    @Test
    void resolutionShiftMovesLogSnrByLogOf64OverResolutionAndKeepsClipping() {
        CosineSchedule shifted = new CosineSchedule(0.02, 0.999, 256);
        assertEquals(0.999, shifted.alpha(0), 1e-12);
        assertEquals(0.02, shifted.alpha(1), 1e-12);
        // Removing the shift must give u = (2/π) atan(exp(−λ₀)) that is affine in t.
        double shift = Math.log(64.0 / 256);
        double[] u = new double[5];
        for (int i = 0; i < 5; i++) {
            u[i] = 2 / Math.PI * Math.atan(Math.exp(-(shifted.logSnr(i / 4.0) - shift)));
        }
        for (int i = 1; i < 4; i++) {
            assertEquals(u[0] + i / 4.0 * (u[4] - u[0]), u[i], 1e-12);
        }
        // Larger images are noised more at the same t.
        CosineSchedule unshifted = new CosineSchedule(0.02, 0.999, 64);
        assertTrue(shifted.sigma(0.3) > unshifted.sigma(0.3));
    }

    @Test
    void aPositiveShiftIsTheScheduleOfASmallerResolutionAndPutsMoreTimeAtLowNoise() {
        CosineSchedule up = CosineSchedule.withShift(Math.log(16));
        CosineSchedule four = new CosineSchedule(0.02, 0.999, 4);
        CosineSchedule none = new CosineSchedule(0.02, 0.999, 64);
        for (int i = 0; i <= 10; i++) {
            assertEquals(four.logSnr(i / 10.0), up.logSnr(i / 10.0), 1e-12);
            assertEquals(none.logSnr(i / 10.0), CosineSchedule.withShift(0).logSnr(i / 10.0), 1e-12);
        }
        assertEquals(0.999, up.alpha(0), 1e-12);
        assertEquals(0.02, up.alpha(1), 1e-12);
        // Half of a uniform time grid lies where alpha is at least 0.99 (noise below 15 % in network units).
        assertTrue(up.alpha(0.5) > 0.99 && none.alpha(0.5) < 0.9, up.alpha(0.5) + " " + none.alpha(0.5));
    }

    @Test
    void logSnrIsDecreasingAndInvertible() {
        for (NoiseSchedule schedule : new NoiseSchedule[] {CosineSchedule.forResolution(128),
                LinearBetaSchedule.ddpm()}) {
            double previous = Double.POSITIVE_INFINITY;
            for (int i = 0; i <= 200; i++) {
                double t = schedule.tMin() + i / 200.0 * (schedule.tMax() - schedule.tMin());
                double lambda = schedule.logSnr(t);
                assertTrue(lambda < previous, schedule + " at " + t);
                previous = lambda;
                double a = schedule.alpha(t);
                double s = schedule.sigma(t);
                assertEquals(1.0, a * a + s * s, 1e-12);
                assertEquals(Math.log(a / s), lambda, 1e-9);
                assertEquals(t, schedule.timeOfLogSnr(lambda), 1e-9);
                assertEquals(t, schedule.timeOfAlpha(a), 1e-7);
            }
        }
    }

    @Test
    void linearBetaScheduleMatchesNumpyCumprod() {
        // Printed by scripts/ddpm_alphabar.py (numpy: cumprod(1 - linspace(1e-4, 0.02, 1000))).
        int[] index = {0, 20, 100, 200, 500, 800, 999};
        double[] expected = {0.9999, 0.9937354285721993, 0.8951415908975365, 0.6563470055193468,
                0.07779665836502389, 0.0015075210597816765, 4.035829765375676e-05};
        LinearBetaSchedule schedule = LinearBetaSchedule.ddpm();
        for (int i = 0; i < index.length; i++) {
            int n = index[i];
            assertEquals(expected[i], schedule.alphaBar(n), 1e-12 * Math.max(1, 1 / expected[i]));
            double t = (n + 1) / 1000.0; // DPM-Solver's continuous view: index n sits at t = (n+1)/T
            assertEquals(expected[i], schedule.alpha(t) * schedule.alpha(t), 1e-10);
            assertEquals(n, schedule.networkIndex(t), 1e-9);
        }
    }

    @Test
    void timeGridsAreUniformInTheirVariable() {
        NoiseSchedule schedule = CosineSchedule.forResolution(64);
        double[] time = TimeGrid.UNIFORM_TIME.times(schedule, 11);
        double[] snr = TimeGrid.UNIFORM_LOG_SNR.times(schedule, 11);
        assertEquals(1.0, time[0], 0);
        assertEquals(0.0, time[10], 0);
        assertEquals(1.0, snr[0], 0);
        assertEquals(0.0, snr[10], 0);
        double step = schedule.logSnr(snr[1]) - schedule.logSnr(snr[0]);
        for (int i = 1; i < 11; i++) {
            assertEquals(-0.1, time[i] - time[i - 1], 1e-12);
            assertEquals(step, schedule.logSnr(snr[i]) - schedule.logSnr(snr[i - 1]), 1e-9);
        }
    }

    @Test
    void rejectsImpossibleClipping() {
        assertThrows(InvalidInputException.class, () -> new CosineSchedule(0.5, 0.4, 64));
        assertThrows(InvalidInputException.class, () -> new CosineSchedule(0.02, 1.0, 64));
    }
}
