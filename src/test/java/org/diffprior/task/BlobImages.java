package org.diffprior.task;

import java.util.Random;

/** Test images of the task tests: seeded Gaussian blobs (the atoms of the mixture priors) or flat discs. */
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

    /** {@code count} size×size images of five flat discs each (values 0.3–1), drawn from {@code seed}. */
    static float[][] discs(int count, int size, long seed) {
        Random random = new Random(seed);
        float[][] images = new float[count][size * size];
        for (float[] image : images) {
            for (int d = 0; d < 5; d++) {
                double cx = size * (0.3 + 0.4 * random.nextDouble());
                double cy = size * (0.3 + 0.4 * random.nextDouble());
                double r = size * (0.05 + 0.1 * random.nextDouble());
                float value = (float) (0.3 + 0.7 * random.nextDouble());
                for (int y = 0; y < size; y++) {
                    for (int x = 0; x < size; x++) {
                        if ((x - cx) * (x - cx) + (y - cy) * (y - cy) < r * r) {
                            image[y * size + x] = value;
                        }
                    }
                }
            }
        }
        return images;
    }
}
