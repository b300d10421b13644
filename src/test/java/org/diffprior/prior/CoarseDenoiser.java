package org.diffprior.prior;

import java.util.ArrayList;
import java.util.List;

/**
 * Denoises the noisiest steps at half the resolution: an experiment of the honest benchmarks ({@code --coarse T}).
 * Where σ/α is at least the threshold, the image's 2×2 block means are denoised instead (their noise is σ/2, as four
 * independent samples are averaged) and the estimate is brought back by bilinear interpolation; a quarter of the
 * network's work. At such noise levels the estimate of x0 carries little detail the half-resolution grid cannot hold,
 * and the sampler's data consistency restores what was measured. Images of odd height or width are denoised as they
 * are.
 *
 * <pre>{@code
 * Denoiser prior = new CoarseDenoiser(network, 1.0);
 * float[][] x0 = prior.denoise(xt, 128, 128, alphas, sigmas);
 * }</pre>
 */
public final class CoarseDenoiser extends WrappingDenoiser {

    private final double threshold;

    /** @param threshold the smallest σ/α denoised at half resolution */
    public CoarseDenoiser(Denoiser inner, double threshold) {
        super(inner);
        this.threshold = threshold;
    }

    @Override
    public float[][] denoise(float[][] xt, int height, int width, double[] alpha, double[] sigma) {
        if (xt.length != alpha.length || xt.length != sigma.length) {
            throw new IllegalArgumentException("batch, alpha and sigma lengths differ");
        }
        boolean even = height % 2 == 0 && width % 2 == 0;
        List<Integer> coarse = new ArrayList<>();
        List<Integer> fine = new ArrayList<>();
        for (int b = 0; b < xt.length; b++) {
            (even && sigma[b] >= threshold * alpha[b] ? coarse : fine).add(b);
        }
        float[][] result = new float[xt.length][];
        if (!fine.isEmpty()) {
            float[][] in = new float[fine.size()][];
            double[] a = new double[fine.size()];
            double[] s = new double[fine.size()];
            for (int i = 0; i < fine.size(); i++) {
                in[i] = xt[fine.get(i)];
                a[i] = alpha[fine.get(i)];
                s[i] = sigma[fine.get(i)];
            }
            float[][] out = inner.denoise(in, height, width, a, s);
            for (int i = 0; i < fine.size(); i++) {
                result[fine.get(i)] = out[i];
            }
        }
        if (!coarse.isEmpty()) {
            int channels = channels();
            float[][] in = new float[coarse.size()][];
            double[] a = new double[coarse.size()];
            double[] s = new double[coarse.size()];
            for (int i = 0; i < coarse.size(); i++) {
                int b = coarse.get(i);
                in[i] = halve(xt[b], height, width, channels);
                a[i] = alpha[b];
                s[i] = sigma[b] / 2;
            }
            float[][] out = inner.denoise(in, height / 2, width / 2, a, s);
            for (int i = 0; i < coarse.size(); i++) {
                result[coarse.get(i)] = doubleSize(out[i], height / 2, width / 2, channels);
            }
        }
        return result;
    }

    /** Means of 2×2 blocks, channel by channel (interleaved). */
    static float[] halve(float[] image, int height, int width, int channels) {
        int h = height / 2;
        int w = width / 2;
        float[] out = new float[h * w * channels];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                for (int c = 0; c < channels; c++) {
                    int i = (2 * y * width + 2 * x) * channels + c;
                    out[(y * w + x) * channels + c] = 0.25f * (image[i] + image[i + channels]
                            + image[i + width * channels] + image[i + (width + 1) * channels]);
                }
            }
        }
        return out;
    }

    /** Bilinear interpolation to twice the size, pixel centres aligned, edges clamped. */
    static float[] doubleSize(float[] image, int height, int width, int channels) {
        int h = 2 * height;
        int w = 2 * width;
        float[] out = new float[h * w * channels];
        for (int y = 0; y < h; y++) {
            double sy = Math.min(Math.max((y + 0.5) / 2 - 0.5, 0), height - 1);
            int y0 = (int) Math.floor(sy);
            int y1 = Math.min(y0 + 1, height - 1);
            double fy = sy - y0;
            for (int x = 0; x < w; x++) {
                double sx = Math.min(Math.max((x + 0.5) / 2 - 0.5, 0), width - 1);
                int x0 = (int) Math.floor(sx);
                int x1 = Math.min(x0 + 1, width - 1);
                double fx = sx - x0;
                for (int c = 0; c < channels; c++) {
                    double top = (1 - fx) * image[(y0 * width + x0) * channels + c]
                            + fx * image[(y0 * width + x1) * channels + c];
                    double bottom = (1 - fx) * image[(y1 * width + x0) * channels + c]
                            + fx * image[(y1 * width + x1) * channels + c];
                    out[(y * w + x) * channels + c] = (float) ((1 - fy) * top + fy * bottom);
                }
            }
        }
        return out;
    }
}
