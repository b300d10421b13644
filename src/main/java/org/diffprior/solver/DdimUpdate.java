package org.diffprior.solver;

import java.util.Random;

/**
 * DDIM's step x_s = α_s x̃0 + σ_s(√(1−η²) ε̂ + η z) with η in the DDNM/DDS convention (the fraction of the
 * noise std at s that is fresh noise; see {@link SamplerMethod#DDIM}). ε̂ comes from the network's
 * uncorrected estimate and x̃0 is the corrected one, as DDS and DDNM do.
 *
 * <pre>{@code
 * UpdateRule ddim = new DdimUpdate(schedule, times, 0.85, randoms); // DDNM's default η
 * float[][] next = ddim.step(x, raw, corrected, i);
 * }</pre>
 */
final class DdimUpdate implements UpdateRule {

    private final NoiseSchedule schedule;
    private final double[] times;
    private final double eta;
    private final Random[] randoms;

    /** {@code randoms}: one stream per particle, drawn from only when η > 0. */
    DdimUpdate(NoiseSchedule schedule, double[] times, double eta, Random[] randoms) {
        this.schedule = schedule;
        this.times = times;
        this.eta = eta;
        this.randoms = randoms;
    }

    @Override
    public float[][] step(float[][] x, float[][] raw, float[][] corrected, int i) {
        double sigmaS = schedule.sigma(times[i + 1]);
        return renoise(x, raw, corrected, schedule.alpha(times[i]), schedule.sigma(times[i]),
                schedule.alpha(times[i + 1]), eta * sigmaS, Math.sqrt(1 - eta * eta) * sigmaS, randoms);
    }

    /**
     * x_s = α_s x̃0 + kept·ε̂ + fresh·z with ε̂ = (x_t − α_t x̂0)/σ_t from the uncorrected estimate: the step
     * shared by DDIM and the ancestral rule, which differ only in how much of σ_s is fresh noise. Each
     * particle draws its z from its own stream, pixel by pixel, and nothing when {@code fresh} is 0.
     */
    static float[][] renoise(float[][] x, float[][] raw, float[][] corrected, double alphaT, double sigmaT,
            double alphaS, double fresh, double kept, Random[] randoms) {
        int size = x[0].length;
        float[][] next = new float[x.length][size];
        for (int k = 0; k < x.length; k++) {
            for (int i = 0; i < size; i++) {
                double eps = (x[k][i] - alphaT * raw[k][i]) / sigmaT;
                double z = fresh > 0 ? randoms[k].nextGaussian() : 0;
                next[k][i] = (float) (alphaS * corrected[k][i] + kept * eps + fresh * z);
            }
        }
        return next;
    }
}
