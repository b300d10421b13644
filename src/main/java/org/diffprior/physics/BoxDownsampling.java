package org.diffprior.physics;

/**
 * The {@code box} super-resolution degradation (DESIGN.md §3): each low-resolution pixel is the mean of an
 * s×s block of the W×H high-resolution image (W and H multiples of s). Its adjoint spreads each value
 * over its block divided by s², and since A Aᵀ = I/s² the pseudo-inverse A⁺ = s² Aᵀ is plain
 * replication, with A A⁺ = I.
 *
 * <pre>{@code
 * BoxDownsampling box = new BoxDownsampling(256, 256, 4);
 * box.apply(highRes, lowRes);
 * box.pseudoInverse(lowRes, replicated);
 * }</pre>
 */
public final class BoxDownsampling implements LinearOperator {

    private final int width;
    private final int height;
    private final int scale;

    public BoxDownsampling(int highResWidth, int highResHeight, int scale) {
        checkDivisible(highResWidth, highResHeight, scale);
        this.width = highResWidth;
        this.height = highResHeight;
        this.scale = scale;
    }

    static void checkDivisible(int width, int height, int scale) {
        if (scale < 1) {
            throw new IllegalArgumentException("scale must be at least 1, got " + scale);
        }
        if (width % scale != 0 || height % scale != 0 || width < scale || height < scale) {
            throw new IllegalArgumentException(
                    "image size " + width + "x" + height + " is not a multiple of scale " + scale);
        }
    }

    @Override
    public int inputSize() {
        return width * height;
    }

    @Override
    public int outputSize() {
        return (width / scale) * (height / scale);
    }

    @Override
    public void apply(float[] x, float[] y) {
        int lowWidth = width / scale;
        int lowHeight = height / scale;
        double norm = 1.0 / (scale * scale);
        for (int row = 0; row < lowHeight; row++) {
            for (int col = 0; col < lowWidth; col++) {
                double sum = 0;
                for (int dy = 0; dy < scale; dy++) {
                    int base = (row * scale + dy) * width + col * scale;
                    for (int dx = 0; dx < scale; dx++) {
                        sum += x[base + dx];
                    }
                }
                y[row * lowWidth + col] = (float) (sum * norm);
            }
        }
    }

    @Override
    public void adjoint(float[] y, float[] x) {
        spread(y, x, 1.0f / (scale * scale));
    }

    /** x = A⁺ y: every high-resolution pixel takes the value of its low-resolution pixel. */
    public void pseudoInverse(float[] y, float[] x) {
        spread(y, x, 1.0f);
    }

    private void spread(float[] y, float[] x, float factor) {
        int lowWidth = width / scale;
        for (int row = 0; row < height; row++) {
            for (int col = 0; col < width; col++) {
                x[row * width + col] = factor * y[(row / scale) * lowWidth + col / scale];
            }
        }
    }
}
