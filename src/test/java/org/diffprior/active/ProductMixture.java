package org.diffprior.active;

import java.util.Random;

import org.diffprior.physics.CenteredFft2;
import org.diffprior.prior.MixturePriorDenoiser;

/**
 * Test prior: complex images whose centred k-space is a fixed base plus ±v_l in each of a few informative
 * columns l, every sign pattern equally likely (2^L images). The columns are independent bits of
 * information: acquiring column l reveals its sign and nothing about the others, and every other column
 * is the same in all images.
 */
public final class ProductMixture {

    public final int height;
    public final int width;
    public final int[] informative;
    public final float[][] kspaces;
    public final float[][] images;
    public final MixturePriorDenoiser prior;

    public ProductMixture(int height, int width, int[] informative, long seed) {
        this.height = height;
        this.width = width;
        this.informative = informative.clone();
        Random random = new Random(seed);
        int n = height * width;
        float[] base = new float[2 * n];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double radius = Math.hypot(y - height / 2.0, x - width / 2.0);
                double amplitude = 2.0 / (1 + radius);
                base[2 * (y * width + x)] = (float) (amplitude * random.nextGaussian());
                base[2 * (y * width + x) + 1] = (float) (amplitude * random.nextGaussian());
            }
        }
        float[][] columns = new float[informative.length][2 * height];
        for (float[] column : columns) {
            for (int i = 0; i < column.length; i++) {
                column[i] = (float) (0.7 * random.nextGaussian());
            }
        }
        int count = 1 << informative.length;
        kspaces = new float[count][];
        images = new float[count][];
        CenteredFft2 fft = new CenteredFft2(height, width);
        for (int pattern = 0; pattern < count; pattern++) {
            float[] k = base.clone();
            for (int l = 0; l < informative.length; l++) {
                float sign = ((pattern >> l) & 1) == 1 ? 1f : -1f;
                for (int y = 0; y < height; y++) {
                    int i = 2 * (y * width + informative[l]);
                    k[i] += sign * columns[l][2 * y];
                    k[i + 1] += sign * columns[l][2 * y + 1];
                }
            }
            kspaces[pattern] = k;
            float[] image = k.clone();
            fft.inverse(image);
            images[pattern] = image;
        }
        prior = new MixturePriorDenoiser(2, images, null);
    }

    /** Magnitude of image {@code pattern}. */
    public float[] magnitude(int pattern) {
        float[] image = images[pattern];
        float[] m = new float[height * width];
        for (int i = 0; i < m.length; i++) {
            m[i] = (float) Math.hypot(image[2 * i], image[2 * i + 1]);
        }
        return m;
    }
}
