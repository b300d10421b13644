package org.diffprior.prior;

/**
 * Runs another denoiser on a flipped or rotated copy of each image and maps its estimate back. The priors were
 * trained with flips and 90° rotations, so each orientation is an equally valid denoiser whose errors differ; varying
 * the orientation from step to step keeps one orientation's error from building up over a sampler's steps, at no
 * extra network evaluations. Square images use all eight symmetries of the square, others the four that keep their
 * shape (identity, the two flips, the half turn). MRI's diffusion runs its prior through it
 * ({@code MriDiffusion}; validation, 40 cases: {@code auto} +2.39 → +2.50 dB over the best tuned classical method);
 * for CT and SR it stays an experiment of the honest benchmark ({@code --dihedral}).
 *
 * <p>The symmetry of each image is a hash of its noise level (α, σ), not a counter: a sampler's steps see
 * varied orientations, and a run gives the same result whatever the shared denoiser did before.
 *
 * <pre>{@code
 * Denoiser prior = new DihedralDenoiser(network);
 * float[][] x0 = prior.denoise(xt, 128, 128, alphas, sigmas);
 * }</pre>
 */
public final class DihedralDenoiser extends WrappingDenoiser {

    public DihedralDenoiser(Denoiser inner) {
        super(inner);
    }

    @Override
    public float[][] denoise(float[][] xt, int height, int width, double[] alpha, double[] sigma) {
        if (xt.length != alpha.length || xt.length != sigma.length) {
            throw new IllegalArgumentException("batch, alpha and sigma lengths differ");
        }
        int channels = channels();
        int[][] sources = new int[xt.length][];
        float[][] turned = new float[xt.length][];
        for (int b = 0; b < xt.length; b++) {
            sources[b] = sourceIndices(symmetry(alpha[b], sigma[b], height == width), height, width);
            turned[b] = gather(xt[b], sources[b], channels);
        }
        float[][] estimates = inner.denoise(turned, height, width, alpha, sigma);
        float[][] result = new float[xt.length][];
        for (int b = 0; b < xt.length; b++) {
            result[b] = scatter(estimates[b], sources[b], channels);
        }
        return result;
    }

    /**
     * The symmetry for one noise level: bit 0 flips left-right, bit 1 flips up-down, bit 2 (square images only)
     * transposes first.
     */
    static int symmetry(double alpha, double sigma, boolean square) {
        long z = Double.doubleToLongBits(alpha) * 0x9E3779B97F4A7C15L ^ Double.doubleToLongBits(sigma);
        // splitmix64's finaliser: nearby noise levels get unrelated symmetries.
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z ^= z >>> 31;
        return (int) (z >>> (square ? 61 : 62));
    }

    /**
     * For each pixel of the transformed image, the pixel of the original it comes from. Transposing needs a
     * square image.
     */
    public static int[] sourceIndices(int symmetry, int height, int width) {
        boolean transpose = (symmetry & 4) != 0;
        boolean flipRows = (symmetry & 2) != 0;
        boolean flipColumns = (symmetry & 1) != 0;
        int[] sources = new int[height * width];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int u = transpose ? x : y;
                int v = transpose ? y : x;
                int sy = flipRows ? height - 1 - u : u;
                int sx = flipColumns ? width - 1 - v : v;
                sources[y * width + x] = sy * width + sx;
            }
        }
        return sources;
    }

    private static float[] gather(float[] image, int[] sources, int channels) {
        float[] out = new float[image.length];
        for (int i = 0; i < sources.length; i++) {
            System.arraycopy(image, sources[i] * channels, out, i * channels, channels);
        }
        return out;
    }

    private static float[] scatter(float[] image, int[] sources, int channels) {
        float[] out = new float[image.length];
        for (int i = 0; i < sources.length; i++) {
            System.arraycopy(image, i * channels, out, sources[i] * channels, channels);
        }
        return out;
    }
}
