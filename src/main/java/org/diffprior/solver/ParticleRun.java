package org.diffprior.solver;

import java.util.Arrays;
import java.util.Random;

import org.diffprior.core.CancelToken;
import org.diffprior.core.InvalidInputException;
import org.diffprior.core.ProgressListener;
import org.diffprior.prior.Denoiser;

/**
 * What {@link DiffusionSolver} and {@link RedDiffSolver} share in one run: the size checks, one random
 * stream per particle, the time grid, the network evaluation (one batched denoiser call for all particles,
 * then the step hook and a data consistency, with cancel before and progress after) and the final hard
 * data consistency with the measurement in use at the end.
 *
 * <pre>{@code
 * ParticleRun run = new ParticleRun(denoiser, request, "DDIM", progress, cancel);
 * ParticleRun.Estimates e = run.evaluate(x, 0, request.dataConsistency());
 * return run.finish(samples);
 * }</pre>
 */
final class ParticleRun {

    /** The network's x0 estimates of every particle, and the same after data consistency (or {@code raw}). */
    record Estimates(float[][] raw, float[][] corrected) {
    }

    final SamplingRequest request;
    final NoiseSchedule schedule;
    /** Floats per image: the denoiser's channels · height · width. */
    final int size;
    /** Particle k's stream, seeded by (seed, k) only, so k does not depend on how many run beside it. */
    final Random[] randoms;
    /** The network evaluations' times, from the start time down to tMin. */
    final double[] times;
    private final Denoiser denoiser;
    private final String label;
    private final ProgressListener progress;
    private final CancelToken cancel;
    private final long startNanos = System.nanoTime();
    private Measurement measurement;
    private int evaluations;

    /** {@code label} names the method in progress messages ("DDIM step 3/50"). */
    ParticleRun(Denoiser denoiser, SamplingRequest request, String label, ProgressListener progress,
            CancelToken cancel) {
        this.denoiser = denoiser;
        this.request = request;
        this.label = label;
        this.progress = progress;
        this.cancel = cancel;
        this.schedule = request.schedule();
        this.size = denoiser.channels() * request.height() * request.width();
        checkSizes(request, size);
        this.randoms = new Random[request.particles()];
        for (int k = 0; k < randoms.length; k++) {
            randoms[k] = new Random(particleSeed(request.seed(), k));
        }
        this.times = request.timeGrid().times(schedule, request.steps(), request.startTime());
        this.measurement = request.measurement();
    }

    /** Seed of particle k's stream: a SplitMix64 mix, so neighbouring seeds give unrelated streams. */
    static long particleSeed(long seed, int particle) {
        long z = seed + 0x9E3779B97F4A7C15L * (particle + 1L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** The measurement in use: the request's, or what the step hook last returned (may be null). */
    Measurement measurement() {
        return measurement;
    }

    /**
     * Network evaluation {@code step} (at {@code times[step]}) of the particles {@code x}: the batched
     * denoiser call, then the step hook, then {@code consistency} on a copy of each estimate when there is
     * a measurement.
     *
     * @throws java.util.concurrent.CancellationException when cancelled
     */
    Estimates evaluate(float[][] x, int step, DataConsistency consistency) {
        cancel.check();
        double t = times[step];
        double alpha = schedule.alpha(t);
        double sigma = schedule.sigma(t);
        float[][] raw = denoise(x, alpha, sigma);
        measurement = request.stepHook().onStep(new StepHook.StepState(step, times.length, t, alpha, sigma, raw,
                measurement));
        float[][] corrected = raw;
        if (consistency != DataConsistency.NONE && measurement != null) {
            corrected = new float[raw.length][];
            for (int k = 0; k < raw.length; k++) {
                corrected[k] = raw[k].clone();
                consistency.apply(corrected[k], measurement, alpha, sigma);
            }
        }
        progress.progress(step + 1, times.length, label + " step " + (step + 1) + "/" + times.length);
        return new Estimates(raw, corrected);
    }

    /** Applies the request's final consistency to {@code samples} in place and summarises the run. */
    SamplingResult finish(float[][] samples) {
        if (measurement != null && request.finalConsistency() != DataConsistency.NONE) {
            for (float[] sample : samples) {
                request.finalConsistency().apply(sample, measurement, 1.0, 0.0);
            }
        }
        return SamplingResult.of(request.height(), request.width(), denoiser.channels(), samples, evaluations,
                (System.nanoTime() - startNanos) * 1e-9);
    }

    private float[][] denoise(float[][] x, double alpha, double sigma) {
        double[] alphas = new double[x.length];
        double[] sigmas = new double[x.length];
        Arrays.fill(alphas, alpha);
        Arrays.fill(sigmas, sigma);
        float[][] out = denoiser.denoise(x, request.height(), request.width(), alphas, sigmas);
        evaluations++;
        if (out.length != x.length || out[0].length != size) {
            throw new IllegalStateException("denoiser returned a batch of the wrong shape");
        }
        return out;
    }

    private static void checkSizes(SamplingRequest request, int size) {
        Measurement m = request.measurement();
        if (m != null && m.operator().inputSize() != size) {
            throw new InvalidInputException("the measurement operator expects images of " + m.operator().inputSize()
                    + " values but the denoiser's images have " + size + "; check image size and channels");
        }
        if (request.warmStart() != null && request.warmStart().length != size) {
            throw new InvalidInputException("the warm-start estimate has " + request.warmStart().length
                    + " values, expected " + size);
        }
        if (request.initialState() != null) {
            for (float[] x : request.initialState()) {
                if (x.length != size) {
                    throw new InvalidInputException("an initial state has " + x.length + " values, expected " + size);
                }
            }
        }
    }
}
