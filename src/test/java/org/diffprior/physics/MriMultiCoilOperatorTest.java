package org.diffprior.physics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** {@link MultiCoilCartesianMri} meets the operator contract; fully sampled it is an isometry. */
class MriMultiCoilOperatorTest extends LinearOperatorContract {

    @Override
    protected LinearOperator operator() {
        float[] mask = SamplingMasks.random1d(20, 16, 2, 0.125, 9);
        CoilArray maps = CoilSensitivities.simulate(20, 16, 4);
        return new MultiCoilCartesianMri(20, 16, mask, maps.data(), maps.coils());
    }

    @Test
    void fullySampledSenseAdjointReturnsTheImage() {
        CoilArray maps = CoilSensitivities.simulate(12, 10, 3);
        float[] mask = new float[12 * 10];
        java.util.Arrays.fill(mask, 1f);
        LinearOperator a = new MultiCoilCartesianMri(12, 10, mask, maps.data(), 3);
        float[] x = randomVector(a.inputSize(), 3);
        float[] back = new float[a.inputSize()];
        a.normal(x, back);
        for (int i = 0; i < x.length; i++) {
            assertEquals(x[i], back[i], 1e-5, "AᴴA ≠ I at " + i + " although Σ|S|² = 1 and nothing is masked");
        }
    }
}
