package org.diffprior.physics;

/**
 * {@link MultiCoilCartesianMri} with a 2-D Poisson-disc mask meets the operator contract: its normal operator
 * transforms both axes, where a 1-D mask's transforms only the rows. At 128×136 the transforms called from the test
 * thread also share their passes out to the common pool.
 */
class MriMultiCoilPoissonOperatorTest extends LinearOperatorContract {

    @Override
    protected LinearOperator operator() {
        float[] mask = SamplingMasks.poissonDisc2d(128, 136, 6, 0.04, 3);
        CoilArray maps = CoilSensitivities.simulate(128, 136, 3);
        return new MultiCoilCartesianMri(128, 136, mask, maps.data(), maps.coils());
    }
}
