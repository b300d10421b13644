package org.diffprior.task;

import java.util.Arrays;

/** Robust intensity scales: priors are trained on images whose robust maximum is 1. */
final class Intensities {

    private Intensities() {
    }

    /** The 99th percentile of |values| (magnitudes of interleaved complex pairs when {@code complex}). */
    static double robustMax(float[] values, boolean complex) {
        int n = complex ? values.length / 2 : values.length;
        double[] magnitude = new double[n];
        for (int i = 0; i < n; i++) {
            magnitude[i] = complex ? Math.hypot(values[2 * i], values[2 * i + 1]) : Math.abs(values[i]);
        }
        Arrays.sort(magnitude);
        return magnitude[Math.min(n - 1, (int) Math.floor(0.99 * n))];
    }

    static float[] scaled(float[] values, double factor) {
        float[] out = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (float) (values[i] * factor);
        }
        return out;
    }
}
