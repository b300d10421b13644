package org.diffprior.solver;

import java.util.Random;

import org.diffprior.core.CancelToken;
import org.diffprior.core.ProgressListener;
import org.diffprior.physics.LinearOperator;

/**
 * Total-variation regularised least squares by the primal-dual algorithm of Chambolle &amp; Pock (2011):
 * <pre>  min_x ½‖A x − y‖² + λ TV(x)   (optionally subject to x ≥ 0 for real images)</pre>
 * for any {@link LinearOperator} A on an H×W image that is real (one float per pixel) or complex
 * (two floats per pixel, interleaved re, im). TV is isotropic: the sum over pixels of the Euclidean norm
 * of the forward differences (Neumann boundary) of all channels together, so for complex images it is
 * the TV of the complex image (re and im coupled), as in BART's {@code pics -R T}.
 *
 * <p>The algorithm runs on the rescaled operators Â = A/‖A‖ and D/√8 (‖D‖² ≤ 8), which gives
 * both blocks of K = [Â; D/√8] a norm of at most one, so the fixed steps τ = 0.99/(√2 r), σ = 0.99 r/√2 (r = step ratio, default 1) satisfy
 * τσ‖K‖² &lt; 1 whatever the scale of A; ‖A‖ comes from a power iteration. Every iteration costs one
 * A and one Aᴴ.
 *
 * <pre>{@code
 * ChambollePock tv = new ChambollePock(projector, 256, 256, 1);
 * float[] x = tv.solve(sinogram, 0.002, 300, true, null, ProgressListener.NONE, CancelToken.none());
 * }</pre>
 */
public final class ChambollePock {

    private final LinearOperator operator;
    private final int height;
    private final int width;
    private final int channels;
    private final double stepRatio;
    private double operatorNorm = Double.NaN;

    /**
     * @param channels 1 for a real image, 2 for a complex image stored interleaved
     */
    public ChambollePock(LinearOperator operator, int width, int height, int channels) {
        this(operator, width, height, channels, 1.0);
    }

    /**
     * @param stepRatio σ/τ, the balance of dual and primal steps (τσ stays fixed); below 1 favours the primal
     *        side, which converges faster for CT (0.1 in {@code TotalVariationCt}). The problem is homogeneous
     *        in the image scale, so a good ratio does not depend on intensity units.
     */
    public ChambollePock(LinearOperator operator, int width, int height, int channels, double stepRatio) {
        if (!(stepRatio > 0) || Double.isInfinite(stepRatio)) {
            throw new IllegalArgumentException("step ratio must be positive, got " + stepRatio);
        }
        this.stepRatio = stepRatio;
        if (channels != 1 && channels != 2) {
            throw new IllegalArgumentException("channels must be 1 (real) or 2 (complex interleaved), got " + channels);
        }
        if ((long) height * width * channels != operator.inputSize()) {
            throw new IllegalArgumentException("operator input size " + operator.inputSize() + " does not match "
                    + width + "x" + height + "x" + channels);
        }
        this.operator = operator;
        this.height = height;
        this.width = width;
        this.channels = channels;
    }

    /**
     * Solves the problem from {@code initial} (zero when null).
     *
     * @param lambda weight λ of TV, in the units of ½‖A x − y‖² per unit of TV
     * @param nonNegative project onto x ≥ 0 (real images only)
     */
    public float[] solve(float[] measurements, double lambda, int iterations, boolean nonNegative, float[] initial,
            ProgressListener progress, CancelToken cancel) {
        if (measurements.length != operator.outputSize()) {
            throw new IllegalArgumentException(
                    "measurement length " + measurements.length + " != " + operator.outputSize());
        }
        if (nonNegative && channels != 1) {
            throw new IllegalArgumentException("non-negativity applies to real images only");
        }
        int n = operator.inputSize();
        double norm = operatorNorm();
        float invNorm = (float) (1 / norm);
        float invRoot8 = (float) (1 / Math.sqrt(8));
        // Dividing the objective by ‖A‖² keeps the minimiser: ½‖Âx − ŷ‖² + μ ‖(D/√8) x‖ with μ = λ√8/‖A‖².
        double tvRadius = lambda * Math.sqrt(8) / (norm * norm);
        float sigma = (float) (0.99 * stepRatio / Math.sqrt(2));
        float tau = (float) (0.99 / stepRatio / Math.sqrt(2));

        float[] x = initial == null ? new float[n] : initial.clone();
        float[] xBar = x.clone();
        float[] dataDual = new float[operator.outputSize()];
        float[] gradientDual = new float[2 * n];
        float[] forward = new float[operator.outputSize()];
        float[] gradient = new float[2 * n];
        float[] back = new float[n];
        float[] divergence = new float[n];
        for (int iteration = 0; iteration < iterations; iteration++) {
            cancel.check();
            // Dual step on the data term F*(p) = ½‖p‖² + ⟨p, ŷ⟩: p ← (p + σ(Â x̄ − ŷ)) / (1 + σ).
            operator.apply(xBar, forward);
            for (int i = 0; i < forward.length; i++) {
                float scaledY = measurements[i] * invNorm;
                dataDual[i] = (dataDual[i] + sigma * (forward[i] * invNorm - scaledY)) / (1 + sigma);
            }
            // Dual step on TV: q ← projection onto {‖q_pixel‖ ≤ μ} of q + σ D x̄ / √8.
            gradient(xBar, gradient);
            for (int i = 0; i < gradient.length; i++) {
                gradientDual[i] += sigma * gradient[i] * invRoot8;
            }
            projectOntoBalls(gradientDual, tvRadius);
            // Primal step: x ← x − τ (Âᴴ p + Dᴴ q / √8), then the over-relaxation x̄ = 2x_new − x.
            operator.adjoint(dataDual, back);
            gradientAdjoint(gradientDual, divergence);
            for (int i = 0; i < n; i++) {
                float old = x[i];
                float value = old - tau * (back[i] * invNorm + divergence[i] * invRoot8);
                if (nonNegative && value < 0) {
                    value = 0;
                }
                x[i] = value;
                xBar[i] = 2 * value - old;
            }
            progress.progress(iteration + 1, iterations, "TV (Chambolle-Pock)");
        }
        return x;
    }

