package org.diffprior.core;

/**
 * Per-pixel statistics over samples of one image (posterior particles, their magnitude images): the mean and
 * the standard deviation that every reconstruction reports beside its image.
 *
 * <pre>{@code
 * float[] mean = SampleStatistics.mean(magnitudes);
 * float[] std = SampleStatistics.std(magnitudes);
 * }</pre>
 */
public final class SampleStatistics {

    private SampleStatistics() {
    }

    /** Per-pixel mean of samples of equal length, summed in double. */
    public static float[] mean(float[][] samples) {
        int n = samples[0].length;
        double[] sum = new double[n];
        for (float[] s : samples) {
            for (int i = 0; i < n; i++) {
                sum[i] += s[i];
            }
        }
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = (float) (sum[i] / samples.length);
        }
        return out;
    }

    /**
     * Per-pixel standard deviation of samples of equal length, population form (divides by the number of
     * samples; zeros for one sample). Two passes, mean first: no cancellation between E[x²] and mean².
     */
    public static float[] std(float[][] samples) {
        int n = samples[0].length;
        float[] out = new float[n];
        if (samples.length < 2) {
            return out;
        }
        for (int i = 0; i < n; i++) {
            double mean = 0;
            for (float[] s : samples) {
                mean += s[i];
            }
            mean /= samples.length;
            double var = 0;
            for (float[] s : samples) {
                var += (s[i] - mean) * (s[i] - mean);
            }
            out[i] = (float) Math.sqrt(var / samples.length);
        }
        return out;
    }
}
