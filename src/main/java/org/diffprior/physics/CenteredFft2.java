package org.diffprior.physics;

import org.jtransforms.fft.FloatFFT_2D;

/**
 * Centred orthonormal 2-D DFT of complex H×W images stored row-major and interleaved (re, im):
 * {@code K = fftshift(fft2(ifftshift(x)), norm="ortho")}, DC at (H/2, W/2). This is fastMRI's
 * {@code fft2c} and BART's {@code fft -u 3} (DESIGN.md section 3). Thread-safe: each thread gets its own
 * JTransforms plan, so callers may transform coils or slices in parallel ({@link #forwardBatch} does).
 *
 * <pre>{@code
 * CenteredFft2 fft = new CenteredFft2(256, 256);
 * fft.forward(image);   // in place: image now holds its k-space
 * fft.inverse(image);   // and back
 * }</pre>
 */
public final class CenteredFft2 {

    private final int height;
    private final int width;
    private final float scale;
    private final ThreadLocal<FloatFFT_2D> plans;
    private final ThreadLocal<float[]> scratch;

    public CenteredFft2(int height, int width) {
        if (height < 2 || width < 2) {
            // JTransforms' 2-D plans need at least two rows and two columns.
            throw new IllegalArgumentException("FFT size must be at least 2x2, got " + height + "x" + width);
        }
        this.height = height;
        this.width = width;
        this.scale = (float) (1.0 / Math.sqrt((double) height * width));
        this.plans = ThreadLocal.withInitial(() -> new FloatFFT_2D(height, width));
        this.scratch = ThreadLocal.withInitial(() -> new float[2 * height * width]);
    }

    public int height() {
        return height;
    }

    public int width() {
        return width;
    }

    /** In place: data (2·H·W floats) becomes its centred orthonormal DFT. */
    public void forward(float[] data) {
        transform(data, 0, true);
    }

    /** In place: data (2·H·W floats) becomes its centred orthonormal inverse DFT. */
    public void inverse(float[] data) {
        transform(data, 0, false);
    }

    /** In place on the image that starts at float index {@code offset} of {@code data}. */
    public void forward(float[] data, int offset) {
        transform(data, offset, true);
    }

    /** In place inverse on the image that starts at float index {@code offset} of {@code data}. */
    public void inverse(float[] data, int offset) {
        transform(data, offset, false);
    }

    /** In place on {@code count} consecutive H×W images (slices or coils) of {@code data}, transformed in parallel. */
    public void forwardBatch(float[] data, int count) {
        checkBatch(data, count);
        java.util.stream.IntStream.range(0, count).parallel()
                .forEach(i -> transform(data, 2 * i * height * width, true));
    }

    /** Inverse of {@link #forwardBatch}. */
    public void inverseBatch(float[] data, int count) {
        checkBatch(data, count);
        java.util.stream.IntStream.range(0, count).parallel()
                .forEach(i -> transform(data, 2 * i * height * width, false));
    }

    private void checkBatch(float[] data, int count) {
        if ((long) 2 * count * height * width > data.length) {
            throw new IllegalArgumentException(count + " images of " + height + "x" + width + " need "
                    + (long) 2 * count * height * width + " floats, got " + data.length);
        }
    }

    private void transform(float[] data, int offset, boolean forward) {
        float[] buffer = scratch.get();
        // ifftshift moves the centre (H/2, W/2) to index 0; fftshift moves it back. They differ only for odd sizes.
        roll(data, offset, buffer, -(height / 2), -(width / 2));
        if (forward) {
            plans.get().complexForward(buffer);
        } else {
            plans.get().complexInverse(buffer, false);
        }
        int n = 2 * height * width;
        for (int i = 0; i < n; i++) {
            buffer[i] *= scale;
        }
        roll(buffer, 0, data, offset, height / 2, width / 2);
    }

    /** out[(y+sy) mod H][(x+sx) mod W] = in[y][x] for the image at {@code offset} of {@code in}. */
    private void roll(float[] in, int offset, float[] out, int shiftY, int shiftX) {
        roll(in, offset, out, 0, shiftY, shiftX);
    }

    private void roll(float[] in, int inOffset, float[] out, int outOffset, int shiftY, int shiftX) {
        int sx = Math.floorMod(shiftX, width);
        for (int y = 0; y < height; y++) {
            int targetRow = Math.floorMod(y + shiftY, height);
            int src = inOffset + 2 * y * width;
            int dst = outOffset + 2 * targetRow * width;
            // Row y splits into two runs: columns [0, W-sx) go to [sx, W), columns [W-sx, W) go to [0, sx).
            System.arraycopy(in, src, out, dst + 2 * sx, 2 * (width - sx));
            System.arraycopy(in, src + 2 * (width - sx), out, dst, 2 * sx);
        }
    }
}
