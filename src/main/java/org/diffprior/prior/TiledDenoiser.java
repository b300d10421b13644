package org.diffprior.prior;

/**
 * Runs another denoiser on overlapping square tiles and blends them, so images larger than what fits in
 * memory (or larger than a network was trained on) are denoised without seams. Each tile's estimate is
 * weighted by a separable window that is flat inside and falls off as a raised cosine over the overlap;
 * the weights of overlapping tiles are normalised to sum to one at every pixel. For a denoiser that acts
 * pixel by pixel the result equals the untiled one exactly; for a network it differs only near tile
 * borders, by what the network's receptive field sees beyond the tile. All tiles of all images go
 * through the inner denoiser in batches.
 *
 * <pre>{@code
 * Denoiser tiled = new TiledDenoiser(network, 128, 32);
 * float[][] x0 = tiled.denoise(xt, 512, 512, alphas, sigmas);
 * }</pre>
 */
public final class TiledDenoiser extends WrappingDenoiser {

    private final int tile;
    private final int overlap;

    /**
     * @param tile side of the square tiles in pixels
     * @param overlap pixels shared by neighbouring tiles (blended), less than half the tile
     */
    public TiledDenoiser(Denoiser inner, int tile, int overlap) {
        super(inner);
        if (tile < 8 || overlap < 0 || 2 * overlap >= tile) {
            throw new IllegalArgumentException("tile " + tile + " with overlap " + overlap
                    + ": need tile >= 8 and 0 <= overlap < tile / 2");
        }
        this.tile = tile;
        this.overlap = overlap;
    }

    @Override
    public float[][] denoise(float[][] xt, int height, int width, double[] alpha, double[] sigma) {
        if (height <= tile && width <= tile) {
            return inner.denoise(xt, height, width, alpha, sigma);
        }
        int tileHeight = Math.min(tile, height);
        int tileWidth = Math.min(tile, width);
        int[] rows = starts(height, tileHeight);
        int[] columns = starts(width, tileWidth);
        int tilesPerImage = rows.length * columns.length;
        int channels = channels();
        int count = xt.length * tilesPerImage;
        float[][] tiles = new float[count][];
        double[] tileAlpha = new double[count];
        double[] tileSigma = new double[count];
        for (int b = 0, t = 0; b < xt.length; b++) {
            for (int r : rows) {
                for (int c : columns) {
                    tiles[t] = crop(xt[b], width, r, c, tileHeight, tileWidth, channels);
                    tileAlpha[t] = alpha[b];
                    tileSigma[t] = sigma[b];
                    t++;
                }
            }
        }
        float[][] denoised = inner.denoise(tiles, tileHeight, tileWidth, tileAlpha, tileSigma);
        float[] windowRows = window(tileHeight, rows.length > 1);
        float[] windowColumns = window(tileWidth, columns.length > 1);
        float[][] result = new float[xt.length][];
        for (int b = 0, t = 0; b < xt.length; b++) {
            float[] sum = new float[channels * height * width];
            float[] weight = new float[height * width];
            for (int r : rows) {
                for (int c : columns) {
                    float[] estimate = denoised[t++];
                    for (int y = 0; y < tileHeight; y++) {
                        for (int x = 0; x < tileWidth; x++) {
                            float w = windowRows[y] * windowColumns[x];
                            int pixel = (r + y) * width + c + x;
                            weight[pixel] += w;
                            for (int k = 0; k < channels; k++) {
                                sum[channels * pixel + k] += w * estimate[channels * (y * tileWidth + x) + k];
                            }
                        }
                    }
                }
            }
            for (int pixel = 0; pixel < weight.length; pixel++) {
                for (int k = 0; k < channels; k++) {
                    sum[channels * pixel + k] /= weight[pixel];
                }
            }
            result[b] = sum;
        }
        return result;
    }

    /** Tile origins covering [0, size) with at least the configured overlap; the last tile ends at size. */
    private int[] starts(int size, int length) {
        if (size <= length) {
            return new int[] {0};
        }
        int stride = length - overlap;
        int n = (int) Math.ceil((size - length) / (double) stride) + 1;
        int[] origins = new int[n];
        for (int i = 0; i < n; i++) {
            // Evenly spread so every overlap is at least the configured one.
            origins[i] = (int) Math.round(i * (size - length) / (double) (n - 1));
        }
        return origins;
    }

    /** Raised-cosine ramps over the overlap at both ends (positive everywhere), flat in between. */
    private float[] window(int length, boolean blend) {
        float[] w = new float[length];
        for (int i = 0; i < length; i++) {
            double v = 1;
            if (blend && overlap > 0) {
                int edge = Math.min(i, length - 1 - i);
                if (edge < overlap) {
                    v = 0.5 - 0.5 * Math.cos(Math.PI * (edge + 0.5) / overlap);
                }
            }
            w[i] = (float) v;
        }
        return w;
    }

    private static float[] crop(float[] image, int width, int row, int column, int tileHeight, int tileWidth,
            int channels) {
        float[] out = new float[channels * tileHeight * tileWidth];
        for (int y = 0; y < tileHeight; y++) {
            System.arraycopy(image, channels * ((row + y) * width + column), out, channels * y * tileWidth,
                    channels * tileWidth);
        }
        return out;
    }
}
