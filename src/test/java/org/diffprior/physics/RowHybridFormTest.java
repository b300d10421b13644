package org.diffprior.physics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * {@link RowHybridForm}: for a 1-D mask the hybrid operator and data give the same residual norm and the same
 * Aᴴ y as the operator on k-space, for every x (so solvers take the same iterates); a 2-D mask has no hybrid form.
 */
class RowHybridFormTest {

    @Test
    void singleCoilHybridKeepsResidualsAndBackProjection() {
        float[] mask = SamplingMasks.random1d(15, 24, 3, 0.125, 5);
        check(new CartesianMri(15, 24, mask), 1);
    }

    @Test
    void multiCoilHybridKeepsResidualsAndBackProjection() {
        float[] mask = SamplingMasks.random1d(20, 16, 2, 0.125, 9);
        CoilArray maps = CoilSensitivities.simulate(20, 16, 4);
        check(new MultiCoilCartesianMri(20, 16, mask, maps.data(), maps.coils()), 2);
    }

    @Test
    void phaseConstrainedHybridKeepsResidualsAndBackProjection() {
        float[] mask = SamplingMasks.random1d(16, 18, 3, 0.125, 4);
        float[] phase = new float[16 * 18];
        for (int i = 0; i < phase.length; i++) {
            phase[i] = (float) (0.8 * Math.sin(i * 0.05));
        }
        check(new PhaseConstrained(new CartesianMri(16, 18, mask), phase), 3);
    }

    @Test
    void aTwoDimensionalMaskHasNoHybridForm() {
        float[] mask = SamplingMasks.poissonDisc2d(32, 32, 4, 0.1, 1);
        CoilArray maps = CoilSensitivities.simulate(32, 32, 2);
        assertNull(RowHybridForm.of(new CartesianMri(32, 32, mask)));
        assertNull(RowHybridForm.of(new MultiCoilCartesianMri(32, 32, mask, maps.data(), 2)));
        assertNull(RowHybridForm.of(new PhaseConstrained(new CartesianMri(32, 32, mask), null)));
        // A solve then runs on the operator itself and a copy of its k-space.
        CartesianMri a = new CartesianMri(32, 32, mask);
        RowHybridForm.Hybrid itself = RowHybridForm.orItself(a);
        assertSame(a, itself.operator());
        float[] y = LinearOperatorContract.randomVector(a.outputSize(), 4);
        float[] data = itself.measurements().apply(y);
        assertNotSame(y, data);
        assertArrayEquals(y, data, 0f);
    }

    private static void check(LinearOperator a, long seed) {
        RowHybridForm.Hybrid hybrid = RowHybridForm.of(a);
        assertNotNull(hybrid, "a 1-D mask has a hybrid form");
        assertNotSame(a, RowHybridForm.orItself(a).operator(), "and a solve runs on it");
        LinearOperator h = hybrid.operator();
        // Measured data: A of some image plus noise on the sampled points only (A y's zero pattern).
        float[] truth = LinearOperatorContract.randomVector(a.inputSize(), seed);
        float[] y = new float[a.outputSize()];
        a.apply(truth, y);
        Random random = new Random(seed + 1);
        for (int i = 0; i < y.length; i++) {
            if (y[i] != 0) {
                y[i] += (float) (0.3 * random.nextGaussian());
            }
        }
        float[] before = y.clone();
        float[] yh = hybrid.measurements().apply(y);
        assertEquals(java.util.Arrays.toString(before), java.util.Arrays.toString(y), "the k-space was modified");
        for (int trial = 0; trial < 3; trial++) {
            float[] x = LinearOperatorContract.randomVector(a.inputSize(), seed * 10 + trial);
            assertEquals(residual(a, x, y), residual(h, x, yh), 1e-5 * residual(a, x, y),
                    "‖A_h x − F_yᴴ y‖ differs from ‖A x − y‖");
        }
        float[] back = new float[a.inputSize()];
        float[] backHybrid = new float[a.inputSize()];
        a.adjoint(y, back);
        h.adjoint(yh, backHybrid);
        double scale = 0;
        for (float v : back) {
            scale = Math.max(scale, Math.abs(v));
        }
        for (int i = 0; i < back.length; i++) {
            assertEquals(back[i], backHybrid[i], 1e-5 * scale, "A_hᴴ F_yᴴ y differs from Aᴴ y at " + i);
        }
    }

    private static double residual(LinearOperator a, float[] x, float[] y) {
        float[] ax = new float[a.outputSize()];
        a.apply(x, ax);
        double sum = 0;
        for (int i = 0; i < ax.length; i++) {
            double d = ax[i] - y[i];
            sum += d * d;
        }
        return Math.sqrt(sum);
    }
}
