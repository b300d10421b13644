package org.diffprior.solver;

import org.diffprior.core.Adam;
import org.diffprior.core.CancelToken;
import org.diffprior.core.ProgressListener;
import org.diffprior.physics.LinearOperator;
import org.diffprior.prior.Denoiser;

/**
 * Diffusion posterior sampling for y = A x + n with any {@link LinearOperator} and any {@link Denoiser}:
 * K particles run as one batch (one denoiser call per step for all of them), each step being
 * Tweedie estimate → step hook → data consistency → update (an {@code UpdateRule}, chosen by
 * {@link SamplerMethod}). DDS is {@code DDIM + CgDataConsistency}, DDNM is
 * {@code DDIM + ProjectionDataConsistency}, RED-diff is its own method; with no measurement (or a denoiser
 * that already conditions on y) it is plain sampling. Random numbers come from one stream per particle
 * seeded by (seed, particle), so a run is reproducible and particle k does not depend on how many particles
 * run beside it.
 *
 * <pre>{@code
 * SamplingRequest request = SamplingRequest.builder(h, w).particles(8).steps(50).eta(0.5)
 *         .measurement(new Measurement(op, y, 0.01, null)).dataConsistency(CgDataConsistency.auto(5, 1)).build();
 * SamplingResult result = DiffusionSolver.run(denoiser, request, progress, cancel);
 * }</pre>
 */
public final class DiffusionSolver {

    private static final Adam RED_DIFF_ADAM = new Adam(0.9, 0.99, 1e-8);

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
        if (request.method() == SamplerMethod.RED_DIFF) {
            return run.finish(redDiff(run));
        }
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

    /** RED-diff: Adam on μ with gradient w·Aᴴ(Aμ − y) + λ(μ − x̂0(αμ + σε)); ignores the per-step consistency. */
    private static float[][] redDiff(ParticleRun run) {
        SamplingRequest request = run.request;
        int particles = run.randoms.length;
        int size = run.size;
        float[][] mu = new float[particles][];
        Measurement measurement = run.measurement();
        for (int k = 0; k < particles; k++) {
            if (request.initialState() != null) {
                mu[k] = request.initialState()[k].clone();
            } else if (request.warmStart() != null) {
                mu[k] = request.warmStart().clone();
            } else if (measurement == null) {
                mu[k] = new float[size];
            } else if (measurement.hasPseudoInverse()) {
                mu[k] = measurement.pseudoInverseOfData();
            } else {
                mu[k] = measurement.adjointOfData();
            }
        }
        double[][] firstMoment = new double[particles][size];
        double[][] secondMoment = new double[particles][size];
        double lambda = request.regularizationWeight();
        double w = request.dataWeight();
        float[][] xt = new float[particles][size];
        for (int i = 0; i < run.times.length; i++) {
            double alpha = run.schedule.alpha(run.times[i]);
            double sigma = run.schedule.sigma(run.times[i]);
            for (int k = 0; k < particles; k++) {
                for (int j = 0; j < size; j++) {
                    xt[k][j] = (float) (alpha * mu[k][j] + sigma * run.randoms[k].nextGaussian());
                }
            }
            float[][] x0 = run.evaluate(xt, i, DataConsistency.NONE).raw();
            Adam.Step step = RED_DIFF_ADAM.step(i + 1, request.learningRate());
            for (int k = 0; k < particles; k++) {
                float[] dataGradient = dataGradient(mu[k], run.measurement(), size);
                for (int j = 0; j < size; j++) {
                    double g = w * dataGradient[j] + lambda * (mu[k][j] - x0[k][j]);
                    firstMoment[k][j] = step.firstMoment(firstMoment[k][j], g);
                    secondMoment[k][j] = step.secondMoment(secondMoment[k][j], g);
                    mu[k][j] -= (float) step.change(firstMoment[k][j], secondMoment[k][j]);
                }
            }
        }
        return mu;
    }

    /** Aᴴ(Aμ − y), or zero without measurement. */
    private static float[] dataGradient(float[] mu, Measurement measurement, int size) {
        float[] gradient = new float[size];
        if (measurement == null) {
            return gradient;
        }
        LinearOperator a = measurement.operator();
        float[] residual = new float[a.outputSize()];
        a.apply(mu, residual);
        float[] y = measurement.y();
        for (int i = 0; i < residual.length; i++) {
            residual[i] -= y[i];
        }
        a.adjoint(residual, gradient);
        return gradient;
    }
}
