package org.diffprior.physics;

/**
 * The hybrid-space form of 8-coil Cartesian MRI ({@link RowHybridForm}) meets the operator contract, for a 1-D mask
 * whose sampled columns carry different weights (so that the normal operator must square them).
 */
class MriHybridOperatorTest extends LinearOperatorContract {

    @Override
    protected LinearOperator operator() {
        float[] mask = SamplingMasks.random1d(20, 18, 3, 0.125, 2);
        for (int i = 0; i < mask.length; i++) {
            mask[i] *= 0.3f + 0.7f * ((i % 18) * 5 % 7) / 6f;
        }
        CoilArray maps = CoilSensitivities.simulate(20, 18, 8);
        return RowHybridForm.of(new MultiCoilCartesianMri(20, 18, mask, maps.data(), maps.coils())).operator();
    }
}
