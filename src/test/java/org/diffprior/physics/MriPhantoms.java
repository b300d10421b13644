package org.diffprior.physics;

/** Test images for MRI: a Shepp–Logan-like set of ellipses with a smooth phase, complex interleaved. */
public final class MriPhantoms {

    private MriPhantoms() {
    }

    /** Ellipses (centre y, centre x, semi-axis y, semi-axis x, value), in units of the half field of view. */
    private static final double[][] ELLIPSES = {
            {0, 0, 0.85, 0.68, 1.0},
            {0, 0, 0.78, 0.60, -0.6},
            {-0.2, 0.22, 0.3, 0.11, 0.3},
            {-0.2, -0.22, 0.4, 0.16, 0.35},
            {0.35, 0, 0.2, 0.25, 0.2},
            {0.1, 0, 0.05, 0.05, 0.25},
            {-0.6, 0.05, 0.05, 0.08, 0.25},
    };

    /** Complex H×W phantom; the phase varies smoothly (as real MR images do) when {@code withPhase}. */
    public static float[] ellipses(int height, int width, boolean withPhase) {
        float[] image = new float[2 * height * width];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double v = 0;
                double py = (y - height / 2.0) / (height / 2.0);
                double px = (x - width / 2.0) / (width / 2.0);
                for (double[] e : ELLIPSES) {
                    double dy = (py - e[0]) / e[2];
                    double dx = (px - e[1]) / e[3];
                    if (dy * dy + dx * dx <= 1) {
                        v += e[4];
                    }
                }
                double phase = withPhase ? 0.6 * px + 0.3 * py * py : 0;
                image[2 * (y * width + x)] = (float) (v * Math.cos(phase));
                image[2 * (y * width + x) + 1] = (float) (v * Math.sin(phase));
            }
        }
        return image;
    }

    /** Magnitude of a complex interleaved image. */
    public static float[] magnitude(float[] complex) {
        float[] m = new float[complex.length / 2];
        for (int i = 0; i < m.length; i++) {
            m[i] = (float) Math.hypot(complex[2 * i], complex[2 * i + 1]);
        }
        return m;
    }
}
