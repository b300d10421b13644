package org.diffprior.solver;

import java.util.function.BiConsumer;

import org.diffprior.physics.LinearOperator;

/**
 * Conjugate gradient for a symmetric positive (semi-)definite operator M on flat float arrays:
 * solves M x = b starting from the given x. Inner products are real dot products accumulated in
 * double, which for interleaved complex data are the real parts of Hermitian inner products, so the
 * solver is correct for normal operators AᴴA + μI of complex operators too.
 *
 * <pre>{@code
 * float[] x = x0.clone();
 * int iterations = ConjugateGradient.solve(op::normal, b, x, 20, 1e-6);
 * }</pre>
 */
public final class ConjugateGradient {

    private ConjugateGradient() {
    }

    /**
     * Runs at most {@code maxIterations} CG steps on {@code M x = b}, updating {@code x} in place.
     *
     * @param operator computes out = M in (must not modify in)
     * @param relativeTolerance stop when ||r|| ≤ relativeTolerance · ||b||
     * @return the number of iterations performed
     */
    public static int solve(BiConsumer<float[], float[]> operator, float[] b, float[] x,
            int maxIterations, double relativeTolerance) {
        int n = b.length;
        float[] r = new float[n];
        float[] p = new float[n];
        float[] mp = new float[n];
        operator.accept(x, mp);
        for (int i = 0; i < n; i++) {
            r[i] = b[i] - mp[i];
            p[i] = r[i];
        }
        double bNorm = Math.sqrt(dot(b, b));
        double stop = relativeTolerance * (bNorm > 0 ? bNorm : 1.0);
        double rr = dot(r, r);
        int iteration = 0;
        while (iteration < maxIterations && Math.sqrt(rr) > stop) {
            operator.accept(p, mp);
            double pmp = dot(p, mp);
            if (!(pmp > 0)) {
                break; // p lies in the null space (or M is not positive): no further progress possible
            }
            double step = rr / pmp;
            for (int i = 0; i < n; i++) {
                x[i] += (float) (step * p[i]);
                r[i] -= (float) (step * mp[i]);
            }
            double rrNew = dot(r, r);
            double beta = rrNew / rr;
            for (int i = 0; i < n; i++) {
                p[i] = (float) (r[i] + beta * p[i]);
            }
            rr = rrNew;
            iteration++;
        }
        return iteration;
    }

    /**
     * CGLS: conjugate gradient on the normal equations AᴴA x = Aᴴ y written with the data residual
     * r = y − A x, so that it can stop as soon as ||r|| ≤ {@code targetResidualNorm} (the discrepancy
     * principle for noisy data: fitting further fits the noise). Updates {@code x} in place; each
     * iteration costs one A and one Aᴴ.
     *
     * @return the number of iterations performed (0 when the start already meets the target)
     */
    public static int leastSquares(LinearOperator a, float[] y, float[] x, int maxIterations,
            double targetResidualNorm) {
        float[] r = new float[a.outputSize()];
        a.apply(x, r);
        for (int i = 0; i < r.length; i++) {
            r[i] = y[i] - r[i];
        }
        double rr = dot(r, r);
        if (Math.sqrt(rr) <= targetResidualNorm || maxIterations < 1) {
            return 0;
        }
        float[] s = new float[a.inputSize()];
        a.adjoint(r, s);
        float[] p = s.clone();
        float[] q = new float[r.length];
        double ss = dot(s, s);
        int iteration = 0;
        while (iteration < maxIterations && ss > 0) {
            a.apply(p, q);
            double qq = dot(q, q);
            if (!(qq > 0)) {
                break; // p lies in the null space of A
            }
            double step = ss / qq;
            for (int i = 0; i < x.length; i++) {
                x[i] += (float) (step * p[i]);
            }
            for (int i = 0; i < r.length; i++) {
                r[i] -= (float) (step * q[i]);
            }
            iteration++;
            if (iteration == maxIterations || Math.sqrt(dot(r, r)) <= targetResidualNorm) {
                break;
            }
            a.adjoint(r, s);
            double ssNew = dot(s, s);
            double beta = ssNew / ss;
            for (int i = 0; i < p.length; i++) {
                p[i] = (float) (s[i] + beta * p[i]);
            }
            ss = ssNew;
        }
        return iteration;
    }

    /** Real dot product accumulated in double. */
    public static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (double) a[i] * b[i];
        }
        return s;
    }
}
