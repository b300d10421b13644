package org.diffprior.prior;

/**
 * A test stub: returns what it was given plus a ramp in the coordinates it sees (1000 per row, 100 per column, 10
 * per channel), so that it is wrong in every orientation but one and a turn shows in its output; keeps the last
 * image it saw, and says whether it may be turned as it is told.
 */
public final class RampDenoiser implements Denoiser {
    private final int channels;
    private final boolean invariant;
    /** The last image this denoiser was given. */
    public float[] seen;

    public RampDenoiser(int channels, boolean invariant) {
        this.channels = channels;
        this.invariant = invariant;
    }

    @Override
    public int channels() {
        return channels;
    }

    @Override
    public boolean dihedralInvariant() {
        return invariant;
    }

    @Override
    public float[][] denoise(float[][] xt, int height, int width, double[] alpha, double[] sigma) {
        float[][] out = new float[xt.length][];
        for (int b = 0; b < xt.length; b++) {
            seen = xt[b].clone();
            out[b] = new float[xt[b].length];
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    for (int c = 0; c < channels; c++) {
                        int i = (y * width + x) * channels + c;
                        out[b][i] = xt[b][i] + 1000 * y + 100 * x + 10 * c;
                    }
                }
            }
        }
        return out;
    }
}
