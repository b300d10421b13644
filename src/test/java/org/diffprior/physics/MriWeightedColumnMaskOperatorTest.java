package org.diffprior.physics;

/**
 * {@link CartesianMri} with a weighted mask that is constant down each column (weights in (0, 1], some zero) meets
 * the operator contract: its normal operator transforms the rows only and must square the weights, as
 * adjoint(apply) does.
 */
class MriWeightedColumnMaskOperatorTest extends LinearOperatorContract {

    @Override
    protected LinearOperator operator() {
        int height = 130;
        int width = 129;
        float[] mask = new float[height * width];
        for (int x = 0; x < width; x++) {
            float weight = x % 3 == 0 ? 0f : 0.25f + 0.75f * ((x * 37) % 11) / 10f;
            for (int y = 0; y < height; y++) {
                mask[y * width + x] = weight;
            }
        }
        return new CartesianMri(height, width, mask);
    }
}
