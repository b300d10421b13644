package org.diffprior.prior;

import java.util.Random;

/** Mixture of images. */
class MixturePriorDenoiserContractTest extends DenoiserContractTest {
    @Override
    protected Denoiser denoiser() {
        Random random = new Random(5);
        float[][] images = new float[3][36];
        for (float[] image : images) {
            for (int i = 0; i < image.length; i++) {
                image[i] = (float) random.nextGaussian();
            }
        }
        return new MixturePriorDenoiser(1, images, new double[] {1, 2, 3});
    }

    @Override
    protected int height() {
        return 6;
    }

    @Override
    protected int width() {
        return 6;
    }
}
