package org.diffprior.physics;

/**
 * The fully sampled centre of a Cartesian k-space mask (the calibration region) and what it alone tells: the
 * rectangle of contiguous sampled rows and columns around the k-space centre, and the phase of the low-resolution
 * image made from it, the phase a magnitude prior works under when one coil cannot resolve a finer one.
 *
 * <pre>{@code
 * int[] half = CalibrationCentre.halfSizes(mask, h, w);          // {half height, half width}
 * float[] phase = CalibrationCentre.phase(kspace, mask, maps, h, w);
 * }</pre>
 */
public final class CalibrationCentre {

    private CalibrationCentre() {
    }

    /**
     * Phase of the low-resolution image made from the fully sampled centre of k-space (a Hann-tapered rectangle
     * of contiguous sampled rows and columns around the centre, {@link #halfSizes}), combined over the
     * coils through their maps; 0 where that image is zero.
     */
    public static float[] phase(float[] kspace, float[] mask, CoilArray maps, int height, int width) {
        int cy = height / 2;
        int cx = width / 2;
        int[] half = halfSizes(mask, height, width);
        float[] lowPass = new float[kspace.length];
        int pixels = height * width;
        int coils = kspace.length / (2 * pixels);
        for (int y = 0; y < height; y++) {
            double wy = MriMeasurement.taper(y - cy, half[0]);
            for (int x = 0; x < width; x++) {
                double w = wy * MriMeasurement.taper(x - cx, half[1]) * (mask[y * width + x] > 0 ? 1 : 0);
                for (int c = 0; c < coils; c++) {
                    int i = 2 * (c * pixels + y * width + x);
                    lowPass[i] = (float) (kspace[i] * w);
                    lowPass[i + 1] = (float) (kspace[i + 1] * w);
                }
            }
        }
        float[] image = new float[2 * pixels];
        MriMeasurement.complexOperator(height, width, mask, maps).adjoint(lowPass, image);
        float[] phase = new float[pixels];
        for (int i = 0; i < pixels; i++) {
            phase[i] = (float) Math.atan2(image[2 * i + 1], image[2 * i]);
        }
        return phase;
    }

    /**
     * {half height, half width} of the fully sampled centre: the sampled run of the centre row and of the centre
     * column on either side of the k-space centre.
     */
    public static int[] halfSizes(float[] mask, int height, int width) {
        int cy = height / 2;
        int cx = width / 2;
        int halfWidth = 0;
        while (cx - halfWidth - 1 >= 0 && cx + halfWidth + 1 < width
                && mask[cy * width + cx - halfWidth - 1] > 0 && mask[cy * width + cx + halfWidth + 1] > 0) {
            halfWidth++;
        }
        int halfHeight = 0;
        while (cy - halfHeight - 1 >= 0 && cy + halfHeight + 1 < height
                && mask[(cy - halfHeight - 1) * width + cx] > 0 && mask[(cy + halfHeight + 1) * width + cx] > 0) {
            halfHeight++;
        }
        return new int[] {halfHeight, halfWidth};
    }

    /** The points of the fully sampled centre rectangle ({@link #halfSizes}) that the mask samples. */
    public static boolean[] region(float[] mask, int height, int width) {
        int[] half = halfSizes(mask, height, width);
        boolean[] region = new boolean[mask.length];
        for (int y = Math.max(0, height / 2 - half[0]); y <= Math.min(height - 1, height / 2 + half[0]); y++) {
            for (int x = Math.max(0, width / 2 - half[1]); x <= Math.min(width - 1, width / 2 + half[1]); x++) {
                region[y * width + x] = mask[y * width + x] != 0;
            }
        }
        return region;
    }
}
