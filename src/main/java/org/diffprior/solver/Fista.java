package org.diffprior.solver;

import java.util.Random;

import org.diffprior.core.CancelToken;
import org.diffprior.core.ProgressListener;
import org.diffprior.physics.LinearOperator;

/**
 * FISTA (Beck and Teboulle 2009) for min_x ½‖Ax − y‖² + g(x): a gradient step on the smooth data term with
 * step 1/L (L ≥ ‖AᴴA‖, estimated by power iteration unless given), the proximal operator of g, and Nesterov
 * momentum. Generic in the operator and in g, which is supplied as a {@link Proximal}.
 *
 * <pre>{@code
 * Fista.Proximal l1 = (x, step) -> softThreshold(x, step * lambda);
 * float[] x = new float[a.inputSize()];
 * new Fista(a, l1).lipschitz(1.0).iterations(100).solve(y, x);
 * }</pre>
 */
public final class Fista {

    /** x ← prox_{step·g}(x), in place. */
    @FunctionalInterface
    public interface Proximal {
        void apply(float[] x, double step);
    }

    private final LinearOperator operator;
    private final Proximal proximal;
    private double lipschitz = Double.NaN;
    private int iterations = 100;
    private ProgressListener progress = ProgressListener.NONE;
    private CancelToken cancel = CancelToken.none();

    public Fista(LinearOperator operator, Proximal proximal) {
        this.operator = operator;
        this.proximal = proximal;
    }

    /** Known Lipschitz constant of the gradient, ‖AᴴA‖ (1 for MRI with a 0/1 mask and Σ|S|² ≤ 1). */
    public Fista lipschitz(double value) {
        if (!(value > 0)) {
            throw new IllegalArgumentException("Lipschitz constant must be positive, got " + value);
        }
        this.lipschitz = value;
        return this;
    }

    public Fista iterations(int value) {
        if (value < 0) {
            throw new IllegalArgumentException("iterations must be non-negative, got " + value);
        }
        this.iterations = value;
        return this;
    }

    public Fista progress(ProgressListener listener, CancelToken token) {
        this.progress = listener;
        this.cancel = token;
        return this;
    }

    /** Runs the iterations from the starting point in {@code x}, which receives the result. */
    public void solve(float[] y, float[] x) {
        int n = operator.inputSize();
        double step = 1.0 / (Double.isNaN(lipschitz) ? largestEigenvalue(operator, 30, 1) : lipschitz);
        float[] backProjection = new float[n];
        operator.adjoint(y, backProjection);
        float[] z = x.clone();
        float[] previous = x.clone();
        float[] gradient = new float[n];
        double t = 1;
        for (int k = 0; k < iterations; k++) {
            cancel.check();
            operator.normal(z, gradient);
            for (int i = 0; i < n; i++) {
                x[i] = (float) (z[i] - step * (gradient[i] - backProjection[i]));
            }
            proximal.apply(x, step);
            double tNext = (1 + Math.sqrt(1 + 4 * t * t)) / 2;
            double momentum = (t - 1) / tNext;
            for (int i = 0; i < n; i++) {
                z[i] = (float) (x[i] + momentum * (x[i] - previous[i]));
                previous[i] = x[i];
            }
            t = tNext;
            progress.progress(k + 1, iterations, "FISTA");
        }
    }

    /** Estimate of ‖AᴴA‖ (the Lipschitz constant of the data-term gradient) by seeded power iteration. */
    public static double largestEigenvalue(LinearOperator operator, int iterations, long seed) {
        int n = operator.inputSize();
        Random random = new Random(seed);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) random.nextGaussian();
        }
        float[] w = new float[n];
        double eigenvalue = 0;
        for (int k = 0; k < iterations; k++) {
            double norm = Math.sqrt(ConjugateGradient.dot(v, v));
            if (norm == 0) {
                return 0;
            }
            for (int i = 0; i < n; i++) {
                v[i] /= (float) norm;
            }
            operator.normal(v, w);
            eigenvalue = ConjugateGradient.dot(v, w);
            float[] t = v;
            v = w;
            w = t;
        }
        return eigenvalue;
    }
}
