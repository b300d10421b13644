package org.diffprior.task;

import java.util.Locale;

import org.diffprior.core.CancelToken;
import org.diffprior.core.InvalidInputException;
import org.diffprior.core.ProgressListener;
import org.diffprior.physics.FbpFilter;
import org.diffprior.physics.FilteredBackProjection;
import org.diffprior.physics.ParallelBeamProjector;
import org.diffprior.physics.Sart;
import org.diffprior.physics.TotalVariationCt;

/**
 * Classical CT reconstruction of one parallel-beam sinogram (one row per view) with the defaults of
 * {@code diffprior ct}: filtered back-projection, SART (20 sweeps, 10 ordered subsets, relaxation 0.9,
 * non-negative) or TV. {@link #autoMethod(boolean)} is the rule of {@code --method auto}.
 *
 * <pre>{@code
 * float[] image = CtReconstruction.run(sinogram, angles, 128, CtReconstruction.Method.SART, FbpFilter.RAM_LAK,
 *         ProgressListener.NONE, CancelToken.none());
 * }</pre>
 */
public final class CtReconstruction {

    public static final int DEFAULT_SART_ITERATIONS = 20;
    public static final int DEFAULT_SART_SUBSETS = 10;
    public static final double DEFAULT_SART_RELAXATION = 0.9;

    /** The classical methods, by their command-line names. */
    public enum Method {
        FBP, SART, TV;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Method parse(String text) {
            for (Method m : values()) {
                if (m.label().equalsIgnoreCase(text == null ? "" : text.trim())) {
                    return m;
                }
            }
            throw new InvalidInputException("unknown CT method '" + text + "'; use fbp, sart or tv");
        }
    }

    private CtReconstruction() {
    }

    /** What {@code auto} means: diffusion when a model is given or a CT prior is bundled, else SART. */
    public static String autoMethod(boolean modelGiven) {
        return modelGiven || Priors.defaultModel(Priors.Task.CT).isPresent() ? "diffusion" : Method.SART.label();
    }

    /** Reconstructs a {@code size}×{@code size} image (row-major) with the method's default settings. */
    public static float[] run(float[] sinogram, double[] anglesDegrees, int size, Method method, FbpFilter filter,
            ProgressListener progress, CancelToken cancel) {
        if (sinogram.length != anglesDegrees.length * size) {
            throw new InvalidInputException("the sinogram has " + sinogram.length + " values but " + anglesDegrees.length
                    + " views of " + size + " bins need " + anglesDegrees.length * size + "; check the angles");
        }
        return switch (method) {
            case FBP -> FilteredBackProjection.reconstruct(sinogram, anglesDegrees, size, filter);
            case SART -> new Sart(new ParallelBeamProjector(size, anglesDegrees), DEFAULT_SART_ITERATIONS,
                    Math.min(DEFAULT_SART_SUBSETS, anglesDegrees.length), DEFAULT_SART_RELAXATION, true)
                    .reconstruct(sinogram, progress, cancel);
            case TV -> new TotalVariationCt(new ParallelBeamProjector(size, anglesDegrees),
                    TotalVariationCt.DEFAULT_RELATIVE_LAMBDA, TotalVariationCt.DEFAULT_ITERATIONS)
                    .reconstruct(sinogram, progress, cancel);
        };
    }
}
