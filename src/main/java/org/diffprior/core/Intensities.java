package org.diffprior.core;

import java.util.Arrays;

/**
 * Robust intensity scales shared by the classical and diffusion reconstructions: images are normalised so
 * that their robust maximum (99th percentile of |x|) is 1, which is also how the priors were trained.
 */
public final class Intensities {

    private Intensities() {
    }

    /** The 99th percentile of |values| (magnitudes of interleaved complex pairs when {@code complex}). */
    public static double robustMax(float[] values, boolean complex) {
        int n = complex ? values.length / 2 : values.length;
        double[] magnitude = new double[n];
        for (int i = 0; i < n; i++) {
            magnitude[i] = complex ? Math.hypot(values[2 * i], values[2 * i + 1]) : Math.abs(values[i]);
        }
        Arrays.sort(magnitude);
        return magnitude[Math.min(n - 1, (int) Math.floor(0.99 * n))];
    }

    public static float[] scaled(float[] values, double factor) {
        float[] out = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (float) (values[i] * factor);
        }
        return out;
    }
}
