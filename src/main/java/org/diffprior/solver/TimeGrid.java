package org.diffprior.solver;

/**
 * How a sampler places its network evaluations in time: uniformly in t (DPM-Solver's recommendation
 * for large images) or uniformly in the half log-SNR λ (better for small images, 32–64 px).
 *
 * <pre>{@code
 * double[] times = TimeGrid.UNIFORM_LOG_SNR.times(schedule, 20); // 20 times, from tMax down to tMin
 * }</pre>
 */
public enum TimeGrid {
    UNIFORM_TIME, UNIFORM_LOG_SNR;

    /** {@code count} times from {@code tMax} (first) down to {@code tMin} (last); a single time is tMax. */
    public double[] times(NoiseSchedule schedule, int count) {
        return times(schedule, count, schedule.tMax());
    }

    /** {@code count} times from {@code start} (first) down to {@code tMin} (last): a warm start's grid. */
    public double[] times(NoiseSchedule schedule, int count, double start) {
        double[] times = new double[count];
        if (count == 1) {
            times[0] = start;
            return times;
        }
        double end = schedule.tMin();
        double lambdaStart = schedule.logSnr(start);
        double lambdaEnd = schedule.logSnr(end);
        for (int i = 0; i < count; i++) {
            double f = (double) i / (count - 1);
            times[i] = this == UNIFORM_TIME ? start + f * (end - start)
                    : schedule.timeOfLogSnr(lambdaStart + f * (lambdaEnd - lambdaStart));
        }
        times[0] = start;
        times[count - 1] = end;
        return times;
    }
}
