package org.diffprior.solver;

/**
 * Called once per sampling step, right after the network evaluation and before data consistency, with
 * every particle's Tweedie estimate. It returns the measurement to use from this step on, which lets an
 * active-subsampling loop (ADS) pick a new k-space line from the particles' estimates and extend the
 * mask between steps. Returning {@code state.measurement()} keeps it.
 *
 * <pre>{@code
 * StepHook hook = state -> state.step() == 10 ? widerMask(state.x0Estimates()) : state.measurement();
 * }</pre>
 */
@FunctionalInterface
public interface StepHook {

    /** The measurement for this and later steps (may be null when sampling unconditionally). */
    Measurement onStep(StepState state);

    /** Keeps the measurement. */
    StepHook NONE = StepState::measurement;

    /**
     * What a hook sees.
     *
     * @param step index of this step, 0-based
     * @param steps total number of steps (= network evaluations)
     * @param time diffusion time of this step
     * @param alpha signal level
     * @param sigma noise level
     * @param x0Estimates Tweedie estimate of every particle before data consistency; read only
     * @param measurement the measurement in use so far (may be null)
     */
    record StepState(int step, int steps, double time, double alpha, double sigma, float[][] x0Estimates,
            Measurement measurement) {
    }
}
