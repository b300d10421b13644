package org.diffprior.solver;

import java.util.Locale;

import org.diffprior.core.InvalidInputException;
import org.diffprior.physics.LinearOperator;

/**
 * The data-consistency step of DDS (Chung, Lee, Ye 2024; algorithms.md §2.2): a few conjugate-gradient
 * iterations started at the Tweedie estimate x̂0. Two variants:
 * <ul>
 * <li>normal equations (noiseless data): CG on AᴴA x = Aᴴ y from x̂0; converged, this is the projection
 * of x̂0 onto {x : A x = y} (changes only the range of Aᴴ), so it needs no pseudo-inverse;</li>
 * <li>proximal (noisy data): CG on (I + γ AᴴA) x = x̂0 + γ Aᴴ y, i.e. argmin ½||x − x̂0||² + γ/2 ||A x − y||²;</li>
 * <li>discrepancy (noisy data of known noise level): CGLS from x̂0, stopped once ||A x − y|| ≤ τ σ √M.</li>
 * </ul>
 * {@link #auto} picks normal equations when the measurement's noise std is 0 and the proximal form
 * otherwise, which is the switch the DDS code makes on σ_y.
 *
 * <pre>{@code
 * DataConsistency dc = CgDataConsistency.auto(5, 1.0);
 * dc.apply(x0, measurement, alpha, sigma);
 * }</pre>
 */
public final class CgDataConsistency implements DataConsistency {

    private enum Variant { NORMAL_EQUATIONS, PROXIMAL, AUTO, DISCREPANCY }

    private final Variant variant;
    private final int iterations;
    /** γ of the proximal form; τ of the discrepancy form. */
    private final double weight;
    private final double relativeTolerance;
    /** Aᴴy of the last measurement seen: the same at every step of a run (one adjoint per step saved). */
    private Measurement lastMeasurement;
    private float[] lastAdjointOfData;

    private CgDataConsistency(Variant variant, int iterations, double weight, double relativeTolerance) {
        if (iterations < 1) {
            throw new InvalidInputException("CG data consistency needs at least 1 iteration, got " + iterations);
        }
        if (!(weight > 0)) {
            throw new InvalidInputException("CG data consistency weight (gamma or tau) must be > 0, got " + weight);
        }
        this.variant = variant;
        this.iterations = iterations;
        this.weight = weight;
        this.relativeTolerance = relativeTolerance;
    }

    /** CG on AᴴA x = Aᴴ y started at the estimate (noiseless DDS). */
    public static CgDataConsistency normalEquations(int iterations) {
        return new CgDataConsistency(Variant.NORMAL_EQUATIONS, iterations, 1.0, 1e-6);
    }

    /** CG on (I + γAᴴA) x = x̂0 + γAᴴy started at the estimate (noisy DDS). */
    public static CgDataConsistency proximal(int iterations, double gamma) {
        return new CgDataConsistency(Variant.PROXIMAL, iterations, gamma, 1e-6);
    }

    /**
     * CGLS on the normal equations from the estimate, stopped once ||A x − y|| ≤ τ·σ·√M (σ the
     * measurement's noise std, M its size): as far as the data carry signal, and no further into the
     * noise. Noiseless measurements run all iterations, like {@link #normalEquations}.
     */
    public static CgDataConsistency discrepancy(int iterations, double tau) {
        return new CgDataConsistency(Variant.DISCREPANCY, iterations, tau, 0);
    }

    /** Normal equations for noiseless measurements, proximal with weight γ otherwise. */
    public static CgDataConsistency auto(int iterations, double gamma) {
        return new CgDataConsistency(Variant.AUTO, iterations, gamma, 1e-6);
    }

    /** The same step with another CG stopping tolerance (relative residual). */
    public CgDataConsistency withRelativeTolerance(double tolerance) {
        return new CgDataConsistency(variant, iterations, weight, tolerance);
    }

    public int iterations() {
        return iterations;
    }

    @Override
    public void apply(float[] x0, Measurement measurement, double alpha, double sigma) {
        LinearOperator a = measurement.operator();
        if (variant == Variant.DISCREPANCY) {
            ConjugateGradient.leastSquares(a, measurement.y(), x0, iterations, weight * measurement.noiseNorm());
            return;
        }
        float[] aty = adjointOfData(measurement);
        boolean normal = variant == Variant.NORMAL_EQUATIONS
                || (variant == Variant.AUTO && measurement.noiseStd() == 0);
        if (normal) {
            ConjugateGradient.solve(a::normal, aty, x0, iterations, relativeTolerance);
            return;
        }
        int n = x0.length;
        float[] rhs = new float[n];
        for (int i = 0; i < n; i++) {
            rhs[i] = (float) (x0[i] + weight * aty[i]);
        }
        ConjugateGradient.solve((in, out) -> {
            a.normal(in, out);
            for (int i = 0; i < n; i++) {
                out[i] = (float) (in[i] + weight * out[i]);
            }
        }, rhs, x0, iterations, relativeTolerance);
    }

    /** Aᴴy, computed once per measurement (an active acquisition replaces the measurement, hence the check). */
    private synchronized float[] adjointOfData(Measurement measurement) {
        if (measurement != lastMeasurement) {
            lastAdjointOfData = measurement.adjointOfData();
            lastMeasurement = measurement;
        }
        return lastAdjointOfData;
    }

    @Override
    public String toString() {
        return "CG(" + variant.name().toLowerCase(Locale.ROOT) + ", " + iterations + " it"
                + (variant == Variant.NORMAL_EQUATIONS ? "" : variant == Variant.DISCREPANCY ? ", tau " + weight
                        : ", gamma " + weight)
                + ")";
    }
}
