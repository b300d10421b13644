package org.diffprior.physics;

/**
 * Orthogonal 2-D discrete wavelet transform with the 4-tap Daubechies filter (D4, "db2" in PyWavelets, BART's
 * default {@code dau2}) and periodic boundaries, applied separately to the real and imaginary parts of a
 * complex H×W image (row-major, interleaved). Coefficients use the Mallat layout in an array of the same
 * shape: the coarsest approximation occupies the top-left (H/2^L)×(W/2^L) block. Because the transform is
 * orthogonal, inverse(forward(x)) = x and norms are preserved.
 *
 * <pre>{@code
 * Daubechies4Wavelet w = new Daubechies4Wavelet(256, 256, 4);
 * w.forward(image, coefficients);
 * w.inverse(coefficients, image);
 * }</pre>
 */
public final class Daubechies4Wavelet {

    private static final double S3 = Math.sqrt(3);
    private static final double NORM = 4 * Math.sqrt(2);
    /** Low-pass analysis filter; the high-pass is g[k] = (−1)^k h[3−k]. */
    private static final double[] LOW = {(1 + S3) / NORM, (3 + S3) / NORM, (3 - S3) / NORM, (1 - S3) / NORM};
    private static final double[] HIGH = {LOW[3], -LOW[2], LOW[1], -LOW[0]};

    private final int height;
    private final int width;
    private final int levels;
    /** Per thread: {@link #COLUMN_BLOCK} column lines, then a line and the filter's output. */
    private final ThreadLocal<double[][]> buffers;

    /** @param levels number of decomposition levels; H and W must be divisible by 2^levels */
    public Daubechies4Wavelet(int height, int width, int levels) {
        if (levels < 1 || height % (1 << levels) != 0 || width % (1 << levels) != 0) {
            throw new IllegalArgumentException(height + "x" + width + " is not divisible by 2^" + levels);
        }
        this.height = height;
        this.width = width;
        this.levels = levels;
        this.buffers = ThreadLocal.withInitial(() -> new double[COLUMN_BLOCK + 2][2 * Math.max(height, width)]);
    }

    /**
     * The most levels (at most {@code maxLevels}) such that H and W are divisible by 2^L and the coarsest band
     * keeps at least 4 pixels a side (the filter length); 0 if not even one level fits.
     */
    public static int maxLevels(int height, int width, int maxLevels) {
        int levels = 0;
        while (levels < maxLevels && height % (2 << levels) == 0 && width % (2 << levels) == 0
                && (height >> (levels + 1)) >= 4 && (width >> (levels + 1)) >= 4) {
            levels++;
        }
        return levels;
    }

    public int levels() {
        return levels;
    }

    /** Height of the coarsest approximation band. */
    public int coarseHeight() {
        return height >> levels;
    }

    /** Width of the coarsest approximation band. */
    public int coarseWidth() {
        return width >> levels;
    }

    public void forward(float[] image, float[] coefficients) {
        System.arraycopy(image, 0, coefficients, 0, 2 * height * width);
        for (int level = 0; level < levels; level++) {
            int h = height >> level;
            int w = width >> level;
            transformRows(coefficients, w, h, true);
            transformColumns(coefficients, w, h, true);
        }
    }

    public void inverse(float[] coefficients, float[] image) {
        System.arraycopy(coefficients, 0, image, 0, 2 * height * width);
        for (int level = levels - 1; level >= 0; level--) {
            int h = height >> level;
            int w = width >> level;
            transformColumns(image, w, h, false);
            transformRows(image, w, h, false);
        }
    }

    /** The first w samples of each of the first h rows, in parts of the common pool for a large image ({@link Passes}). */
    private void transformRows(float[] data, int w, int h, boolean analysis) {
        Passes.run((long) h * w, h, (from, to) -> {
            double[][] scratch = buffers.get();
            for (int y = from; y < to; y++) {
                transformLine(data, 2 * y * width, 2, w, scratch[COLUMN_BLOCK], scratch[COLUMN_BLOCK + 1], analysis);
            }
        });
    }

