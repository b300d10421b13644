package org.diffprior.classical;

import java.util.Locale;

import org.diffprior.core.CancelToken;
import org.diffprior.core.InvalidInputException;
import org.diffprior.core.ProgressListener;
import org.diffprior.physics.ParallelBeamProjector;

/**
 * Classical CT reconstruction of one parallel-beam sinogram (one row per view) with the defaults of
 * {@code diffprior ct}: filtered back-projection, SART (20 sweeps, 10 ordered subsets, relaxation 0.9,
 * non-negative) or TV.
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
            throw InvalidInputException.of("method", "{method} '" + text + "' is unknown; use fbp, sart or tv");
        }
    }

    /**
     * The tunable settings of the classical methods.
     *
     * @param filter FBP filter
     * @param iterations SART sweeps or TV iterations; 0 for the method's default (20 or 300)
     * @param subsets SART ordered subsets, 1 to the number of views
     * @param relaxation SART relaxation in (0, 2) (subsets and relaxation are checked when SART runs)
     * @param lambda TV weight relative to the data scale
     */
    public record Settings(FbpFilter filter, int iterations, int subsets, double relaxation, double lambda) {

        public Settings {
            if (filter == null) {
                throw InvalidInputException.of("filter", "no {filter} given; use ram-lak, shepp-logan or hann");
            }
            if (iterations < 0) {
                throw InvalidInputException.of("iterations", "{iterations} must be at least 1, got " + iterations);
            }
            if (!(lambda >= 0)) {
                throw InvalidInputException.of("lambda", "{lambda} (the TV weight) must be ≥ 0, got " + lambda);
            }
        }

        /** The defaults of {@code diffprior ct} for a sinogram of {@code views} views. */
        public static Settings defaults(FbpFilter filter, int views) {
            return new Settings(filter, 0, Math.min(DEFAULT_SART_SUBSETS, views), DEFAULT_SART_RELAXATION,
                    TotalVariationCt.DEFAULT_RELATIVE_LAMBDA);
        }
    }

    private CtReconstruction() {
    }

    /** Reconstructs a {@code size}×{@code size} image (row-major) with the method's default settings. */
    public static float[] run(float[] sinogram, double[] anglesDegrees, int size, Method method, FbpFilter filter,
            ProgressListener progress, CancelToken cancel) {
        return run(sinogram, anglesDegrees, size, size, method, Settings.defaults(filter, anglesDegrees.length),
                progress, cancel);
    }

    /**
     * Reconstructs a {@code size}×{@code size} image (row-major) from a sinogram of {@code bins} detector bins per
     * view; only FBP may reconstruct a size other than the number of bins.
     */
    public static float[] run(float[] sinogram, double[] anglesDegrees, int bins, int size, Method method,
            Settings settings, ProgressListener progress, CancelToken cancel) {
        if (sinogram.length != anglesDegrees.length * bins) {
            throw new InvalidInputException(
                    "the sinogram has " + sinogram.length + " values but " + anglesDegrees.length
                            + " views of " + bins + " bins need " + anglesDegrees.length * bins + "; check the angles");
        }
        if (method != Method.FBP && size != bins) {
            throw new InvalidInputException("sart and tv reconstruct N×N images from N bins, not " + size + "x" + size
                    + " from " + bins);
        }
        if (method == Method.SART && (settings.subsets() < 1 || settings.subsets() > anglesDegrees.length
                || !(settings.relaxation() > 0 && settings.relaxation() < 2))) {
            throw new InvalidInputException(
                    "SART needs 1.." + anglesDegrees.length + " subsets and a relaxation in (0, 2), got "
                            + settings.subsets() + " and " + settings.relaxation());
        }
        int iterations = settings.iterations();
        return switch (method) {
            case FBP -> FilteredBackProjection.reconstruct(sinogram, anglesDegrees, size, settings.filter());
            case SART -> new Sart(new ParallelBeamProjector(size, anglesDegrees),
                    iterations == 0 ? DEFAULT_SART_ITERATIONS : iterations, settings.subsets(), settings.relaxation(),
                    true)
                    .reconstruct(sinogram, progress, cancel);
            case TV -> new TotalVariationCt(new ParallelBeamProjector(size, anglesDegrees), settings.lambda(),
                    iterations == 0 ? TotalVariationCt.DEFAULT_ITERATIONS : iterations)
                    .reconstruct(sinogram, progress, cancel);
        };
    }
}
