package org.diffprior.prior;

/** Analytic Gaussian prior (stationary, Wiener filter). */
class GaussianPriorDenoiserContractTest extends DenoiserContractTest {
    @Override
    protected Denoiser denoiser() {
        return GaussianPriorDenoiser.powerLaw(8, 12, 3, 0.1, 1, 0.2);
    }

    @Override
    protected int height() {
        return 8;
    }

    @Override
    protected int width() {
        return 12;
    }
}
