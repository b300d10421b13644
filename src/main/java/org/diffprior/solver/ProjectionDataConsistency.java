package org.diffprior.solver;

/**
 * The range–null-space projection of DDNM (Wang, Yu, Zhang 2023; algorithms.md §6.3):
 * x̃0 = x̂0 − A⁺(A x̂0 − y), so A x̃0 = y exactly when A A⁺ = I (noiseless DDNM with λ = 1). Needs the
 * measurement's pseudo-inverse; it is the cheap choice when A⁺ is explicit (box downsampling: pixel
 * replication; single-coil Cartesian MRI: A⁺ = Aᴴ, i.e. k-space replacement).
 *
 * <p>For noisy measurements (noise std σ > 0) the correction is scaled, x̃0 = x̂0 − c A⁺(A x̂0 − y), with
 * the largest c in [0, 1] that leaves a residual of τ σ √M (discrepancy principle; with A A⁺ = I the
 * residual is (1 − c)·||A x̂0 − y||, so c = 1 − τ σ √M / ||A x̂0 − y||, or 0 when x̂0 already fits that well):
 * the data then correct the estimate as far as they carry signal, not their noise.
 *
 * <pre>{@code
 * DataConsistency ddnm = new ProjectionDataConsistency();
 * }</pre>
 */
public final class ProjectionDataConsistency implements DataConsistency {

    private final double tau;

    /** Exact projection for noiseless data; for noisy data a residual of one noise norm (τ = 1). */
    public ProjectionDataConsistency() {
        this(1.0);
    }

    /** @param tau residual left for noisy data, in units of the expected noise norm σ√M */
    public ProjectionDataConsistency(double tau) {
        if (!(tau > 0)) {
            throw new IllegalArgumentException("tau must be > 0, got " + tau);
        }
        this.tau = tau;
    }

    @Override
    public void apply(float[] x0, Measurement measurement, double alpha, double sigma) {
        if (!measurement.hasPseudoInverse()) {
            measurement.pseudoInverseOfData(); // throws the one-line explanation
        }
        float[] residual = new float[measurement.operator().outputSize()];
        measurement.operator().apply(x0, residual);
        float[] y = measurement.y();
        for (int i = 0; i < residual.length; i++) {
            residual[i] -= y[i];
        }
        double c = 1;
        if (measurement.noiseStd() > 0) {
            double norm = Math.sqrt(ConjugateGradient.dot(residual, residual));
            double target = tau * measurement.noiseNorm();
            c = norm > target ? 1 - target / norm : 0;
        }
        if (c == 0) {
            return;
        }
        float[] correction = new float[x0.length];
        measurement.pseudoInverse().accept(residual, correction);
        for (int i = 0; i < x0.length; i++) {
            x0[i] -= (float) (c * correction[i]);
        }
    }

    @Override
    public String toString() {
        return "projection";
    }
}
