package org.diffprior.solver;

import org.diffprior.core.InvalidInputException;

/**
 * The discrete DDPM schedule with β linear in [β_start, β_end] over T steps (T = 1000, β in
 * [1e-4, 0.02] for DDPM/ADM/DDS/DDNM/DPS models), seen as a continuous schedule the way DPM-Solver
 * does: index n ∈ {0..T−1} sits at t_n = (n+1)/T, log α is interpolated linearly in t between those
 * points, and t ∈ [1/T, 1]. A wrapper for a network trained on indices feeds it {@link #networkIndex}.
 *
 * <pre>{@code
 * LinearBetaSchedule schedule = LinearBetaSchedule.ddpm();
 * double alphaBar = schedule.alphaBar(999);               // ≈ 4e-5
 * double index = schedule.networkIndex(schedule.timeOfAlpha(alpha)); // for the model's time input
 * }</pre>
 */
public final class LinearBetaSchedule implements NoiseSchedule {

    private final double[] logAlpha;
    private final int steps;

    /** @param steps T; betaStart, betaEnd the first and last β */
    public LinearBetaSchedule(int steps, double betaStart, double betaEnd) {
        if (steps < 2 || !(betaStart > 0) || !(betaEnd >= betaStart) || !(betaEnd < 1)) {
            throw new InvalidInputException("linear beta schedule needs T >= 2 and 0 < beta_start <= beta_end < 1");
        }
        this.steps = steps;
        this.logAlpha = new double[steps];
        double logAlphaBar = 0;
        for (int n = 0; n < steps; n++) {
            double beta = betaStart + (betaEnd - betaStart) * n / (steps - 1);
            logAlphaBar += Math.log1p(-beta);
            logAlpha[n] = 0.5 * logAlphaBar;
        }
    }

    /** T = 1000, β from 1e-4 to 0.02. */
    public static LinearBetaSchedule ddpm() {
        return new LinearBetaSchedule(1000, 1e-4, 0.02);
    }

    /** Number of discrete steps T. */
    public int steps() {
        return steps;
    }

    /** ᾱ at discrete index n (= α² of the continuous view at t = (n+1)/T). */
    public double alphaBar(int n) {
        return Math.exp(2 * logAlpha[n]);
    }

    /** Continuous index T·t − 1 in [0, T−1]: the time input of a network trained on indices. */
    public double networkIndex(double t) {
        return steps * t - 1.0;
    }

    @Override
    public double tMin() {
        return 1.0 / steps;
    }

    @Override
    public double tMax() {
        return 1.0;
    }

    @Override
    public double alpha(double t) {
        return Math.exp(interpolatedLogAlpha(t));
    }

    @Override
    public double sigma(double t) {
        return Math.sqrt(-Math.expm1(2 * interpolatedLogAlpha(t)));
    }

    @Override
    public double logSnr(double t) {
        double la = interpolatedLogAlpha(t);
        return la - 0.5 * Math.log(-Math.expm1(2 * la));
    }

    @Override
    public double timeOfLogSnr(double lambda) {
        // λ(t) is strictly decreasing; bisection to double precision is cheap and exact enough.
        double low = tMin();
        double high = tMax();
        if (lambda >= logSnr(low)) {
            return low;
        }
        if (lambda <= logSnr(high)) {
            return high;
        }
        for (int i = 0; i < 100; i++) {
            double mid = 0.5 * (low + high);
            if (logSnr(mid) > lambda) {
                low = mid;
            } else {
                high = mid;
            }
        }
        return 0.5 * (low + high);
    }

    private double interpolatedLogAlpha(double t) {
        double position = Math.min(steps - 1.0, Math.max(0.0, steps * t - 1.0));
        int n = (int) Math.floor(position);
        if (n >= steps - 1) {
            return logAlpha[steps - 1];
        }
        double f = position - n;
        return (1 - f) * logAlpha[n] + f * logAlpha[n + 1];
    }

    @Override
    public String toString() {
        return "linear-beta(T " + steps + ")";
    }
}
