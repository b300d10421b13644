package org.diffprior.solver;

/**
 * One reverse step of a sampler, from the state at {@code times[i]} to the state at {@code times[i + 1]},
 * given the network's Tweedie estimate at {@code times[i]} and its data-consistent correction. A rule is
 * made for one run ({@link SamplerMethod} makes it) and may keep what earlier steps left, as the multistep
 * rules do; {@link DiffusionSolver} owns everything else (start, network calls, hook, data consistency).
 *
 * <pre>{@code
 * UpdateRule rule = new DdimUpdate(schedule, times, 0.5, randoms);
 * x = rule.step(x, raw, corrected, i); // i = 0 … times.length − 2
 * }</pre>
 */
interface UpdateRule {

    /**
     * The particles' states at {@code times[i + 1]}.
     *
     * @param x the particles' states at {@code times[i]}; not changed
     * @param raw the network's estimates of x0 at {@code times[i]}
     * @param corrected the same after data consistency ({@code raw} itself when there is none)
     */
    float[][] step(float[][] x, float[][] raw, float[][] corrected, int i);
}
