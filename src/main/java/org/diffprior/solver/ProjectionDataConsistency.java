package org.diffprior.solver;

/**
 * The range–null-space projection of DDNM (Wang, Yu, Zhang 2023; algorithms.md §6.3):
 * x̃0 = x̂0 − A⁺(A x̂0 − y), so A x̃0 = y exactly when A A⁺ = I (noiseless DDNM with λ = 1). Needs the
 * measurement's pseudo-inverse; it is the cheap choice when A⁺ is explicit (box downsampling: pixel
 * replication; single-coil Cartesian MRI: A⁺ = Aᴴ, i.e. k-space replacement).
 *
 * <pre>{@code
 * DataConsistency ddnm = new ProjectionDataConsistency();
 * }</pre>
 */
public final class ProjectionDataConsistency implements DataConsistency {

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
        float[] correction = new float[x0.length];
        measurement.pseudoInverse().accept(residual, correction);
        for (int i = 0; i < x0.length; i++) {
            x0[i] -= correction[i];
        }
    }

    @Override
    public String toString() {
        return "projection";
    }
}
