package org.diffprior.solver;

/**
 * DPM-Solver++ (2M), the multistep second-order solver of the probability-flow ODE in data prediction
 * (Lu et al. 2022), on the corrected estimates: first order on the first step (no earlier estimate yet)
 * and, with {@code lowerOrderFinal}, on the last step of runs with fewer than 10 steps. Keeps the previous
 * step's estimate, so one instance serves one run.
 *
 * <pre>{@code
 * UpdateRule dpm = new DpmSolver2mUpdate(schedule, TimeGrid.UNIFORM_LOG_SNR.times(schedule, 20), true);
 * float[][] next = dpm.step(x, raw, corrected, i);
 * }</pre>
 */
final class DpmSolver2mUpdate implements UpdateRule {

    private final NoiseSchedule schedule;
    private final double[] times;
    private final boolean lowerOrderFinal;
    private float[][] previousEstimate;

    DpmSolver2mUpdate(NoiseSchedule schedule, double[] times, boolean lowerOrderFinal) {
        this.schedule = schedule;
        this.times = times;
        this.lowerOrderFinal = lowerOrderFinal;
    }

    @Override
    public float[][] step(float[][] x, float[][] raw, float[][] corrected, int i) {
        int odeSteps = times.length - 1;
        boolean finalStep = i == times.length - 2;
        boolean firstOrder = previousEstimate == null || (lowerOrderFinal && odeSteps < 10 && finalStep);
        float[][] next = firstOrder ? predict(x, corrected, null, i) : predict(x, corrected, previousEstimate, i);
        previousEstimate = corrected;
        return next;
    }

    /**
     * The step from times[i] to times[i+1]: first order without {@code previous} (the estimate at
     * times[i−1]), second order with it. For UniPC the same predictor: B(h) = e^{−h} − 1 with a = ½ makes
     * UniP-2 identical to 2M.
     */
    private float[][] predict(float[][] x, float[][] d, float[][] previous, int i) {
        double lambdaS = schedule.logSnr(times[i]);
        double lambdaT = schedule.logSnr(times[i + 1]);
        double h = lambdaT - lambdaS;
        double sigmaRatio = schedule.sigma(times[i + 1]) / schedule.sigma(times[i]);
        double alphaT = schedule.alpha(times[i + 1]);
        double phi = Math.expm1(-h); // e^{−h} − 1 < 0
        double r0 = previous == null ? 0 : (lambdaS - schedule.logSnr(times[i - 1])) / h;
        int size = x[0].length;
        float[][] next = new float[x.length][size];
        for (int k = 0; k < x.length; k++) {
            for (int j = 0; j < size; j++) {
                double value = sigmaRatio * x[k][j] - alphaT * phi * d[k][j];
                if (previous != null) {
                    double d1 = (d[k][j] - previous[k][j]) / r0;
                    value -= 0.5 * alphaT * phi * d1;
                }
                next[k][j] = (float) value;
            }
        }
        return next;
    }
}
