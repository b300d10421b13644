package org.diffprior.task;

/**
 * A diffusion reconstruction in the input's units: the posterior mean (magnitude for MRI), the per-pixel
 * standard deviation across samples (zeros for one sample) and the samples themselves, all H×W row-major.
 */
public record DiffusionOutput(int width, int height, float[] mean, float[] std, float[][] samples,
        int networkEvaluations, double seconds) {
}
