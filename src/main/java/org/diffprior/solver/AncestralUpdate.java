package org.diffprior.solver;

import java.util.Random;

/**
 * The DDPM ancestral step (Song's DDIM with η = 1): x_s = α_s x̃0 + √(σ_s² − c²) ε̂ + c z with
 * c = (σ_s/σ_t)·√(1 − α_t²/α_s²), the posterior q(x_s | x_t, x0) sampled at x0 = x̃0.
 *
 * <pre>{@code
 * UpdateRule ancestral = new AncestralUpdate(schedule, times, randoms);
 * float[][] next = ancestral.step(x, raw, corrected, i);
 * }</pre>
 */
final class AncestralUpdate implements UpdateRule {

    private final NoiseSchedule schedule;
    private final double[] times;
    private final Random[] randoms;

    /** {@code randoms}: one stream per particle. */
    AncestralUpdate(NoiseSchedule schedule, double[] times, Random[] randoms) {
        this.schedule = schedule;
        this.times = times;
        this.randoms = randoms;
    }

    @Override
    public float[][] step(float[][] x, float[][] raw, float[][] corrected, int i) {
        double alphaT = schedule.alpha(times[i]);
        double sigmaT = schedule.sigma(times[i]);
        double alphaS = schedule.alpha(times[i + 1]);
        double sigmaS = schedule.sigma(times[i + 1]);
        double ratio = (alphaT * alphaT) / (alphaS * alphaS);
        double fresh = sigmaS / sigmaT * Math.sqrt(Math.max(0, 1 - ratio));
        double kept = Math.sqrt(Math.max(0, sigmaS * sigmaS - fresh * fresh));
        return DdimUpdate.renoise(x, raw, corrected, alphaT, sigmaT, alphaS, fresh, kept, randoms);
    }
}
