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
public final class CartesianMri implements LinearOperator, RowHybridForm {

    private final int height;
    private final int width;
    private final float[] mask;
    /** M² per column when M is constant down every column (a 1-D mask), else null: see {@link #normal}. */
    private final float[] columnWeights;
    /** M², applied once in the normal operator of a 2-D mask. */
    private final float[] squaredMask;
    private final CenteredFft2 fft;

    /** @param mask H·W weights, row-major (1 = sampled, 0 = not) */
    public CartesianMri(int height, int width, float[] mask) {
        if (mask.length != height * width) {
            throw new IllegalArgumentException("mask has " + mask.length + " pixels, expected " + height + "x" + width);
        }
        this.height = height;
        this.width = width;
        this.mask = mask.clone();
        this.columnWeights = squaredColumnWeights(mask, height, width);
        this.squaredMask = squared(mask);
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

    /**
     * AᴴA x = Fᴴ M² F x; M is applied twice, and M² = M only for 0/1 masks, so general weights are squared. For a
     * mask constant down each column only the rows are transformed ({@link CenteredFft2#forwardRows}): half the work.
     */
    @Override
    public void normal(float[] x, float[] out) {
        System.arraycopy(x, 0, out, 0, inputSize());
        maskedProjection(fft, columnWeights, squaredMask, out, 0);
    }

    /**
     * In place on the image at {@code offset}: Fᴴ M² F, through the rows only when {@code columnWeights} (M² per column
     * of a 1-D mask) is given, else through both axes with {@code squaredMask}. The normal operators of one and of
     * several coils share it.
     */
    static void maskedProjection(CenteredFft2 fft, float[] columnWeights, float[] squaredMask, float[] data,
            int offset) {
        if (columnWeights != null) {
            fft.forwardRows(data, offset);
            applyColumnWeights(columnWeights, data, offset, fft.height());
            fft.inverseRows(data, offset);
        } else {
            fft.forward(data, offset);
            applyMask(squaredMask, data, offset);
            fft.inverse(data, offset);
        }
    }

    /** M² pixel by pixel. */
    static float[] squared(float[] mask) {
        float[] out = new float[mask.length];
        for (int i = 0; i < mask.length; i++) {
            out[i] = mask[i] * mask[i];
        }
        return out;
    }

    @Override
    public Hybrid rowHybrid() {
        if (columnWeights == null) {
            return null;
        }
        float[] columnMask = java.util.Arrays.copyOf(mask, width);
        LinearOperator hybrid = new LinearOperator() {
            @Override
            public int inputSize() {
                return CartesianMri.this.inputSize();
            }

            @Override
            public int outputSize() {
                return CartesianMri.this.outputSize();
            }

            @Override
            public void apply(float[] x, float[] y) {
                System.arraycopy(x, 0, y, 0, inputSize());
                fft.forwardRows(y, 0);
                applyColumnWeights(columnMask, y, 0, height);
            }

            @Override
            public void adjoint(float[] y, float[] x) {
                System.arraycopy(y, 0, x, 0, outputSize());
                applyColumnWeights(columnMask, x, 0, height);
                fft.inverseRows(x, 0);
            }

            @Override
            public void normal(float[] x, float[] out) {
                CartesianMri.this.normal(x, out);
            }
        };
        return new Hybrid(hybrid, k -> {
            float[] h = k.clone();
            fft.inverse(h);
            fft.forwardRows(h, 0);
            return h;
        });
    }

    /** M² of each column when the mask's value is the same down every column, else null. */
    static float[] squaredColumnWeights(float[] mask, int height, int width) {
        float[] weights = new float[width];
        for (int x = 0; x < width; x++) {
            for (int y = 1; y < height; y++) {
                if (mask[y * width + x] != mask[x]) {
                    return null;
                }
            }
            weights[x] = mask[x] * mask[x];
        }
        return weights;
    }

    /** Multiplies every row of the complex image at {@code offset} by the real column weights. */
    static void applyColumnWeights(float[] weights, float[] data, int offset, int height) {
        int width = weights.length;
        for (int y = 0; y < height; y++) {
            int row = offset + 2 * y * width;
            for (int x = 0; x < width; x++) {
                data[row + 2 * x] *= weights[x];
                data[row + 2 * x + 1] *= weights[x];
            }
        }
    }

    /** Multiplies the complex image at {@code offset} pixel-wise by the real mask. */
    static void applyMask(float[] mask, float[] data, int offset) {
        for (int i = 0; i < mask.length; i++) {
            data[offset + 2 * i] *= mask[i];
            data[offset + 2 * i + 1] *= mask[i];
        }
    }
}
