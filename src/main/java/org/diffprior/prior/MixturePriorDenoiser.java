package org.diffprior.prior;

import org.diffprior.core.InvalidInputException;

/**
 * The exact denoiser of a prior that is a finite mixture of images, p(x0) = Σ_k w_k δ(x0 − x_k): with
 * x_t = α x0 + σ ε the posterior weights are softmax_k(log w_k − ||x_t − α x_k||² / (2σ²)), computed by
 * subtracting the largest logit (stable for tiny σ), and E[x0 | x_t] = Σ_k π_k x_k. Unconditional
 * sampling with this denoiser must return (close to) one of the images.
 *
 * <pre>{@code
 * Denoiser prior = new MixturePriorDenoiser(1, new float[][] {imageA, imageB}, null);
 * }</pre>
 */
public final class MixturePriorDenoiser implements Denoiser {

    private final int channels;
    private final float[][] images;
    private final double[] logWeights;

    /**
     * @param images the mixture's images, all of the same length
     * @param weights mixture weights (normalised here), or null for equal weights
     */
    public MixturePriorDenoiser(int channels, float[][] images, double[] weights) {
        if (images.length == 0) {
            throw new InvalidInputException("a mixture prior needs at least one image");
        }
        if (weights != null && weights.length != images.length) {
            throw new InvalidInputException("mixture has " + images.length + " images but " + weights.length
                    + " weights");
        }
        double total = 0;
        for (int k = 0; k < images.length; k++) {
            if (images[k].length != images[0].length) {
                throw new InvalidInputException("mixture images must all have the same size");
            }
            double w = weights == null ? 1 : weights[k];
            if (!(w > 0)) {
                throw new InvalidInputException("mixture weights must be positive");
            }
            total += w;
        }
        this.channels = channels;
        this.images = new float[images.length][];
        this.logWeights = new double[images.length];
        for (int k = 0; k < images.length; k++) {
            this.images[k] = images[k].clone();
            this.logWeights[k] = Math.log((weights == null ? 1 : weights[k]) / total);
        }
    }

    @Override
    public int channels() {
        return channels;
    }

    /** Number of images in the mixture. */
    public int size() {
        return images.length;
    }

    public float[] image(int k) {
        return images[k].clone();
    }

    /** Posterior weights π_k of the images given x_t. */
    public double[] weights(float[] xt, double alpha, double sigma) {
        double[] logits = new double[images.length];
        double largest = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < images.length; k++) {
            double distance = 0;
            float[] image = images[k];
            for (int i = 0; i < image.length; i++) {
                double d = xt[i] - alpha * image[i];
                distance += d * d;
            }
            logits[k] = logWeights[k] - distance / (2 * sigma * sigma);
            largest = Math.max(largest, logits[k]);
        }
        double sum = 0;
        for (int k = 0; k < logits.length; k++) {
            logits[k] = Math.exp(logits[k] - largest);
            sum += logits[k];
        }
        for (int k = 0; k < logits.length; k++) {
            logits[k] /= sum;
        }
        return logits;
    }

    @Override
    public float[][] denoise(float[][] xt, int height, int width, double[] alpha, double[] sigma) {
        int n = images[0].length;
        if (channels * height * width != n) {
            throw new InvalidInputException("mixture images have " + n + " values, not " + channels + "x" + height
                    + "x" + width);
        }
        float[][] out = new float[xt.length][];
        for (int b = 0; b < xt.length; b++) {
            double[] weights = weights(xt[b], alpha[b], sigma[b]);
            double[] sum = new double[n];
            for (int k = 0; k < images.length; k++) {
                if (weights[k] == 0) {
                    continue;
                }
                for (int i = 0; i < n; i++) {
                    sum[i] += weights[k] * images[k][i];
                }
            }
            float[] x0 = new float[n];
            for (int i = 0; i < n; i++) {
                x0[i] = (float) sum[i];
            }
            out[b] = x0;
        }
        return out;
    }
}
