package org.diffprior.io;

import java.util.Arrays;

import org.diffprior.core.InvalidInputException;

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

    /**
     * Refuses a NaN or an infinity, naming where the first one lies; {@code what} names the image in the message
     * ("the sinogram"). Reconstructions spread one such value over the whole result.
     */
    public FloatImage requireFinite(String what) {
        for (int i = 0; i < data.length; i++) {
            if (!Float.isFinite(data[i])) {
                int plane = i / (width * height);
                int pixel = i % (width * height);
                throw new InvalidInputException(what + " holds " + data[i] + " at plane " + plane + ", row "
                        + pixel / width + ", column " + pixel % width
                        + "; every value must be a finite number: repair or re-export it");
            }
        }
        return this;
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
