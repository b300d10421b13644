package org.diffprior.prior;

import java.util.Random;

/** Dense Gaussian, complex (2 channels). */
class GaussianPosteriorDenoiserContractTest extends DenoiserContractTest {
    @Override
    protected Denoiser denoiser() {
        double[][] c = new double[32][32];
        Random random = new Random(4);
        double[][] b = new double[32][32];
        for (double[] row : b) {
            for (int j = 0; j < 32; j++) {
                row[j] = random.nextGaussian();
            }
        }
        for (int i = 0; i < 32; i++) {
            for (int j = 0; j < 32; j++) {
                for (int k = 0; k < 32; k++) {
                    c[i][j] += b[i][k] * b[j][k] / 32;
                }
            }
        }
        return new GaussianPosteriorDenoiser(2, new double[32], c);
    }

    @Override
    protected int height() {
        return 4;
    }

    @Override
    protected int width() {
        return 4;
    }
}
