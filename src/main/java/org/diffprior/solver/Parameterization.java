package org.diffprior.solver;

/**
 * What a diffusion network predicts, with the conversions between the three common choices
 * (algorithms.md §1.1): ε (noise), x0 (clean image) and v = α ε − σ x0. A network wrapper converts
 * its raw output to the x0 estimate a {@code Denoiser} returns with {@link #toX0}.
 *
 * <pre>{@code
 * float[] x0 = Parameterization.V.toX0(networkOutput, xt, alpha, sigma);
 * float[] target = Parameterization.V.target(x0, eps, alpha, sigma); // training target
 * }</pre>
 */
public enum Parameterization {
    EPS, X0, V;

    /** The x0 estimate from a prediction of this kind at noise level (α, σ). */
    public float[] toX0(float[] prediction, float[] xt, double alpha, double sigma) {
        float[] x0 = new float[xt.length];
        for (int i = 0; i < x0.length; i++) {
            x0[i] = (float) switch (this) {
                case EPS -> (xt[i] - sigma * prediction[i]) / alpha;
                case X0 -> prediction[i];
                case V -> alpha * xt[i] - sigma * prediction[i];
            };
        }
        return x0;
    }

    /** The prediction of this kind that corresponds to the x0 estimate {@code x0} at x_t. */
    public float[] fromX0(float[] x0, float[] xt, double alpha, double sigma) {
        float[] out = new float[xt.length];
        for (int i = 0; i < out.length; i++) {
            double eps = (xt[i] - alpha * x0[i]) / sigma;
            out[i] = (float) switch (this) {
                case EPS -> eps;
                case X0 -> x0[i];
                case V -> alpha * eps - sigma * x0[i];
            };
        }
        return out;
    }

    /** The regression target of this kind for a training pair (x0, ε) at noise level (α, σ). */
    public float[] target(float[] x0, float[] eps, double alpha, double sigma) {
        float[] out = new float[x0.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) switch (this) {
                case EPS -> eps[i];
                case X0 -> x0[i];
                case V -> alpha * eps[i] - sigma * x0[i];
            };
        }
        return out;
    }

    /**
     * Tweedie's formula: E[x0 | x_t] = (x_t + σ² ∇log p_t(x_t)) / α, from the score of the noisy marginal.
     */
    public static float[] tweedie(float[] xt, float[] score, double alpha, double sigma) {
        float[] x0 = new float[xt.length];
        for (int i = 0; i < x0.length; i++) {
            x0[i] = (float) ((xt[i] + sigma * sigma * score[i]) / alpha);
        }
        return x0;
    }

    /** ε̂ = (x_t − α x̂0)/σ: the noise estimate implied by an x0 estimate. */
    public static float[] epsFromX0(float[] x0, float[] xt, double alpha, double sigma) {
        return EPS.fromX0(x0, xt, alpha, sigma);
    }
}
