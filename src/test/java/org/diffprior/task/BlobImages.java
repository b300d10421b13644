package org.diffprior.task;

import java.util.Random;

/** Test images of the task tests: a few seeded Gaussian blobs, the atoms of the mixture priors. */
final class BlobImages {

    private BlobImages() {
    }

    /** {@code count} size×size images of four Gaussian blobs each (peaks about 0.8), drawn from {@code seed}. */
    static float[][] blobs(int count, int size, long seed) {
        Random random = new Random(seed);
        float[][] images = new float[count][size * size];
        double margin = 6.0 * size / 32;
        double spread = 20.0 * size / 32;
        for (float[] image : images) {
            for (int b = 0; b < 4; b++) {
                double cx = margin + random.nextDouble() * spread;
                double cy = margin + random.nextDouble() * spread;
                double r = (2 + random.nextDouble() * 4) * size / 32;
                for (int y = 0; y < size; y++) {
                    for (int x = 0; x < size; x++) {
                        double d2 = ((x - cx) * (x - cx) + (y - cy) * (y - cy)) / (r * r);
                        image[y * size + x] += (float) (0.8 * Math.exp(-d2));
                    }
                }
            }
        }
        return images;
    }
}
