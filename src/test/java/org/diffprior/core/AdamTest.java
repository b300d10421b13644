package org.diffprior.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * Adam against the textbook algorithm (Kingma &amp; Ba 2015, Algorithm 1), written out independently here,
 * and against values printed by a plain Python transcription of it for three steps.
 */
class AdamTest {

    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.999;
    private static final double EPSILON = 1e-8;
    private static final double RATE = 0.01;
    private static final double[][] GRADIENTS = {{0.5, -0.1}, {-1.0, 0.2}, {0.25, 0.0}};

    @Test
    void threeStepsMatchTheTextbookAlgorithmWithBiasCorrection() {
        double[] textbook = {1.0, -2.0};
        double[] m = new double[2];
        double[] v = new double[2];
        double[] adam = textbook.clone();
        double[] adamM = new double[2];
        double[] adamV = new double[2];
        Adam optimiser = new Adam(BETA1, BETA2, EPSILON);
        for (int t = 1; t <= GRADIENTS.length; t++) {
            Adam.Step step = optimiser.step(t, RATE);
            for (int i = 0; i < 2; i++) {
                double g = GRADIENTS[t - 1][i];
                m[i] = BETA1 * m[i] + (1 - BETA1) * g;
                v[i] = BETA2 * v[i] + (1 - BETA2) * g * g;
                double mHat = m[i] / (1 - Math.pow(BETA1, t));
                double vHat = v[i] / (1 - Math.pow(BETA2, t));
                textbook[i] -= RATE * mHat / (Math.sqrt(vHat) + EPSILON);

                adamM[i] = step.firstMoment(adamM[i], g);
                adamV[i] = step.secondMoment(adamV[i], g);
                adam[i] -= step.change(adamM[i], adamV[i]);
            }
            assertEquals(textbook[0], adam[0], 1e-15);
            assertEquals(textbook[1], adam[1], 1e-15);
        }
        // Printed by the Python transcription: after steps 1, 2, 3 the parameters are
        // (0.9900000002, −1.990000001), (0.99366103542, −1.99366103604), (0.99502794203, −1.99649102669).
        assertEquals(0.9950279420338977, adam[0], 1e-12);
        assertEquals(-1.9964910266944256, adam[1], 1e-12);
    }

    @Test
    void theFirstStepMovesEachParameterByTheLearningRateAgainstItsGradientsSign() {
        // Bias correction makes m̂ = g and v̂ = g² at t = 1, so the step is rate · g / (|g| + ε).
        Adam.Step step = new Adam(BETA1, BETA2, EPSILON).step(1, RATE);
        for (double g : new double[] {3.0, -0.002, 1e-3}) {
            double change = step.change(step.firstMoment(0, g), step.secondMoment(0, g));
            assertEquals(RATE * g / (Math.abs(g) + EPSILON), change, 1e-15);
            assertEquals(RATE * Math.signum(g), change, 1e-5 * RATE); // ε/|g| ≤ 1e-5 here
        }
    }

    @Test
    void rejectsSettingsOutsideTheAlgorithmsRange() {
        assertThrows(IllegalArgumentException.class, () -> new Adam(1.0, 0.999, 1e-8));
        assertThrows(IllegalArgumentException.class, () -> new Adam(0.9, -0.1, 1e-8));
        assertThrows(IllegalArgumentException.class, () -> new Adam(0.9, 0.999, 0));
        assertThrows(IllegalArgumentException.class, () -> new Adam(0.9, 0.999, 1e-8).step(0, 0.1));
    }
}
