package org.diffprior.solver;

import org.diffprior.core.InvalidInputException;

/**
 * RED-diff's own settings (see {@link RedDiffSolver}); everything else of a run (size, particles, seed,
 * schedule, steps, measurement, hook, final consistency, start) comes from the {@link SamplingRequest}.
 *
 * <pre>{@code
 * RedDiffOptions options = RedDiffOptions.defaults().withLearningRate(0.05);
 * SamplingResult r = RedDiffSolver.run(denoiser, request, options);
 * }</pre>
 *
 * @param learningRate Adam's learning rate, &gt; 0
 * @param regularizationWeight λ, the weight of the prior term λ(μ − x̂0), ≥ 0
 * @param dataWeight w, the weight of the data term w·Aᴴ(Aμ − y), ≥ 0
 */
public record RedDiffOptions(double learningRate, double regularizationWeight, double dataWeight) {

    public RedDiffOptions {
        if (!(learningRate > 0)) {
            throw new InvalidInputException("learning rate must be > 0, got " + learningRate);
        }
        if (!(regularizationWeight >= 0)) {
            throw new InvalidInputException("regularization weight must be >= 0, got " + regularizationWeight);
        }
        if (!(dataWeight >= 0)) {
            throw new InvalidInputException("data weight must be >= 0, got " + dataWeight);
        }
    }

    /** Learning rate 0.1, λ = 0.25, w = 1. */
    public static RedDiffOptions defaults() {
        return new RedDiffOptions(0.1, 0.25, 1.0);
    }

    public RedDiffOptions withLearningRate(double value) {
        return new RedDiffOptions(value, regularizationWeight, dataWeight);
    }

    public RedDiffOptions withRegularizationWeight(double value) {
        return new RedDiffOptions(learningRate, value, dataWeight);
    }

    public RedDiffOptions withDataWeight(double value) {
        return new RedDiffOptions(learningRate, regularizationWeight, value);
    }
}
