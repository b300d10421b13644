package org.diffprior.prior;

/**
 * A denoiser for the variance-preserving diffusion x_t = α x0 + σ ε: returns the estimate of x0
 * (the Tweedie estimate E[x0 | x_t] for an exact denoiser).
 *
 * <p>Images use the physics layer's layout: {@code channels() == 1} is a real H×W image in row-major
 * order; {@code channels() == 2} is a complex H×W image stored interleaved (re, im). A batch is one
 * array per image, so particles, slices and tiles can be batched through a network in one call.
 *
 * <pre>{@code
 * float[][] x0 = denoiser.denoise(xt, height, width, alphas, sigmas);
 * }</pre>
 */
public interface Denoiser {

    /** 1 for real images, 2 for complex images (interleaved real/imaginary). */
    int channels();

    /**
     * Estimates x0 for every image of the batch.
     *
     * @param xt noisy images, each of {@code channels() * height * width} floats; not modified
     * @param alpha signal coefficient α of each image's noise level
     * @param sigma noise coefficient σ of each image's noise level
     * @return a new array of x0 estimates, same shapes as {@code xt}
     */
    float[][] denoise(float[][] xt, int height, int width, double[] alpha, double[] sigma);

    /**
     * Whether every flip and 90° rotation of an image is denoised as well as the image itself, so that
     * {@link DihedralDenoiser} may turn its inputs: true for a network trained with those augmentations, as every
     * prior this project trains is; false for an analytic prior of given images, which knows them in one
     * orientation only.
     */
    default boolean dihedralInvariant() {
        return false;
    }
}
