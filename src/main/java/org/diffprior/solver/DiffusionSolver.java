package org.diffprior.solver;

import org.diffprior.core.CancelToken;
import org.diffprior.core.ProgressListener;
import org.diffprior.physics.LinearOperator;
import org.diffprior.prior.Denoiser;

/**
 * Diffusion posterior sampling for y = A x + n with any {@link LinearOperator} and any {@link Denoiser}:
 * K particles run as one batch (one denoiser call per step for all of them), each step being
 * Tweedie estimate → step hook → data consistency → update (an {@code UpdateRule}, chosen by
 * {@link SamplerMethod}). DDS is {@code DDIM + CgDataConsistency}, DDNM is
 * {@code DDIM + ProjectionDataConsistency}; RED-diff is a solver of its own ({@link RedDiffSolver}); with
 * no measurement (or a denoiser that already conditions on y) it is plain sampling. Random numbers come
 * from one stream per particle seeded by (seed, particle), so a run is reproducible and particle k does not
 * depend on how many particles run beside it.
 *
 * <pre>{@code
 * SamplingRequest request = SamplingRequest.builder(h, w).particles(8).steps(50).eta(0.5)
 *         .measurement(new Measurement(op, y, 0.01, null)).dataConsistency(CgDataConsistency.auto(5, 1)).build();
 * SamplingResult result = DiffusionSolver.run(denoiser, request, progress, cancel);
 * }</pre>
 */
public final class DiffusionSolver {

    private DiffusionSolver() {
    }

    /** Runs without progress reports and without cancellation. */
    public static SamplingResult run(Denoiser denoiser, SamplingRequest request) {
        return run(denoiser, request, ProgressListener.NONE, CancelToken.none());
    }

    /**
     * Runs the request; checks {@code cancel} before every network evaluation and reports one progress
     * unit per evaluation.
     *
     * @throws java.util.concurrent.CancellationException when cancelled
     */
    public static SamplingResult run(Denoiser denoiser, SamplingRequest request, ProgressListener progress,
            CancelToken cancel) {
        ParticleRun run = new ParticleRun(denoiser, request, request.method().toString(), progress, cancel);
        UpdateRule rule = request.method().rule(request, run.times, run.randoms);
        float[][] x = startStates(run);
        int last = run.times.length - 1;
        for (int i = 0;; i++) {
            ParticleRun.Estimates estimates = run.evaluate(x, i, request.dataConsistency());
            if (i == last) {
                return run.finish(estimates.corrected());
            }
            x = rule.step(x, estimates.raw(), estimates.corrected(), i);
        }
    }

    /** x at the first time: the request's initial states, the noised warm-start estimate, or Gaussian noise. */
    private static float[][] startStates(ParticleRun run) {
        SamplingRequest request = run.request;
        float[][] x = new float[run.randoms.length][];
        for (int k = 0; k < x.length; k++) {
            if (request.initialState() != null) {
                x[k] = request.initialState()[k].clone();
            } else if (request.warmStart() != null) {
                float[] estimate = request.warmStart();
                double alpha = run.schedule.alpha(run.times[0]);
                double sigma = run.schedule.sigma(run.times[0]);
                x[k] = new float[run.size];
                for (int i = 0; i < run.size; i++) {
                    x[k][i] = (float) (alpha * estimate[i] + sigma * run.randoms[k].nextGaussian());
                }
            } else {
                x[k] = new float[run.size];
                for (int i = 0; i < run.size; i++) {
                    x[k][i] = (float) run.randoms[k].nextGaussian();
                }
            }
        }
        return x;
    }
}
