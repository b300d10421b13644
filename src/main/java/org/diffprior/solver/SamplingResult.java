package org.diffprior.solver;

/**
 * The outcome of a diffusion run: the K samples, their mean (same layout as an image: 1 real channel or
 * 2 interleaved complex channels) and the per-pixel standard deviation over particles (H·W floats; for
 * complex images the std of the complex value, √(var re + var im); K − 1 in the denominator, 0 for K = 1).
 *
 * <pre>{@code
 * SamplingResult r = DiffusionSolver.run(denoiser, request, progress, cancel);
 * float[] mean = r.mean(); float[] std = r.std(); int nfe = r.networkEvaluations();
 * }</pre>
 *
 * @param samples the particles, each {@code channels·height·width} floats
 * @param mean the particle mean
 * @param std per-pixel standard deviation, {@code height·width} floats
 * @param networkEvaluations batched denoiser calls made (each call covers all particles)
 * @param seconds wall time of the run
 */
public record SamplingResult(int height, int width, int channels, float[][] samples, float[] mean, float[] std,
        int networkEvaluations, double seconds) {

    /** Computes mean and std of the given samples. */
    public static SamplingResult of(int height, int width, int channels, float[][] samples, int networkEvaluations,
            double seconds) {
        int n = samples[0].length;
        int k = samples.length;
        double[] sum = new double[n];
        for (float[] s : samples) {
            for (int i = 0; i < n; i++) {
                sum[i] += s[i];
            }
        }
        float[] mean = new float[n];
        for (int i = 0; i < n; i++) {
            mean[i] = (float) (sum[i] / k);
        }
        int pixels = height * width;
        double[] squares = new double[pixels];
        for (float[] s : samples) {
            for (int i = 0; i < n; i++) {
                double d = s[i] - sum[i] / k;
                squares[i / channels] += d * d;
            }
        }
        float[] std = new float[pixels];
        if (k > 1) {
            for (int p = 0; p < pixels; p++) {
                std[p] = (float) Math.sqrt(squares[p] / (k - 1));
            }
        }
        return new SamplingResult(height, width, channels, samples, mean, std, networkEvaluations, seconds);
    }

    /** |mean| per pixel (H·W floats): the magnitude image of a complex reconstruction, |x| for a real one. */
    public float[] meanMagnitude() {
        float[] magnitude = new float[height * width];
        for (int p = 0; p < magnitude.length; p++) {
            if (channels == 1) {
                magnitude[p] = Math.abs(mean[p]);
            } else {
                magnitude[p] = (float) Math.hypot(mean[2 * p], mean[2 * p + 1]);
            }
        }
        return magnitude;
    }
}
