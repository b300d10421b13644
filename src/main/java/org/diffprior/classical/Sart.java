package org.diffprior.classical;

import java.util.Arrays;

import org.diffprior.core.CancelToken;
import org.diffprior.core.ProgressListener;
import org.diffprior.physics.ParallelBeamProjector;

/**
 * Simultaneous algebraic reconstruction technique (Andersen &amp; Kak 1984) with ordered subsets, on the
 * matched {@link ParallelBeamProjector}: for each subset S of views,
 * {@code x ← x + ω V⁻¹ A_Sᵀ W (y_S − A_S x)} with W = 1 / row sums of A_S and V = column sums of A_S,
 * optionally clamped to x ≥ 0. Subsets interleave the views (view k belongs to subset k mod #subsets),
 * so every subset spans the whole arc.
 *
 * <pre>{@code
 * Sart sart = new Sart(projector, 10, 6, 0.8, true);
 * float[] image = sart.reconstruct(sinogram, ProgressListener.NONE, CancelToken.none());
 * }</pre>
 */
public final class Sart {

    private final ParallelBeamProjector projector;
    private final int iterations;
    private final int subsets;
    private final double relaxation;
    private final boolean nonNegative;

    /**
     * @param iterations full sweeps over all views
     * @param subsets number of ordered subsets (1 = plain SART), at most the number of views
     * @param relaxation ω in (0, 2); 0.5–1 is the usual range
     * @param nonNegative clamp the image to ≥ 0 after every subset update
     */
    public Sart(ParallelBeamProjector projector, int iterations, int subsets, double relaxation, boolean nonNegative) {
        if (iterations < 1 || subsets < 1 || subsets > projector.views()) {
            throw new IllegalArgumentException("need iterations ≥ 1 and 1 ≤ subsets ≤ views, got "
                    + iterations + " and " + subsets);
        }
        if (!(relaxation > 0 && relaxation < 2)) {
            throw new IllegalArgumentException("relaxation must lie in (0, 2), got " + relaxation);
        }
        this.projector = projector;
        this.iterations = iterations;
        this.subsets = subsets;
        this.relaxation = relaxation;
        this.nonNegative = nonNegative;
    }

    /** Reconstructs from a sinogram (views × bins, the projector's layout), starting from zero. */
    public float[] reconstruct(float[] sinogram, ProgressListener progress, CancelToken cancel) {
        int size = projector.size();
        int pixels = size * size;
        ParallelBeamProjector[] parts = new ParallelBeamProjector[subsets];
        float[][] measured = new float[subsets][];
        float[][] inverseRowSums = new float[subsets][];
        float[][] inverseColumnSums = new float[subsets][];
        float[] ones = new float[pixels];
        Arrays.fill(ones, 1f);
        for (int s = 0; s < subsets; s++) {
            int count = (projector.views() - s + subsets - 1) / subsets;
            int[] views = new int[count];
            measured[s] = new float[count * size];
            for (int k = 0; k < count; k++) {
                views[k] = s + k * subsets;
                System.arraycopy(sinogram, views[k] * size, measured[s], k * size, size);
            }
            parts[s] = projector.subset(views);
            float[] rowSums = new float[parts[s].outputSize()];
            parts[s].apply(ones, rowSums);
            inverseRowSums[s] = reciprocal(rowSums);
            float[] onesOut = new float[rowSums.length];
            Arrays.fill(onesOut, 1f);
            float[] columnSums = new float[pixels];
            parts[s].adjoint(onesOut, columnSums);
            inverseColumnSums[s] = reciprocal(columnSums);
        }
        float[] image = new float[pixels];
        float[] update = new float[pixels];
        for (int iteration = 0; iteration < iterations; iteration++) {
            for (int s = 0; s < subsets; s++) {
                cancel.check();
                float[] residual = new float[parts[s].outputSize()];
                parts[s].apply(image, residual);
                for (int i = 0; i < residual.length; i++) {
                    residual[i] = (measured[s][i] - residual[i]) * inverseRowSums[s][i];
                }
                parts[s].adjoint(residual, update);
                for (int i = 0; i < pixels; i++) {
                    float value = image[i] + (float) relaxation * update[i] * inverseColumnSums[s][i];
                    image[i] = nonNegative && value < 0 ? 0f : value;
                }
            }
            progress.progress(iteration + 1, iterations, "SART");
        }
        return image;
    }

    /** 1 / v where v is clearly positive, else 0 (rays that miss the support, pixels no ray reaches). */
    private static float[] reciprocal(float[] values) {
        float[] result = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            result[i] = values[i] > 1e-6f ? 1f / values[i] : 0f;
        }
        return result;
    }
}
