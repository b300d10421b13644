package org.diffprior.core;

/**
 * Image quality metrics with the project's public conventions (DESIGN.md section 3): PSNR and SSIM with
 * data range = maximum of the reference; SSIM with a 7×7 uniform window, K1 = 0.01, K2 = 0.03 and the
 * sample-covariance normalisation of scikit-image's defaults, averaged over the pixels whose window
 * lies fully inside the image (scikit-image crops (7-1)/2 pixels at each border).
 */
public final class Metrics {

    private Metrics() {
    }

    /** Peak signal-to-noise ratio in dB of {@code test} against {@code reference}. */
    public static double psnr(float[] reference, float[] test) {
        double max = max(reference);
        double mse = 0;
        for (int i = 0; i < reference.length; i++) {
            double d = reference[i] - test[i];
            mse += d * d;
        }
        mse /= reference.length;
        return 10 * Math.log10(max * max / mse);
    }

    /** Structural similarity of {@code test} against {@code reference}, both H×W row-major. */
    public static double ssim(float[] reference, float[] test, int height, int width) {
        final int win = 7;
        final int half = win / 2;
        double range = max(reference);
        double c1 = Math.pow(0.01 * range, 2);
        double c2 = Math.pow(0.03 * range, 2);
        double np = win * win;
        double covNorm = np / (np - 1);
        double sum = 0;
        long count = 0;
        for (int y = half; y < height - half; y++) {
            for (int x = half; x < width - half; x++) {
                double mx = 0, my = 0, mxx = 0, myy = 0, mxy = 0;
                for (int dy = -half; dy <= half; dy++) {
                    int row = (y + dy) * width;
                    for (int dx = -half; dx <= half; dx++) {
                        double a = reference[row + x + dx];
                        double b = test[row + x + dx];
                        mx += a;
                        my += b;
                        mxx += a * a;
                        myy += b * b;
                        mxy += a * b;
                    }
                }
                mx /= np;
                my /= np;
                double vx = covNorm * (mxx / np - mx * mx);
                double vy = covNorm * (myy / np - my * my);
                double vxy = covNorm * (mxy / np - mx * my);
                sum += ((2 * mx * my + c1) * (2 * vxy + c2)) / ((mx * mx + my * my + c1) * (vx + vy + c2));
                count++;
            }
        }
        return sum / count;
    }

    static double max(float[] values) {
        double m = Double.NEGATIVE_INFINITY;
        for (float v : values) {
            m = Math.max(m, v);
        }
        return m;
    }
}
