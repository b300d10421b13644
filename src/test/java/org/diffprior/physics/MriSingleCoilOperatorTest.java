package org.diffprior.physics;

/** {@link CartesianMri} with an odd-sized image and a random 1-D mask meets the operator contract. */
class MriSingleCoilOperatorTest extends LinearOperatorContract {

    @Override
    protected LinearOperator operator() {
        float[] mask = SamplingMasks.random1d(15, 24, 3, 0.125, 5);
        return new CartesianMri(15, 24, mask);
    }
}
