package org.diffprior.classical;

import java.util.Arrays;

import org.diffprior.core.CancelToken;
import org.diffprior.core.ProgressListener;
import org.diffprior.physics.ParallelBeamProjector;
import org.diffprior.solver.ChambollePock;

/**
 * TV-regularised CT reconstruction, {@code min_{x ≥ 0} ½‖A x − y‖² + λ TV(x)} with the matched
 * {@link ParallelBeamProjector}, solved by {@link ChambollePock}. The weight is given relative to the
 * problem's scale, λ = relativeLambda · ‖A‖² · s, with s the 99.5th percentile of the FBP image, so one
 * value suits any number of views, image size and intensity unit.
 *
 * <pre>{@code
 * TotalVariationCt tv = new TotalVariationCt(projector, 3e-5, 300);
 * float[] image = tv.reconstruct(sinogram, ProgressListener.NONE, CancelToken.none());
 * }</pre>
 */
public final class TotalVariationCt {

    /**
     * Chosen on ../shared/DATA.md validation images (Colin27 held-out slab, EPI subject A, Cranium CT slice 30,
     * as attenuation maps; I0 = 10⁵) by {@code HonestCtSrBenchmark --set validation}: the grid 3e-6 … 1e-3 gave
     * 1e-4 at 30 and 60 views and on a 120° arc, 3e-5 at 18 views. (It was 3e-5, tuned on pydicom's
     * CT_small, a file DATA.md keeps for fixtures.)
     */
    public static final double DEFAULT_RELATIVE_LAMBDA = 1e-4;
    public static final int DEFAULT_ITERATIONS = 300;
    /** σ/τ of the primal-dual steps; 0.1 reached a given objective value 3–10× sooner than 1 on CT. */
    static final double STEP_RATIO = 0.1;

    private final ParallelBeamProjector projector;
    private final double relativeLambda;
    private final int iterations;

    public TotalVariationCt(ParallelBeamProjector projector, double relativeLambda, int iterations) {
        if (!(relativeLambda >= 0) || iterations < 1) {
            throw new IllegalArgumentException("need λ ≥ 0 and at least one iteration");
        }
        this.projector = projector;
        this.relativeLambda = relativeLambda;
        this.iterations = iterations;
    }

    /** Reconstructs from a sinogram (views × bins), starting from the FBP image. */
    public float[] reconstruct(float[] sinogram, ProgressListener progress, CancelToken cancel) {
        float[] start = FilteredBackProjection.reconstruct(sinogram, projector.anglesDegrees(), projector.size(),
                FbpFilter.RAM_LAK);
        double scale = percentile(start, 0.995);
        if (!(scale > 0)) {
            scale = 1;
        }
        for (int i = 0; i < start.length; i++) {
            start[i] = Math.max(0f, start[i]);
        }
        ChambollePock solver = new ChambollePock(projector, projector.size(), projector.size(), 1, STEP_RATIO);
        double norm = solver.operatorNorm();
        double lambda = relativeLambda * norm * norm * scale;
        return solver.solve(sinogram, lambda, iterations, true, start, progress, cancel);
    }

    static double percentile(float[] values, double fraction) {
        float[] sorted = values.clone();
        Arrays.sort(sorted);
        int index = (int) Math.min(sorted.length - 1, Math.max(0, Math.round(fraction * (sorted.length - 1))));
        return sorted[index];
    }
}
