package org.diffprior.task;

import java.util.ArrayList;
import java.util.List;

import org.diffprior.classical.SrInterpolation;
import org.diffprior.core.CancelToken;
import org.diffprior.core.Intensities;
import org.diffprior.core.InvalidInputException;
import org.diffprior.core.ProgressListener;
import org.diffprior.physics.BicubicDownsampling;
import org.diffprior.physics.BlockDiagonal;
import org.diffprior.physics.BoxDownsampling;
import org.diffprior.physics.LinearOperator;
import org.diffprior.prior.Denoiser;
import org.diffprior.prior.SliceBatchedDenoiser;
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
        return runSlices(List.of(lowRes), width, height, scale, degradation, noiseSigma, prior, settings, progress,
                cancel).get(0);
    }

    /**
     * Super-resolves the planes of a stack (each {@code width}×{@code height}, same scale and degradation) in one
     * sampling run: each keeps its own data and intensity scale, and all planes go through the network together
     * as one batch (each tiled when large).
     */
    public static List<DiffusionOutput> runSlices(List<float[]> lowRes, int width, int height, int scale,
            String degradation, double noiseSigma, Denoiser prior, DiffusionSettings settings,
            ProgressListener progress, CancelToken cancel) {
        SrRequest.checkNoiseSigma(noiseSigma);
        if (prior.channels() != 1) {
            throw InvalidInputException.of("model",
                    "super-resolution needs a real-valued (1-channel) prior; the {model} "
                            + "given has " + prior.channels() + " channels");
        }
        SrInterpolation.checkScale(scale, SrRequest.MIN_DIFFUSION_SCALE, " for diffusion");
        long start = System.nanoTime();
        int slices = lowRes.size();
        int lowSize = width * height;
        double[] intensities = new double[slices];
        float[] y = new float[slices * lowSize];
        double noiseVariance = 0;
        for (int s = 0; s < slices; s++) {
            intensities[s] = Intensities.robustMax(lowRes.get(s), false);
            if (!(intensities[s] > 0)) {
                intensities[s] = 1; // an all-zero input super-resolves to zeros
            }
            System.arraycopy(Intensities.scaled(lowRes.get(s), 1 / intensities[s]), 0, y, s * lowSize, lowSize);
            noiseVariance += (noiseSigma / intensities[s]) * (noiseSigma / intensities[s]) / slices;
        }
        // One noise level for the batch: the slices' normalised noise pooled (equal for slices of equal scale).
        double noise = Math.sqrt(noiseVariance);
        int highWidth = width * scale;
        int highHeight = height * scale;
        Measurement measurement;
        DataConsistency consistency;
        switch (degradation) {
            case "box" -> {
                // Slices stacked vertically: box blocks never straddle two slices, so one operator serves them all.
                BoxDownsampling box = new BoxDownsampling(highWidth, slices * highHeight, scale);
                measurement = new Measurement(box, y, noise, box::pseudoInverse);
                consistency = new ProjectionDataConsistency(DiffusionReconstruction.DISCREPANCY_TAU);
            }
            case "bicubic" -> {
                LinearOperator bicubic = new BicubicDownsampling(highWidth, highHeight, scale);
                LinearOperator operator = bicubic;
                if (slices > 1) {
                    LinearOperator[] blocks = new LinearOperator[slices];
                    java.util.Arrays.fill(blocks, bicubic);
                    operator = new BlockDiagonal(blocks);
                }
                measurement = new Measurement(operator, y, noise, null);
                // CG on the normal equations; with known noise CGLS stopped at the noise level.
                consistency = noise > 0 ? CgDataConsistency.discrepancy(Math.max(1, settings.cgIterations()),
                        DiffusionReconstruction.DISCREPANCY_TAU) : null;
            }
            default -> throw InvalidInputException.of("degradation", "{degradation} must be box or bicubic, got "
                    + degradation);
        }
        Denoiser perSlice = highWidth > TILE || highHeight > TILE ? new TiledDenoiser(prior, TILE, TILE_OVERLAP)
                : prior;
        Denoiser network = slices == 1 ? perSlice : new SliceBatchedDenoiser(perSlice, slices);
        SamplingResult result = DiffusionReconstruction.sample(network, measurement, slices * highHeight, highWidth,
                settings, consistency, progress, cancel);
        double seconds = (System.nanoTime() - start) / 1e9;
        int highSize = highWidth * highHeight;
        List<DiffusionOutput> outputs = new ArrayList<>(slices);
        for (int s = 0; s < slices; s++) {
            float[][] samples = new float[result.samples().length][];
            for (int k = 0; k < samples.length; k++) {
                float[] slice = java.util.Arrays.copyOfRange(result.samples()[k], s * highSize, (s + 1) * highSize);
                samples[k] = Intensities.scaled(slice, intensities[s]);
            }
            outputs.add(DiffusionOutput.of(highWidth, highHeight, samples, result.networkEvaluations(),
                    seconds / slices));
        }
        return outputs;
    }
}
