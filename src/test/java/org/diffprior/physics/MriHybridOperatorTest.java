package org.diffprior.physics;

/** The hybrid-space form of 8-coil Cartesian MRI with a 1-D mask ({@link RowHybridForm}) meets the operator contract. */
class MriHybridOperatorTest extends LinearOperatorContract {

    @Override
    protected LinearOperator operator() {
        float[] mask = SamplingMasks.random1d(20, 18, 3, 0.125, 2);
        CoilArray maps = CoilSensitivities.simulate(20, 18, 8);
        return RowHybridForm.of(new MultiCoilCartesianMri(20, 18, mask, maps.data(), maps.coils())).operator();
    }
}
