package org.diffprior.solver;

/**
 * UniPC (Zhao et al. 2023) with B(h) = e^{−h} − 1 ("bh2"): before each step, the free corrector UniC
 * recomputes the current state from the previous one with the new evaluation included, then the
 * second-order predictor (which is DPM-Solver++ 2M for this B) steps on. Keeps the previous state and the
 * last two estimates, so one instance serves one run.
 *
 * <pre>{@code
 * UpdateRule unipc = new UniPcUpdate(schedule, TimeGrid.UNIFORM_LOG_SNR.times(schedule, 20), true);
 * float[][] next = unipc.step(x, raw, corrected, i);
 * }</pre>
 */
final class UniPcUpdate implements UpdateRule {

    private final NoiseSchedule schedule;
    private final double[] times;
    private final DpmSolver2mUpdate predictor;
    private float[][] previousState;
    private float[][] previousEstimate;
    private float[][] olderEstimate;

    UniPcUpdate(NoiseSchedule schedule, double[] times, boolean lowerOrderFinal) {
        this.schedule = schedule;
        this.times = times;
        this.predictor = new DpmSolver2mUpdate(schedule, times, lowerOrderFinal);
    }

    @Override
    public float[][] step(float[][] x, float[][] raw, float[][] corrected, int i) {
        float[][] state = x;
        if (previousState != null) {
            state = correct(previousState, previousEstimate, olderEstimate, corrected, i - 1, i);
        }
        float[][] next = predictor.step(state, raw, corrected, i);
        olderEstimate = previousEstimate;
        previousEstimate = corrected;
        previousState = state;
        return next;
    }

    /**
     * UniC: the state at times[t] recomputed from the state at times[s] with the new evaluation dT included
     * (order 1 without {@code dOlder}: ½(dT − dS); order 2: coefficients from R a = b).
     */
    private float[][] correct(float[][] xS, float[][] dS, float[][] dOlder, float[][] dT, int s, int t) {
        double lambdaS = schedule.logSnr(times[s]);
        double lambdaT = schedule.logSnr(times[t]);
        double h = lambdaT - lambdaS;
        double hh = -h;
        double hPhi1 = Math.expm1(hh);
        double bh = hPhi1;
        double sigmaRatio = schedule.sigma(times[t]) / schedule.sigma(times[s]);
        double alphaT = schedule.alpha(times[t]);
        double rOlder = 0;
        double rhoOlder = 0;
        double rhoNew;
        if (dOlder == null) {
            rhoNew = 0.5;
        } else {
            rOlder = (schedule.logSnr(times[s - 1]) - lambdaS) / h;
            double hPhiK = hPhi1 / hh - 1;
            double b1 = hPhiK / bh;
            hPhiK = hPhiK / hh - 0.5;
            double b2 = hPhiK * 2 / bh;
            // R = [[1, 1], [rOlder, 1]], solve R (rhoOlder, rhoNew) = (b1, b2).
            rhoOlder = (b1 - b2) / (1 - rOlder);
            rhoNew = b1 - rhoOlder;
        }
        int size = xS[0].length;
        float[][] corrected = new float[xS.length][size];
        for (int k = 0; k < xS.length; k++) {
            for (int j = 0; j < size; j++) {
                double value = sigmaRatio * xS[k][j] - alphaT * hPhi1 * dS[k][j];
                double sum = rhoNew * (dT[k][j] - dS[k][j]);
                if (dOlder != null) {
                    sum += rhoOlder * (dOlder[k][j] - dS[k][j]) / rOlder;
                }
                corrected[k][j] = (float) (value - alphaT * bh * sum);
            }
        }
        return corrected;
    }
}
