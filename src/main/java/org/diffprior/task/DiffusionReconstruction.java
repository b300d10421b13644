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

    /**
     * Where the sampler's steps lie: uniform time on the cosine schedule with its half log-SNR raised by
     * log 16, which puts about half of the steps at α ≥ 0.99 (noise ≤ 7 % of the signal scale) and spreads
     * the rest over the higher noise levels. The "simple diffusion" shift for large images (log(64/side),
     * towards more noise) is meant for unconditional generation; under strong data consistency the
     * measurements fix the coarse structure, and the prior earns its keep in the many small low-noise
     * steps. Measured against that shift (first brain prior, 50 steps, 1 sample): MRI on the validation
     * plane Colin27 axial 104 at 128² R = 8 random 18.96 → 20.08 dB, R = 8 equispaced 19.93 → 22.77, R = 4
     * 25.77 → 29.32; on Colin27 axial 79 at 256² (a plane the prior was trained on, 30 steps) R = 8 19.32 →
     * 21.85, R = 4 22.58 → 26.13; CT 30 views on 4 held-out phantoms (CT prior) 36.35 → 37.99; SR ×4 on 3
     * Colin27 validation planes 24.15 → 24.40.
     * Shifts from log 4 to log 64 were within 0.3 dB of each other; a uniform log-SNR grid gave half the
     * gain and the EDM ρ = 7 grid less.
     */
    static final double STEP_SHIFT = Math.log(16);

    /**
     * Residual left by the noise-aware data consistency (CT with --i0, SR and MRI with a noise level), in units
     * of the expected noise norm σ√M: the textbook τ = 1 of the discrepancy principle, checked on validation
     * data only. CT (8 held-out phantoms, 30 views) τ = 0.8 / 1 / 1.3: 36.10 / 35.96 / 34.79 dB at I0 = 10⁵,
     * 31.86 / 32.55 / 29.53 at 10⁴ (fixed 5 CG steps: 34.99, 27.24). MRI (axial 104, σ = 0.05) τ = 0.8 / 1 /
     * 1.2: 24.87 / 25.35 / 23.98 dB at R = 4, 20.46 / 20.42 / 19.44 at R = 8. SR ×4 (σ = 0.02 / 0.05) preferred
     * 0.6–0.8 by 0.2–0.5 dB but lost 0.7 dB at σ = 0.1; one value for all tasks, on the safe side.
     */
    static final double DISCREPANCY_TAU = 1.0;

    /** CG iterations of the final hard data consistency. */
    static final int FINAL_CG_ITERATIONS = 10;

    private DiffusionReconstruction() {
    }

    static SamplingResult sample(Denoiser prior, Measurement measurement, int height, int width,
            DiffusionSettings settings, DataConsistency stepConsistency, ProgressListener progress,
            CancelToken cancel) {
        return sample(prior, measurement, height, width, settings, stepConsistency, null, progress, cancel);
    }

    /**
     * As {@link #sample(Denoiser, Measurement, int, int, DiffusionSettings, DataConsistency, ProgressListener,
     * CancelToken)}, started at the settings' noise level around {@code estimate} when the settings ask for a
     * warm start and an estimate is given.
     */
    static SamplingResult sample(Denoiser prior, Measurement measurement, int height, int width,
            DiffusionSettings settings, DataConsistency stepConsistency, float[] estimate, ProgressListener progress,
            CancelToken cancel) {
        return sample(prior, measurement, height, width, settings, stepConsistency, null, estimate, progress, cancel);
    }

    /**
     * As above, with {@code finalConsistency} as the final hard data consistency instead of the step's (when not
     * null).
     */
    static SamplingResult sample(Denoiser prior, Measurement measurement, int height, int width,
            DiffusionSettings settings, DataConsistency stepConsistency, DataConsistency finalConsistency,
            float[] estimate, ProgressListener progress, CancelToken cancel) {
        CosineSchedule schedule = CosineSchedule.withShift(STEP_SHIFT);
        DataConsistency step = stepConsistency != null ? stepConsistency
                : CgDataConsistency.normalEquations(settings.cgIterations());
        SamplingRequest.Builder builder = SamplingRequest.builder(height, width)
                .schedule(schedule)
                .particles(settings.samples())
                .seed(settings.seed())
                .steps(settings.steps())
                .eta(settings.eta())
                .measurement(measurement)
                .dataConsistency(settings.cgIterations() == 0 && stepConsistency == null ? DataConsistency.NONE : step)
                .finalConsistency(finalConsistency != null ? finalConsistency
                        : stepConsistency != null ? stepConsistency
                                : CgDataConsistency.normalEquations(FINAL_CG_ITERATIONS));
        if (estimate != null && settings.warmStart()) {
            builder.warmStart(estimate, startTime(schedule, settings.startNoise()));
        }
        return DiffusionSolver.run(prior, builder.build(), progress, cancel);
    }

    /** Time at which the schedule's noise-to-signal ratio σ/α equals {@code noise} (clamped to the schedule). */
    static double startTime(CosineSchedule schedule, double noise) {
        double earliest = 1e-3;
        return Math.max(earliest, schedule.timeOfLogSnr(-Math.log(noise)));
    }
}
