package org.diffprior.io;

import java.util.Arrays;

/**
 * Makes training-ready square slices: zero-pads a plane to a centred square (keeping the aspect ratio),
 * resamples it to {@code size × size} with a separable triangle (linear) filter that widens by the
 * reduction factor when shrinking (so downsampling averages instead of aliasing; the same filter as
 * Pillow's {@code Image.resize(..., BILINEAR)}), and scales
 * intensities by a robust maximum.
 *
 * <pre>{@code
 * FloatImage square = SquareResampler.toSquare(brain.axial(90), 128);
 * float[] unit = SquareResampler.scaleToUnitRange(square.data(), SquareResampler.robustMax(square.data(), 99.5));
 * }</pre>
 */
public final class SquareResampler {

    private SquareResampler() {
    }

    /** Centred zero-padding to a square of side max(width, height), then resampling to {@code size}. */
    public static FloatImage toSquare(FloatImage plane, int size) {
        if (size <= 0) {
            throw new IllegalArgumentException("size must be positive, not " + size);
        }
        int side = Math.max(plane.width(), plane.height());
        float[] padded = new float[side * side];
        int left = (side - plane.width()) / 2;
        int top = (side - plane.height()) / 2;
        for (int y = 0; y < plane.height(); y++) {
            System.arraycopy(plane.data(), y * plane.width(), padded, (y + top) * side + left, plane.width());
        }
        return resize(FloatImage.of(side, side, padded), size, size);
    }

    /** Separable linear resampling of a single plane to {@code width × height} (pixel centres aligned). */
    public static FloatImage resize(FloatImage plane, int width, int height) {
        float[] rows = new float[width * plane.height()];
        Kernel horizontal = Kernel.of(plane.width(), width);
        for (int y = 0; y < plane.height(); y++) {
            horizontal.apply(plane.data(), y * plane.width(), 1, rows, y * width, 1);
        }
        float[] out = new float[width * height];
        Kernel vertical = Kernel.of(plane.height(), height);
        for (int x = 0; x < width; x++) {
            vertical.apply(rows, x, width, out, x, width);
        }
        return FloatImage.of(width, height, out);
    }

    /** The {@code percentile} (0–100) of the values, by nearest rank; 0 for an empty array. */
    public static float robustMax(float[] values, double percentile) {
        if (values.length == 0) {
            return 0;
        }
        float[] sorted = values.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank))];
    }

    /** value / max clipped to [0, 1] (a new array); all zeros when max is not positive. */
    public static float[] scaleToUnitRange(float[] values, float max) {
        float[] out = new float[values.length];
        if (max > 0) {
            for (int i = 0; i < values.length; i++) {
                out[i] = Math.min(1f, Math.max(0f, values[i] / max));
            }
        }
        return out;
    }

    /** Precomputed weights of one 1-D resampling from {@code in} to {@code out} samples. */
    private record Kernel(int[] first, float[][] weights) {

        static Kernel of(int in, int out) {
            double scale = (double) in / out;
            double filterScale = Math.max(scale, 1.0);
            double support = filterScale; // triangle of half-width 1, widened when shrinking
            int[] first = new int[out];
            float[][] weights = new float[out][];
            for (int o = 0; o < out; o++) {
                // Continuous coordinates: input pixel i covers [i, i + 1); taps outside the image are dropped
                // and the rest renormalised (Pillow's convention, so results can be checked against it).
                double centre = (o + 0.5) * scale;
                int min = Math.max(0, (int) (centre - support + 0.5));
                int max = Math.min(in, (int) (centre + support + 0.5));
                double[] w = new double[Math.max(0, max - min)];
                double total = 0;
                for (int i = min; i < max; i++) {
                    w[i - min] = Math.max(0.0, 1.0 - Math.abs((i - centre + 0.5) / filterScale));
                    total += w[i - min];
                }
                first[o] = min;
                weights[o] = new float[w.length];
                for (int i = 0; i < w.length; i++) {
                    weights[o][i] = (float) (total > 0 ? w[i] / total : 0);
                }
            }
            return new Kernel(first, weights);
        }

        void apply(float[] source, int sourceStart, int sourceStride, float[] target, int targetStart,
                int targetStride) {
            for (int o = 0; o < first.length; o++) {
                float[] w = weights[o];
                double sum = 0;
                int index = sourceStart + first[o] * sourceStride;
                for (float weight : w) {
                    sum += weight * source[index];
                    index += sourceStride;
                }
                target[targetStart + o * targetStride] = (float) sum;
            }
        }
    }
}
