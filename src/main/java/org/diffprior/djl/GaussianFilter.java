package org.diffprior.djl;

/**
 * Separable Gaussian smoothing with mirrored borders: the classical baseline that validation
 * compares a trained prior's denoising with.
 *
 * <pre>{@code
 * float[] smooth = GaussianFilter.apply(noisy, height, width, 1.5);
 * }</pre>
 */
public final class GaussianFilter {

    private GaussianFilter() {
    }

    /** Filters a real H×W image with standard deviation {@code sigmaPixels} (0 returns a copy). */
    public static float[] apply(float[] image, int height, int width, double sigmaPixels) {
        if (sigmaPixels <= 0) {
            return image.clone();
        }
        int radius = (int) (4 * sigmaPixels + 0.5); // scipy.ndimage truncate=4.0
        double[] kernel = new double[2 * radius + 1];
        double total = 0;
        for (int k = -radius; k <= radius; k++) {
            kernel[k + radius] = Math.exp(-0.5 * k * k / (sigmaPixels * sigmaPixels));
            total += kernel[k + radius];
        }
        for (int k = 0; k < kernel.length; k++) {
            kernel[k] /= total;
        }
        float[] rows = new float[image.length];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double sum = 0;
                for (int k = -radius; k <= radius; k++) {
                    sum += kernel[k + radius] * image[y * width + mirror(x + k, width)];
                }
                rows[y * width + x] = (float) sum;
            }
        }
        float[] out = new float[image.length];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double sum = 0;
                for (int k = -radius; k <= radius; k++) {
                    sum += kernel[k + radius] * rows[mirror(y + k, height) * width + x];
                }
                out[y * width + x] = (float) sum;
            }
        }
        return out;
    }

    /** Reflects an index into [0, n) (scipy's 'reflect' mode: d c b a | a b c d | d c b a). */
    static int mirror(int i, int n) {
        int period = 2 * n;
        int m = Math.floorMod(i, period);
        return m < n ? m : period - 1 - m;
    }
}
