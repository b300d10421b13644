package org.diffprior.io;

import java.util.Arrays;

/**
 * A real float32 image or stack: {@code slices} planes of {@code height × width} pixels, row-major,
 * planes one after another. The array is shared, not copied; treat inputs as read-only.
 *
 * <pre>{@code
 * FloatImage image = ImageFiles.read(Path.of("slice.tif"));
 * float[] plane = image.slice(0);
 * }</pre>
 */
public record FloatImage(int width, int height, int slices, float[] data) {

    public FloatImage {
        if (width <= 0 || height <= 0 || slices <= 0) {
            throw new IllegalArgumentException(
                    "image dimensions must be positive: " + width + "x" + height + "x" + slices);
        }
        if ((long) width * height * slices != data.length) {
            throw new IllegalArgumentException("data length " + data.length + " does not match "
                    + width + "x" + height + "x" + slices);
        }
    }

    /** A single-plane image. */
    public static FloatImage of(int width, int height, float[] data) {
        return new FloatImage(width, height, 1, data);
    }

    /** A copy of plane {@code index}. */
    public float[] slice(int index) {
        if (index < 0 || index >= slices) {
            throw new IndexOutOfBoundsException("plane " + index + " outside 0.." + (slices - 1));
        }
        int n = width * height;
        return Arrays.copyOfRange(data, index * n, (index + 1) * n);
    }

    /** Pixel value at column x, row y of plane z. */
    public float get(int x, int y, int z) {
        return data[(z * height + y) * width + x];
    }
}
