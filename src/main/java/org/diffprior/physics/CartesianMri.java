package org.diffprior.physics;

/**
 * Single-coil Cartesian MRI: y = M ⊙ F x with the centred orthonormal DFT F ({@link CenteredFft2}) and a
 * real 0/1 (or weighting) mask M of H×W. Input and output are complex H×W, row-major, interleaved; unsampled
 * k-space points are zero in y. Since F is unitary and M is 0/1, AᴴA is a projection and ||A|| = 1.
 *
 * <pre>{@code
 * CartesianMri a = new CartesianMri(256, 256, mask);
 * float[] kspace = new float[a.outputSize()];
 * a.apply(image, kspace);
 * }</pre>
 */
public final class CartesianMri implements LinearOperator {

    private final int height;
    private final int width;
    private final float[] mask;
    private final CenteredFft2 fft;

    /** @param mask H·W weights, row-major (1 = sampled, 0 = not) */
    public CartesianMri(int height, int width, float[] mask) {
        if (mask.length != height * width) {
            throw new IllegalArgumentException("mask has " + mask.length + " pixels, expected " + height + "x" + width);
        }
        this.height = height;
        this.width = width;
        this.mask = mask.clone();
        this.fft = new CenteredFft2(height, width);
    }

    public int height() {
        return height;
    }

    public int width() {
        return width;
    }

    @Override
    public int inputSize() {
        return 2 * height * width;
    }

    @Override
    public int outputSize() {
        return 2 * height * width;
    }

    @Override
    public void apply(float[] x, float[] y) {
        System.arraycopy(x, 0, y, 0, inputSize());
        fft.forward(y);
        applyMask(mask, y, 0);
    }

    @Override
    public void adjoint(float[] y, float[] x) {
        System.arraycopy(y, 0, x, 0, outputSize());
        applyMask(mask, x, 0);
        fft.inverse(x);
    }

    @Override
    public void normal(float[] x, float[] out) {
        System.arraycopy(x, 0, out, 0, inputSize());
        fft.forward(out);
        // M is applied twice in AᴴA; M² = M only for 0/1 masks, so square general weights explicitly.
        for (int i = 0; i < mask.length; i++) {
            float w = mask[i] * mask[i];
            out[2 * i] *= w;
            out[2 * i + 1] *= w;
        }
        fft.inverse(out);
    }

    /** Multiplies the complex image at {@code offset} pixel-wise by the real mask. */
    static void applyMask(float[] mask, float[] data, int offset) {
        for (int i = 0; i < mask.length; i++) {
            data[offset + 2 * i] *= mask[i];
            data[offset + 2 * i + 1] *= mask[i];
        }
    }
}