    /** Columns per block in {@link #transformColumns}: 8 complex values are 64 bytes, one cache line per row. */
    private static final int COLUMN_BLOCK = 8;

    /**
     * One level along the first h rows of columns 0..w−1. Columns are gathered in blocks of
     * {@link #COLUMN_BLOCK} so that every row is read and written contiguously instead of one strided element per
     * column; each column goes through exactly the same arithmetic as a single line.
     */
    private void transformColumns(float[] data, int w, int h, boolean analysis) {
        int blocks = (w + COLUMN_BLOCK - 1) / COLUMN_BLOCK;
        Passes.run((long) h * w, blocks, (from, to) -> {
            double[][] lines = buffers.get();
            double[] out = lines[COLUMN_BLOCK + 1];
            for (int x0 = from * COLUMN_BLOCK; x0 < Math.min(w, to * COLUMN_BLOCK); x0 += COLUMN_BLOCK) {
                int block = Math.min(COLUMN_BLOCK, w - x0);
                for (int y = 0; y < h; y++) {
                    int row = 2 * (y * width + x0);
                    for (int b = 0; b < block; b++) {
                        lines[b][2 * y] = data[row + 2 * b];
                        lines[b][2 * y + 1] = data[row + 2 * b + 1];
                    }
                }
                for (int b = 0; b < block; b++) {
                    filter(lines[b], h, out, analysis);
                    System.arraycopy(out, 0, lines[b], 0, 2 * h);
                }
                for (int y = 0; y < h; y++) {
                    int row = 2 * (y * width + x0);
                    for (int b = 0; b < block; b++) {
                        data[row + 2 * b] = (float) lines[b][2 * y];
                        data[row + 2 * b + 1] = (float) lines[b][2 * y + 1];
                    }
                }
            }
        });
    }

    /**
     * One level along a line of n complex samples at data[start + i·stride]: analysis writes the n/2
     * approximation then the n/2 detail coefficients; synthesis undoes it.
     */
    private static void transformLine(float[] data, int start, int stride, int n, double[] line, double[] out,
            boolean analysis) {
        for (int i = 0; i < n; i++) {
            line[2 * i] = data[start + i * stride];
            line[2 * i + 1] = data[start + i * stride + 1];
        }
        filter(line, n, out, analysis);
        for (int i = 0; i < n; i++) {
            data[start + i * stride] = (float) out[2 * i];
            data[start + i * stride + 1] = (float) out[2 * i + 1];
        }
    }

    /** The filter bank on n complex samples of {@code line} into {@code out} (both interleaved). */
    private static void filter(double[] line, int n, double[] out, boolean analysis) {
        int half = n / 2;
        java.util.Arrays.fill(out, 0, 2 * n, 0);
        for (int i = 0; i < half; i++) {
            // Offset −1 aligns the coefficients with PyWavelets' db2 "periodization" mode; only the first and last
            // outputs wrap around, so the modulo is skipped inside (same taps, same order, same result).
            boolean wraps = 2 * i - 1 < 0 || 2 * i + 2 >= n;
            for (int k = 0; k < 4; k++) {
                int j = wraps ? Math.floorMod(2 * i + k - 1, n) : 2 * i + k - 1;
                if (analysis) {
                    out[2 * i] += LOW[k] * line[2 * j];
                    out[2 * i + 1] += LOW[k] * line[2 * j + 1];
                    out[2 * (half + i)] += HIGH[k] * line[2 * j];
                    out[2 * (half + i) + 1] += HIGH[k] * line[2 * j + 1];
                } else {
                    out[2 * j] += LOW[k] * line[2 * i] + HIGH[k] * line[2 * (half + i)];
                    out[2 * j + 1] += LOW[k] * line[2 * i + 1] + HIGH[k] * line[2 * (half + i) + 1];
                }
            }
        }
    }
}