    /** ½‖A x − y‖² + λ TV(x), for monitoring and tests. */
    public double objective(float[] x, float[] measurements, double lambda) {
        float[] forward = new float[operator.outputSize()];
        operator.apply(x, forward);
        double data = 0;
        for (int i = 0; i < forward.length; i++) {
            double d = forward[i] - measurements[i];
            data += d * d;
        }
        return 0.5 * data + lambda * totalVariation(x);
    }

    /** Isotropic TV of an image laid out as this solver's images. */
    public double totalVariation(float[] x) {
        float[] gradient = new float[2 * x.length];
        gradient(x, gradient);
        double sum = 0;
        int pixels = height * width;
        for (int p = 0; p < pixels; p++) {
            double squares = 0;
            for (int k = 0; k < 2 * channels; k++) {
                double g = gradient[2 * channels * p + k];
                squares += g * g;
            }
            sum += Math.sqrt(squares);
        }
        return sum;
    }

    /** ‖A‖ by 30 power iterations on AᴴA from a fixed random start (computed once). */
    public double operatorNorm() {
        if (Double.isNaN(operatorNorm)) {
            operatorNorm = estimateNorm(operator, 30);
        }
        return operatorNorm;
    }

    /** Largest singular value of {@code operator}, estimated by power iteration on AᴴA. */
    public static double estimateNorm(LinearOperator operator, int iterations) {
        Random random = new Random(12345);
        float[] v = new float[operator.inputSize()];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) random.nextGaussian();
        }
        float[] w = new float[v.length];
        double eigenvalue = 0;
        for (int k = 0; k < iterations; k++) {
            double vNorm = Math.sqrt(dot(v, v));
            for (int i = 0; i < v.length; i++) {
                v[i] /= (float) vNorm;
            }
            operator.normal(v, w);
            eigenvalue = dot(v, w);
            float[] t = v;
            v = w;
            w = t;
        }
        if (!(eigenvalue > 0)) {
            throw new IllegalArgumentException("the operator is zero");
        }
        // Power iteration approaches the top eigenvalue from below; a 1 % margin keeps the steps safe.
        return Math.sqrt(eigenvalue) * 1.01;
    }

    /** The forward-difference operator D used for TV, as a {@link LinearOperator} (layout below). */
    public LinearOperator gradientOperator() {
        int n = operator.inputSize();
        return new LinearOperator() {
            @Override
            public int inputSize() {
                return n;
            }

            @Override
            public int outputSize() {
                return 2 * n;
            }

            @Override
            public void apply(float[] x, float[] y) {
                gradient(x, y);
            }

            @Override
            public void adjoint(float[] y, float[] x) {
                gradientAdjoint(y, x);
            }
        };
    }

    /*
     * Forward differences with Neumann boundary. Layout of the gradient: for pixel p and channel c,
     * [2·channels·p + 2c] is the difference along x (columns), [2·channels·p + 2c + 1] along y (rows).
     */
    void gradient(float[] x, float[] out) {
        for (int row = 0; row < height; row++) {
            for (int col = 0; col < width; col++) {
                int p = row * width + col;
                for (int c = 0; c < channels; c++) {
                    float here = x[channels * p + c];
                    float dx = col + 1 < width ? x[channels * (p + 1) + c] - here : 0f;
                    float dy = row + 1 < height ? x[channels * (p + width) + c] - here : 0f;
                    out[2 * channels * p + 2 * c] = dx;
                    out[2 * channels * p + 2 * c + 1] = dy;
                }
            }
        }
    }

    /** Exact adjoint Dᴴ of {@link #gradient} (minus the discrete divergence). */
    void gradientAdjoint(float[] g, float[] out) {
        for (int row = 0; row < height; row++) {
            for (int col = 0; col < width; col++) {
                int p = row * width + col;
                for (int c = 0; c < channels; c++) {
                    float value = 0;
                    if (col + 1 < width) {
                        value -= g[2 * channels * p + 2 * c];
                    }
                    if (col > 0) {
                        value += g[2 * channels * (p - 1) + 2 * c];
                    }
                    if (row + 1 < height) {
                        value -= g[2 * channels * p + 2 * c + 1];
                    }
                    if (row > 0) {
                        value += g[2 * channels * (p - width) + 2 * c + 1];
                    }
                    out[channels * p + c] = value;
                }
            }
        }
    }

    private void projectOntoBalls(float[] q, double radius) {
        int group = 2 * channels;
        int pixels = height * width;
        for (int p = 0; p < pixels; p++) {
            double squares = 0;
            for (int k = 0; k < group; k++) {
                squares += (double) q[group * p + k] * q[group * p + k];
            }
            double norm = Math.sqrt(squares);
            if (norm > radius) {
                float shrink = (float) (radius / norm);
                for (int k = 0; k < group; k++) {
                    q[group * p + k] *= shrink;
                }
            }
        }
    }

    private static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += (double) a[i] * b[i];
        }
        return sum;
    }
}
