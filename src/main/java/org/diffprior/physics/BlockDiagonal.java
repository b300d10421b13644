package org.diffprior.physics;

/**
 * Independent operators side by side: x = (x_1, …, x_n) concatenated, y = (A_1 x_1, …, A_n x_n). Lets one
 * posterior-sampling run reconstruct several slices, each with its own measurement, while the slices go
 * through the network together as one batch.
 *
 * <pre>{@code
 * LinearOperator slices = new BlockDiagonal(new LinearOperator[] {sliceA, sliceB});
 * }</pre>
 */
public final class BlockDiagonal implements LinearOperator {

    private final LinearOperator[] blocks;
    private final int inputSize;
    private final int outputSize;

    public BlockDiagonal(LinearOperator[] blocks) {
        if (blocks.length == 0) {
            throw new IllegalArgumentException("a block-diagonal operator needs at least one block");
        }
        this.blocks = blocks.clone();
        int in = 0;
        int out = 0;
        for (LinearOperator block : blocks) {
            in += block.inputSize();
            out += block.outputSize();
        }
        this.inputSize = in;
        this.outputSize = out;
    }

    @Override
    public int inputSize() {
        return inputSize;
    }

    @Override
    public int outputSize() {
        return outputSize;
    }

    @Override
    public void apply(float[] x, float[] y) {
        int in = 0;
        int out = 0;
        for (LinearOperator block : blocks) {
            float[] xi = java.util.Arrays.copyOfRange(x, in, in + block.inputSize());
            float[] yi = new float[block.outputSize()];
            block.apply(xi, yi);
            System.arraycopy(yi, 0, y, out, yi.length);
            in += block.inputSize();
            out += block.outputSize();
        }
    }

    @Override
    public void adjoint(float[] y, float[] x) {
        int in = 0;
        int out = 0;
        for (LinearOperator block : blocks) {
            float[] yi = java.util.Arrays.copyOfRange(y, out, out + block.outputSize());
            float[] xi = new float[block.inputSize()];
            block.adjoint(yi, xi);
            System.arraycopy(xi, 0, x, in, xi.length);
            in += block.inputSize();
            out += block.outputSize();
        }
    }
}
