package org.diffprior.task;

import java.util.List;
import java.util.Locale;
import java.util.Random;

import org.diffprior.core.InvalidInputException;
import org.diffprior.physics.CartesianMri;
import org.diffprior.physics.CoilArray;
import org.diffprior.physics.CoilSensitivities;
import org.diffprior.physics.LinearOperator;
import org.diffprior.physics.MultiCoilCartesianMri;
import org.diffprior.physics.SamplingMasks;

/**
 * Undersampled Cartesian k-space of a picture (treated as a real-valued complex image): a seeded mask,
 * optional simulated coils (Σ|S_c|² = 1) and complex Gaussian noise on the sampled points. The same
 * simulation as {@code diffprior simulate mri}, for the Fiji commands and anyone who needs k-space in memory.
 *
 * <pre>{@code
 * MriSimulation.Result sim = MriSimulation.simulate(pixels, 128, 128, new MriSimulation.Settings(4, "random", Double.NaN, 1, 0, 0));
 * MriReconstruction.run(new MriReconstruction.Request(sim.kspace(), sim.mask(), sim.sensitivities(), ...), ...);
 * }</pre>
 */
public final class MriSimulation {

    /**
     * @param acceleration R, counting every sampled point
     * @param maskType random, equispaced (1-D columns) or poisson (2-D)
     * @param centerFraction fully sampled centre as a fraction of the width; NaN for the default of R
     * @param coils simulated receive coils (1 = single coil, no sensitivities)
     * @param noiseSigma standard deviation of the noise on real and imaginary parts, image units
     * @param seed seed of the mask and the noise
     */
    public record Settings(double acceleration, String maskType, double centerFraction, int coils, double noiseSigma,
            long seed) {

        // Acceleration and centre fraction are checked where the mask is drawn (SamplingMasks), in one place.
        public Settings {
            if (coils < 1 || coils > 64) {
                throw InvalidInputException.of("coils", "{coils} must be between 1 and 64, got " + coils);
            }
            if (!(noiseSigma >= 0) || Double.isInfinite(noiseSigma)) {
                throw InvalidInputException.of("noise_sigma", "{noise_sigma} must be non-negative, got " + noiseSigma);
            }
        }
    }

    /** The measurement: k-space (H×W×C), the H·W 0/1 mask and the coil maps (null for one plain coil). */
    public record Result(CoilArray kspace, float[] mask, CoilArray sensitivities) {
    }

    /** The mask types {@link #mask} draws, by their command-line names. */
    public static final List<String> MASK_TYPES = List.of("random", "equispaced", "poisson");

    private MriSimulation() {
    }

    /** Simulates the measurement of the row-major {@code height}×{@code width} real image {@code pixels}. */
    public static Result simulate(float[] pixels, int width, int height, Settings settings) {
        return simulate(pixels, width, height, settings, false);
    }

    /**
     * As {@link #simulate(float[], int, int, Settings)}; with {@code sensitivitiesForOneCoil} a single coil is
     * simulated with its own (non-uniform, phased) sensitivity map, so that the map can be written out as well.
     */
    public static Result simulate(float[] pixels, int width, int height, Settings settings,
            boolean sensitivitiesForOneCoil) {
        return simulate(pixels, width, height, settings, sensitivitiesForOneCoil, 0);
    }

    /**
     * As {@link #simulate(float[], int, int, Settings, boolean)} for slice {@code slice} of a volume: the same mask
     * and coils for every slice, noise of its own (seeded by the settings' seed and the slice).
     */
    public static Result simulate(float[] pixels, int width, int height, Settings settings,
            boolean sensitivitiesForOneCoil, int slice) {
        if (height < 2 || width < 2) {
            throw new InvalidInputException("MRI simulation needs at least 2x2 pixels, got " + width + "x" + height);
        }
        float[] mask = mask(height, width, settings);
        float[] x = new float[2 * height * width];
        for (int i = 0; i < height * width; i++) {
            x[2 * i] = pixels[i];
        }
        CoilArray maps = settings.coils() > 1 || sensitivitiesForOneCoil
                ? CoilSensitivities.simulate(height, width, settings.coils()) : null;
        LinearOperator forward = maps == null ? new CartesianMri(height, width, mask)
                : new MultiCoilCartesianMri(height, width, mask, maps.data(), maps.coils());
        float[] y = new float[forward.outputSize()];
        forward.apply(x, y);
        if (settings.noiseSigma() > 0) {
            // Noise only on sampled points: unsampled k-space stays exactly zero, as a scanner would store it.
            Random random = new Random((settings.seed() + slice) ^ 0x5DEECE66DL);
            int n = height * width;
            for (int i = 0; i < y.length / 2; i++) {
                if (mask[i % n] != 0) {
                    y[2 * i] += (float) (settings.noiseSigma() * random.nextGaussian());
                    y[2 * i + 1] += (float) (settings.noiseSigma() * random.nextGaussian());
                }
            }
        }
        return new Result(new CoilArray(height, width, settings.coils(), y), mask, maps);
    }

    /** The seeded sampling mask of the settings' type, acceleration and centre fraction. */
    public static float[] mask(int height, int width, Settings settings) {
        double acceleration = settings.acceleration();
        double fraction = Double.isNaN(settings.centerFraction())
                ? SamplingMasks.defaultCenterFraction(acceleration) : settings.centerFraction();
        String type = settings.maskType() == null ? "" : settings.maskType().trim().toLowerCase(Locale.ROOT);
        return switch (type) {
            case "random" -> SamplingMasks.random1d(height, width, acceleration, fraction, settings.seed());
            case "equispaced" -> SamplingMasks.equispaced1d(height, width, acceleration, fraction, settings.seed());
            case "poisson" -> SamplingMasks.poissonDisc2d(height, width, acceleration, fraction, settings.seed());
            default -> throw new InvalidInputException("unknown mask type '" + settings.maskType()
                    + "'; use random, equispaced or poisson");
        };
    }
}
