package org.diffprior.task;

import org.diffprior.core.CancelToken;
import org.diffprior.core.ProgressListener;
import org.diffprior.prior.Denoiser;
import org.diffprior.solver.CgDataConsistency;
import org.diffprior.solver.CosineSchedule;
import org.diffprior.solver.DataConsistency;
import org.diffprior.solver.DiffusionSolver;
import org.diffprior.solver.Measurement;
import org.diffprior.solver.SamplingRequest;
import org.diffprior.solver.SamplingResult;

/**
 * DDS posterior sampling for any measurement in normalised units (image robust maximum ≈ 1): K samples
 * in one batch, CG data consistency at every step and once more, with more iterations, on the final
 * samples, so the output agrees with the measurements as closely as the classical CG solution does.
 */
final class DiffusionReconstruction {

    /** CG iterations of the final hard data consistency. */
    static final int FINAL_CG_ITERATIONS = 10;

    private DiffusionReconstruction() {
    }

    static SamplingResult sample(Denoiser prior, Measurement measurement, int height, int width,
            DiffusionSettings settings, DataConsistency stepConsistency, ProgressListener progress, CancelToken cancel) {
        return sample(prior, measurement, height, width, Math.max(height, width), settings, stepConsistency, progress,
                cancel);
    }

    /**
     * As above, with the noise schedule's resolution given: slices stacked into one tall image keep the
     * schedule of one slice.
     */
    static SamplingResult sample(Denoiser prior, Measurement measurement, int height, int width, int resolution,
            DiffusionSettings settings, DataConsistency stepConsistency, ProgressListener progress, CancelToken cancel) {
        DataConsistency step = stepConsistency != null ? stepConsistency
                : CgDataConsistency.normalEquations(settings.cgIterations());
        SamplingRequest request = SamplingRequest.builder(height, width)
                .schedule(CosineSchedule.forResolution(resolution))
                .particles(settings.samples())
                .seed(settings.seed())
                .steps(settings.steps())
                .eta(settings.eta())
                .measurement(measurement)
                .dataConsistency(settings.cgIterations() == 0 && stepConsistency == null ? DataConsistency.NONE : step)
                .finalConsistency(stepConsistency != null ? stepConsistency
                        : CgDataConsistency.normalEquations(FINAL_CG_ITERATIONS))
                .build();
        return DiffusionSolver.run(prior, request, progress, cancel);
    }

    /** Per-pixel standard deviation of real images (population form; zeros for one sample). */
    static float[] std(float[][] samples) {
        int n = samples[0].length;
        float[] out = new float[n];
        if (samples.length < 2) {
            return out;
        }
        for (int i = 0; i < n; i++) {
            double mean = 0;
            for (float[] s : samples) {
                mean += s[i];
            }
            mean /= samples.length;
            double var = 0;
            for (float[] s : samples) {
                var += (s[i] - mean) * (s[i] - mean);
            }
            out[i] = (float) Math.sqrt(var / samples.length);
        }
        return out;
    }

    /** Pixel-wise mean of real images. */
    static float[] mean(float[][] samples) {
        float[] out = new float[samples[0].length];
        for (float[] s : samples) {
            for (int i = 0; i < out.length; i++) {
                out[i] += s[i] / samples.length;
            }
        }
        return out;
    }
}
