package org.diffprior.solver;

import java.util.Arrays;

/**
 * Data consistency for the slices of a volume sampled together, followed by total variation along the slice axis:
 * after {@code inner} corrects the estimate, each voxel column (value i of every slice) is replaced by the proximal
 * point of λ_t Σ|u_{s+1} − u_s|, with u_s the slice in common units (each slice is normalised by its own scale) and
 * λ_t = λ·min(1, σ/α) fading out with the noise, so the final correction (σ = 0) is {@code inner}'s alone. The
 * slices must be adjacent planes of one volume, stacked one after another in the image.
 *
 * <pre>{@code
 * DataConsistency dc = new ThroughPlaneTv(CgDataConsistency.normalEquations(5), 8, 128 * 128, scales, 0.05);
 * }</pre>
 */
public final class ThroughPlaneTv implements DataConsistency {

    /** Dual projected-gradient iterations of the 1-D TV proximal step (columns are a batch of slices long). */
    static final int ITERATIONS = 50;

    private final DataConsistency inner;
    private final int slices;
    private final int valuesPerSlice;
    private final double[] weights;
    private final double lambda;

    /**
     * @param scales each slice's intensity scale (its normalised values times the scale are in input units)
     * @param lambda weight relative to a normalised image (robust maximum ≈ 1); 0 leaves {@code inner} alone
     */
    public ThroughPlaneTv(DataConsistency inner, int slices, int valuesPerSlice, double[] scales, double lambda) {
        if (scales.length != slices) {
            throw new IllegalArgumentException(scales.length + " scales for " + slices + " slices");
        }
        if (!(lambda >= 0) || Double.isInfinite(lambda)) {
            throw new IllegalArgumentException("lambda must be a number ≥ 0, got " + lambda);
        }
        this.inner = inner;
        this.slices = slices;
        this.valuesPerSlice = valuesPerSlice;
        double mean = Arrays.stream(scales).average().orElse(1);
        this.weights = new double[slices];
        for (int s = 0; s < slices; s++) {
            weights[s] = mean > 0 ? scales[s] / mean : 1;
        }
        this.lambda = lambda;
    }

    @Override
    public void apply(float[] x0, Measurement measurement, double alpha, double sigma) {
        inner.apply(x0, measurement, alpha, sigma);
        double weight = sigma > 0 && alpha > 0 ? lambda * Math.min(1, sigma / alpha) : 0;
        if (weight > 0 && slices > 1) {
            denoiseAlongSlices(x0, slices, valuesPerSlice, weights, weight);
        }
    }

    /** The TV proximal step along the slice axis of every column, in units of {@code weights}·x. */
    static void denoiseAlongSlices(float[] x, int slices, int values, double[] weights, double lambda) {
        if (x.length != slices * values) {
            throw new IllegalArgumentException(x.length + " values for " + slices + " slices of " + values);
        }
        double[] u = new double[slices];
        double[] dual = new double[slices - 1];
        double[] primal = new double[slices];
        double step = 0.25 / lambda; // ‖D‖² ≤ 4 for forward differences
        for (int i = 0; i < values; i++) {
            for (int s = 0; s < slices; s++) {
                u[s] = weights[s] * x[s * values + i];
            }
            Arrays.fill(dual, 0);
            for (int iteration = 0; iteration < ITERATIONS; iteration++) {
                primal(u, dual, lambda, primal);
                for (int s = 0; s < slices - 1; s++) {
                    dual[s] = Math.max(-1, Math.min(1, dual[s] + step * (primal[s + 1] - primal[s])));
                }
            }
            primal(u, dual, lambda, primal);
            for (int s = 0; s < slices; s++) {
                x[s * values + i] = (float) (primal[s] / weights[s]);
            }
        }
    }

    /** u − λ Dᵀp, with (Dᵀp)_s = p_{s−1} − p_s. */
    private static void primal(double[] u, double[] dual, double lambda, double[] out) {
        int n = u.length;
        for (int s = 0; s < n; s++) {
            out[s] = u[s] - lambda * ((s > 0 ? dual[s - 1] : 0) - (s < n - 1 ? dual[s] : 0));
        }
    }
}
