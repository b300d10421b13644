package org.diffprior.solver;

/**
 * A correction of a clean-image estimate towards the measurements, applied to every particle's Tweedie
 * estimate inside a sampling step (DDS CG, DDNM projection) and, as hard data consistency, to the final
 * output. Implementations must be stateless (one instance serves all particles).
 *
 * <pre>{@code
 * DataConsistency dds = CgDataConsistency.auto(5, 1.0);   // DDS: CG started at x̂0
 * DataConsistency ddnm = new ProjectionDataConsistency(); // x̂0 − A⁺(A x̂0 − y)
 * }</pre>
 */
@FunctionalInterface
public interface DataConsistency {

    /**
     * Corrects {@code x0} in place.
     *
     * @param alpha signal level of the step (1 at the final correction)
     * @param sigma noise level of the step (0 at the final correction)
     */
    void apply(float[] x0, Measurement measurement, double alpha, double sigma);

    /** Leaves estimates unchanged (unconditional sampling, or a conditional denoiser). */
    DataConsistency NONE = (x0, measurement, alpha, sigma) -> {};
}
