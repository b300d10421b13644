package org.diffprior.task;

import java.util.ArrayList;
import java.util.List;

import org.diffprior.classical.FbpFilter;
import org.diffprior.classical.FilteredBackProjection;
import org.diffprior.core.CancelToken;
import org.diffprior.core.Intensities;
import org.diffprior.core.InvalidInputException;
import org.diffprior.core.ProgressListener;
import org.diffprior.physics.BlockDiagonal;
import org.diffprior.physics.LinearOperator;
import org.diffprior.physics.ParallelBeamProjector;
import org.diffprior.prior.Denoiser;
import org.diffprior.prior.SliceBatchedDenoiser;
import org.diffprior.solver.CgDataConsistency;
import org.diffprior.solver.DataConsistency;
import org.diffprior.solver.Measurement;
import org.diffprior.solver.SamplingResult;
import org.diffprior.solver.ThroughPlaneTv;

/**
 * CT reconstruction from a parallel-beam sinogram (sparse view or limited angle) with a diffusion prior:
 * DDS with a few CG steps on the matched projector's normal equations per step. Intensities are normalised
 * by the robust maximum of the Hann-filtered FBP image and returned in the sinogram's units; pixels outside
 * the inscribed circle are 0 (DESIGN.md section 3).
 *
 * <pre>{@code
 * DiffusionOutput out = CtDiffusion.run(sinogram, angles, 256, prior, DiffusionSettings.defaults(),
 *         ProgressListener.NONE, CancelToken.none());
 * }</pre>
 */
public final class CtDiffusion {

    private CtDiffusion() {
    }

    /** @param sinogram one row per view, {@code size} detector bins per row */
    public static DiffusionOutput run(float[] sinogram, double[] anglesDegrees, int size, Denoiser prior,
            DiffusionSettings settings, ProgressListener progress, CancelToken cancel) {
        return runSlices(List.of(sinogram), anglesDegrees, size, prior, settings, progress, cancel).get(0);
    }

    /**
     * Reconstructs the slices of a stack (one sinogram each, same angles) in one sampling run: each keeps its
     * own data and intensity scale, and all slices go through the network together as one batch.
     */
    public static List<DiffusionOutput> runSlices(List<float[]> sinograms, double[] anglesDegrees, int size,
            Denoiser prior, DiffusionSettings settings, ProgressListener progress, CancelToken cancel) {
        return runSlices(sinograms, anglesDegrees, size, prior, settings, null, progress, cancel);
    }

    /**
     * As {@link #runSlices(List, double[], int, Denoiser, DiffusionSettings, ProgressListener, CancelToken)}
     * for sinograms with known photon-counting noise: each step's CG then stops once the data residual
     * reaches the noise level (discrepancy principle) instead of fitting the noise.
     *
     * @param noise the sinograms' noise, or null when unknown or noiseless (a fixed number of CG steps)
     */
    public static List<DiffusionOutput> runSlices(List<float[]> sinograms, double[] anglesDegrees, int size,
            Denoiser prior, DiffusionSettings settings, CtNoise noise, ProgressListener progress, CancelToken cancel) {
        return runSlices(sinograms, anglesDegrees, size, prior, settings, noise, 0, progress, cancel);
    }

    /**
     * As {@link #runSlices(List, double[], int, Denoiser, DiffusionSettings, CtNoise, ProgressListener,
     * CancelToken)} for adjacent slices of a volume, with TV of weight {@code throughPlaneTv} along the slice axis
     * after each step's data consistency ({@link ThroughPlaneTv}); 0 reconstructs the slices independently.
     */
    public static List<DiffusionOutput> runSlices(List<float[]> sinograms, double[] anglesDegrees, int size,
            Denoiser prior, DiffusionSettings settings, CtNoise noise, double throughPlaneTv, ProgressListener progress,
            CancelToken cancel) {
        if (prior.channels() != 1) {
            throw InvalidInputException.of("model", "CT needs a real-valued (1-channel) prior; the {model} given has "
                    + prior.channels() + " channels");
        }
        int slices = sinograms.size();
        long start = System.nanoTime();
        ParallelBeamProjector projector = new ParallelBeamProjector(size, anglesDegrees);
        double[] scales = new double[slices];
        float[] y = new float[slices * projector.outputSize()];
        LinearOperator[] blocks = new LinearOperator[slices];
        for (int s = 0; s < slices; s++) {
            float[] sinogram = sinograms.get(s);
            if (sinogram.length != anglesDegrees.length * size) {
                throw InvalidInputException.of("angles",
                        "the sinogram has " + sinogram.length + " values but " + anglesDegrees.length
                                + " views of " + size + " bins need " + anglesDegrees.length * size
                                + "; check {angles}");
            }
            float[] fbp = FilteredBackProjection.reconstruct(sinogram, anglesDegrees, size, FbpFilter.HANN);
            scales[s] = Intensities.robustMax(fbp, false);
            if (!(scales[s] > 0)) {
                throw new InvalidInputException("the sinogram of slice " + s + " is zero; nothing to reconstruct");
            }
            System.arraycopy(Intensities.scaled(sinogram, 1 / scales[s]), 0, y, s * sinogram.length, sinogram.length);
            blocks[s] = projector;
        }
        LinearOperator operator = slices == 1 ? projector : new BlockDiagonal(blocks);
        Denoiser network = slices == 1 ? prior : new SliceBatchedDenoiser(prior, slices);
        // The same few CG steps at the end as during sampling: more would fit noise in the sinogram.
        int iterations = Math.max(1, settings.cgIterations());
        double noiseStd = 0;
        if (noise != null) {
            double variance = 0;
            for (int s = 0; s < slices; s++) {
                variance += noise.variance(sinograms.get(s)) / (scales[s] * scales[s]);
            }
            noiseStd = Math.sqrt(variance / y.length);
        }
        DataConsistency consistency = noise == null ? CgDataConsistency.normalEquations(iterations)
                : CgDataConsistency.discrepancy(iterations, DiffusionReconstruction.DISCREPANCY_TAU);
        if (throughPlaneTv > 0 && slices > 1) {
            consistency = new ThroughPlaneTv(consistency, slices, size * size, scales, throughPlaneTv);
        }
        SamplingResult result = DiffusionReconstruction.sample(network, new Measurement(operator, y, noiseStd, null),
                slices * size, size, settings, consistency, progress, cancel);
        double seconds = (System.nanoTime() - start) / 1e9;
        boolean[] circle = ParallelBeamProjector.circleMask(size);
        int pixels = size * size;
        List<DiffusionOutput> outputs = new ArrayList<>();
        for (int s = 0; s < slices; s++) {
            float[][] samples = new float[result.samples().length][];
            for (int k = 0; k < samples.length; k++) {
                samples[k] = new float[pixels];
                for (int i = 0; i < pixels; i++) {
                    samples[k][i] = circle[i] ? (float) (result.samples()[k][s * pixels + i] * scales[s]) : 0;
                }
            }
            outputs.add(DiffusionOutput.of(size, size, samples, result.networkEvaluations(), seconds / slices));
        }
        return outputs;
    }
}
