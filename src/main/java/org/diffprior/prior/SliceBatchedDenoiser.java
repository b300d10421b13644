package org.diffprior.prior;

/**
 * Treats an image of {@code slices · H} rows as {@code slices} images of H rows stacked vertically and
 * denoises them as separate images in one batch of the inner denoiser, so several slices with their own
 * measurements share one sampling run and every network call.
 *
 * <pre>{@code
 * Denoiser perSlice = new SliceBatchedDenoiser(network, 4);
 * float[][] x0 = perSlice.denoise(xt, 4 * 128, 128, alphas, sigmas);
 * }</pre>
 */
public final class SliceBatchedDenoiser extends WrappingDenoiser {

    private final int slices;

    public SliceBatchedDenoiser(Denoiser inner, int slices) {
        super(inner);
        if (slices < 1) {
            throw new IllegalArgumentException("slices must be at least 1, got " + slices);
        }
        this.slices = slices;
    }

    @Override
    public float[][] denoise(float[][] xt, int height, int width, double[] alpha, double[] sigma) {
        if (height % slices != 0) {
            throw new IllegalArgumentException("height " + height + " is not a multiple of " + slices + " slices");
        }
        int sliceHeight = height / slices;
        int sliceLength = channels() * sliceHeight * width;
        float[][] parts = new float[xt.length * slices][];
        double[] partAlpha = new double[parts.length];
        double[] partSigma = new double[parts.length];
        for (int b = 0; b < xt.length; b++) {
            for (int s = 0; s < slices; s++) {
                int k = b * slices + s;
                parts[k] = java.util.Arrays.copyOfRange(xt[b], s * sliceLength, (s + 1) * sliceLength);
                partAlpha[k] = alpha[b];
                partSigma[k] = sigma[b];
            }
        }
        float[][] denoised = inner.denoise(parts, sliceHeight, width, partAlpha, partSigma);
        float[][] result = new float[xt.length][];
        for (int b = 0; b < xt.length; b++) {
            result[b] = new float[xt[b].length];
            for (int s = 0; s < slices; s++) {
                System.arraycopy(denoised[b * slices + s], 0, result[b], s * sliceLength, sliceLength);
            }
        }
        return result;
    }
}
