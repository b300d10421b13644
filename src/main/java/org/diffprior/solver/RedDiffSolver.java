package org.diffprior.solver;

import org.diffprior.core.Adam;
import org.diffprior.core.CancelToken;
import org.diffprior.core.InvalidInputException;
import org.diffprior.core.ProgressListener;
import org.diffprior.physics.LinearOperator;
import org.diffprior.prior.Denoiser;

/**
 * RED-diff (Mardani et al. 2024; algorithms.md §6.2), not a sampler but a variational solver: one image μ
 * per particle, initialised at A⁺y (or Aᴴy; the request's initial state or warm-start estimate when given),
 * updated by {@link Adam} once per network evaluation, sweeping t over the request's time grid from its
 * start time to tMin, with the gradient w·Aᴴ(Aμ − y) + λ_t(ε̂ − ε) = w·Aᴴ(Aμ − y) + λ(μ − x̂0(αμ + σε))
 * (fresh ε each step, no network gradient; λ_t = λσ/α is the paper's "linear" weighting, which makes the
 * prior term λ(μ − x̂0)). Particles differ only through ε, so their spread is not a posterior spread. The
 * request's sampler settings (method, η, lower-order final step) do not apply; its step hook and final
 * consistency do, and a per-step data consistency is refused: the gradient has its own data term.
 *
 * <pre>{@code
 * SamplingRequest request = SamplingRequest.builder(h, w).particles(4).steps(50).measurement(m)
 *         .finalConsistency(new ProjectionDataConsistency()).build();
 * SamplingResult r = RedDiffSolver.run(denoiser, request, RedDiffOptions.defaults().withLearningRate(0.05));
 * }</pre>
 */
public final class RedDiffSolver {

    private static final Adam ADAM = new Adam(0.9, 0.99, 1e-8);

    private RedDiffSolver() {
    }

    /** Runs without progress reports and without cancellation. */
    public static SamplingResult run(Denoiser denoiser, SamplingRequest request, RedDiffOptions options) {
        return run(denoiser, request, options, ProgressListener.NONE, CancelToken.none());
    }

    /**
     * Runs RED-diff; checks {@code cancel} before every network evaluation and reports one progress unit
     * per evaluation.
     *
     * @throws java.util.concurrent.CancellationException when cancelled
     */
    public static SamplingResult run(Denoiser denoiser, SamplingRequest request, RedDiffOptions options,
            ProgressListener progress, CancelToken cancel) {
        if (request.dataConsistency() != DataConsistency.NONE) {
            throw new InvalidInputException("RED-diff fits the data through its own gradient; pass no per-step data "
                    + "consistency (a final one is fine)");
        }
        ParticleRun run = new ParticleRun(denoiser, request, "RED_DIFF", progress, cancel);
        int particles = run.randoms.length;
        int size = run.size;
        float[][] mu = startImages(run);
        // Double moments, as RED-diff has always kept them (results unchanged); μ itself is float.
        double[][] firstMoment = new double[particles][size];
        double[][] secondMoment = new double[particles][size];
        double lambda = options.regularizationWeight();
        double w = options.dataWeight();
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
            Adam.Step step = ADAM.step(i + 1, options.learningRate());
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
        return run.finish(mu);
    }

    /** μ's start: the initial states, the warm-start estimate, A⁺y, Aᴴy, or zero without measurement. */
    private static float[][] startImages(ParticleRun run) {
        SamplingRequest request = run.request;
        Measurement measurement = run.measurement();
        float[][] mu = new float[run.randoms.length][];
        for (int k = 0; k < mu.length; k++) {
            if (request.initialState() != null) {
                mu[k] = request.initialState()[k].clone();
            } else if (request.warmStart() != null) {
                mu[k] = request.warmStart().clone();
            } else if (measurement == null) {
                mu[k] = new float[run.size];
            } else if (measurement.hasPseudoInverse()) {
                mu[k] = measurement.pseudoInverseOfData();
            } else {
                mu[k] = measurement.adjointOfData();
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
