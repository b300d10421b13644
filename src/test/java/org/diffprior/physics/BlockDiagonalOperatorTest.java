package org.diffprior.physics;

/** {@link BlockDiagonal} of an MRI slice and a CT slice of different sizes meets the operator contract. */
class BlockDiagonalOperatorTest extends LinearOperatorContract {

    @Override
    protected LinearOperator operator() {
        float[] mask = SamplingMasks.random1d(12, 16, 2, 0.25, 3);
        return new BlockDiagonal(new LinearOperator[] {
                new CartesianMri(12, 16, mask), new ParallelBeamProjector(16, new double[] {0, 30, 75, 120})});
    }
}
