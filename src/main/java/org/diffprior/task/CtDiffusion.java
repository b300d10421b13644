package org.diffprior.task;

import org.diffprior.core.CancelToken;
import org.diffprior.core.InvalidInputException;
import org.diffprior.core.ProgressListener;
import org.diffprior.physics.FbpFilter;
import org.diffprior.physics.FilteredBackProjection;
import org.diffprior.physics.ParallelBeamProjector;
import org.diffprior.prior.Denoiser;
import org.diffprior.solver.CgDataConsistency;
import org.diffprior.solver.Measurement;
import org.diffprior.solver.SamplingResult;

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
        if (prior.channels() != 1) {
            throw new InvalidInputException("CT needs a real-valued (1-channel) prior; the given model has "
                    + prior.channels() + " channels");
        }
        if (sinogram.length != anglesDegrees.length * size) {
            throw new InvalidInputException("the sinogram has " + sinogram.length + " values but " + anglesDegrees.length
                    + " views of " + size + " bins need " + anglesDegrees.length * size + "; check --angles");
        }
        long start = System.nanoTime();
        float[] fbp = FilteredBackProjection.reconstruct(sinogram, anglesDegrees, size, FbpFilter.HANN);
        double scale = Intensities.robustMax(fbp, false);
        if (!(scale > 0)) {
            throw new InvalidInputException("the sinogram is zero; nothing to reconstruct");
        }
        ParallelBeamProjector projector = new ParallelBeamProjector(size, anglesDegrees);
        Measurement measurement = Measurement.of(projector, Intensities.scaled(sinogram, 1 / scale));
        // The same few CG steps at the end as during sampling: more would fit noise in the sinogram.
        CgDataConsistency consistency = CgDataConsistency.normalEquations(Math.max(1, settings.cgIterations()));
        SamplingResult result = DiffusionReconstruction.sample(prior, measurement, size, size, settings, consistency,
                progress, cancel);
        boolean[] circle = ParallelBeamProjector.circleMask(size);
        float[][] samples = new float[result.samples().length][];
        for (int k = 0; k < samples.length; k++) {
            samples[k] = Intensities.scaled(result.samples()[k], scale);
            for (int i = 0; i < circle.length; i++) {
                if (!circle[i]) {
                    samples[k][i] = 0;
                }
            }
        }
        return new DiffusionOutput(size, size, DiffusionReconstruction.mean(samples), DiffusionReconstruction.std(samples),
                samples, result.networkEvaluations(), (System.nanoTime() - start) / 1e9);
    }
}
