package org.diffprior.physics;

/** {@link PhaseConstrained} over multi-coil MRI with a non-trivial phase meets the operator contract. */
class PhaseConstrainedOperatorTest extends LinearOperatorContract {

    @Override
    protected LinearOperator operator() {
        int height = 12;
        int width = 16;
        float[] mask = SamplingMasks.random1d(height, width, 2, 0.25, 3);
        float[] maps = CoilSensitivities.simulate(height, width, 3).data();
        float[] phase = new float[height * width];
        for (int i = 0; i < phase.length; i++) {
            phase[i] = (float) (0.3 * (i % width) - 0.2 * (i / width));
        }
        return new PhaseConstrained(new MultiCoilCartesianMri(height, width, mask, maps, 3), phase);
    }
}
