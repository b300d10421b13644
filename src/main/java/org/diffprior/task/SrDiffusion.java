package org.diffprior.task;

import org.diffprior.classical.SrInterpolation;
import org.diffprior.core.CancelToken;
import org.diffprior.core.Intensities;
import org.diffprior.core.InvalidInputException;
import org.diffprior.core.ProgressListener;
import org.diffprior.physics.BicubicDownsampling;
import org.diffprior.physics.BoxDownsampling;
import org.diffprior.physics.LinearOperator;
import org.diffprior.prior.Denoiser;
import org.diffprior.prior.TiledDenoiser;
import org.diffprior.solver.CgDataConsistency;
import org.diffprior.solver.DataConsistency;
import org.diffprior.solver.Measurement;
import org.diffprior.solver.ProjectionDataConsistency;
import org.diffprior.solver.SamplingResult;

/**
 * Super-resolution by an integer scale with a diffusion prior, consistent with the low-resolution input
 * under the chosen degradation: DDNM projection for box (block means are kept exactly, A⁺ = replication),
 * DDS with CG on the normal equations for bicubic. Intensities are normalised by the input's robust maximum.
 *
 * <pre>{@code
 * DiffusionOutput hr = SrDiffusion.run(lowRes, 64, 64, 4, "box", prior, DiffusionSettings.defaults(),
 *         ProgressListener.NONE, CancelToken.none());
 * }</pre>
 */
public final class SrDiffusion {

    /**
     * Outputs larger than this (in pixels a side) are denoised in overlapping tiles of this size, blended
     * without seams ({@link TiledDenoiser}), which bounds the network's memory for large images.
     */
    public static final int TILE = 256;
    public static final int TILE_OVERLAP = 32;

    private SrDiffusion() {
    }

    public static DiffusionOutput run(float[] lowRes, int width, int height, int scale, String degradation,
            Denoiser prior, DiffusionSettings settings, ProgressListener progress, CancelToken cancel) {
        return run(lowRes, width, height, scale, degradation, 0, prior, settings, progress, cancel);
    }

    /**
     * @param noiseSigma standard deviation of the input's noise in its own units, 0 when noiseless or unknown:
     *        with it the data consistency stops at the noise level (discrepancy principle) instead of copying
     *        the noise into the result
     */
    public static DiffusionOutput run(float[] lowRes, int width, int height, int scale, String degradation,
            double noiseSigma, Denoiser prior, DiffusionSettings settings, ProgressListener progress,
            CancelToken cancel) {
        SrRequest.checkNoiseSigma(noiseSigma);
        if (prior.channels() != 1) {
            throw InvalidInputException.of("model",
                    "super-resolution needs a real-valued (1-channel) prior; the {model} "
                            + "given has " + prior.channels() + " channels");
        }
        SrInterpolation.checkScale(scale, SrRequest.MIN_DIFFUSION_SCALE, " for diffusion");
        long start = System.nanoTime();
        double intensity = Intensities.robustMax(lowRes, false);
        if (!(intensity > 0)) {
            intensity = 1; // an all-zero input super-resolves to zeros
        }
        float[] y = Intensities.scaled(lowRes, 1 / intensity);
        double noise = noiseSigma / intensity;
        int highWidth = width * scale;
        int highHeight = height * scale;
        Measurement measurement;
        DataConsistency consistency;
        switch (degradation) {
            case "box" -> {
                BoxDownsampling box = new BoxDownsampling(highWidth, highHeight, scale);
                measurement = new Measurement(box, y, noise, box::pseudoInverse);
                consistency = new ProjectionDataConsistency(DiffusionReconstruction.DISCREPANCY_TAU);
            }
            case "bicubic" -> {
                LinearOperator bicubic = new BicubicDownsampling(highWidth, highHeight, scale);
                measurement = new Measurement(bicubic, y, noise, null);
                // CG on the normal equations; with known noise CGLS stopped at the noise level.
                consistency = noise > 0 ? CgDataConsistency.discrepancy(Math.max(1, settings.cgIterations()),
                        DiffusionReconstruction.DISCREPANCY_TAU) : null;
            }
            default -> throw InvalidInputException.of("degradation", "{degradation} must be box or bicubic, got "
                    + degradation);
        }
        Denoiser network = highWidth > TILE || highHeight > TILE ? new TiledDenoiser(prior, TILE, TILE_OVERLAP) : prior;
        SamplingResult result = DiffusionReconstruction.sample(network, measurement, highHeight, highWidth, settings,
                consistency, progress, cancel);
        float[][] samples = new float[result.samples().length][];
        for (int k = 0; k < samples.length; k++) {
            samples[k] = Intensities.scaled(result.samples()[k], intensity);
        }
        return DiffusionOutput.of(highWidth, highHeight, samples, result.networkEvaluations(),
                (System.nanoTime() - start) / 1e9);
    }
}
