package org.diffprior.active;

import org.diffprior.core.InvalidInputException;
import org.diffprior.physics.SamplingMasks;
import org.diffprior.task.DiffusionSettings;

/**
 * Options of an {@link ActiveSubsampling} run, the request that {@code diffprior ads} and Fiji's Active
 * Subsampling render: immutable, with every default ({@code DEFAULT_*}) and bound written here, validated on
 * construction with errors keyed by parameter ({@code particles}, {@code steps}, {@code center_fraction}). Built
 * from the defaults with {@link #builder()}, or changed with {@link #toBuilder()}.
 *
 * <pre>{@code
 * AdsSettings settings = AdsSettings.builder().acceleration(8).particles(4).rule("variance").build();
 * AdsSettings other = settings.toBuilder().seed(2).build();
 * }</pre>
 *
 * @param acceleration R: floor(W/R) columns are sampled in all
 * @param centerFraction calibration width as a fraction of W; NaN for {@link SamplingMasks#defaultCenterFraction};
 *        0 starts from the centre column alone
 * @param particles posterior particles P
 * @param steps reverse steps (network evaluations)
 * @param rule column scoring rule
 * @param sigmaE σ_e of the entropy rule, in units of the normalised image (robust maximum 1)
 * @param windowStart first fraction of the steps at which columns are acquired
 * @param windowStop end of the acquisition window (exclusive fraction)
 * @param linesPerAcquisition columns acquired together
 * @param eta DDIM η (fresh-noise fraction)
 * @param cgIterations CG iterations of the per-step data consistency
 * @param intensityScale the data are divided by it before sampling; NaN = the 99th percentile of the initial
 *        zero-filled magnitude (priors of images with robust maximum 1); 1 for priors in the data's units
 * @param seed seed of all random numbers
 * @param calibrationPhase a magnitude (1-channel) prior reconstructs m under the phase φ of the low-resolution
 *        calibration image, x = e^{iφ} m (as {@code diffprior mri} does); false assumes real data, φ = 0
 */
public record AdsSettings(double acceleration, double centerFraction, int particles, int steps,
        ColumnSelection.Rule rule, double sigmaE, double windowStart, double windowStop, int linesPerAcquisition,
        double eta, int cgIterations, double intensityScale, long seed, boolean calibrationPhase) {

    public static final double DEFAULT_ACCELERATION = 4;
    public static final int DEFAULT_PARTICLES = 8;
    /** Fewest particles: the column scores compare particles. */
    public static final int MIN_PARTICLES = 2;
    /** Most particles, run as one batch through the network (as posterior samples). */
    public static final int MAX_PARTICLES = DiffusionSettings.MAX_SAMPLES;
    public static final int DEFAULT_STEPS = 50;
    /** Fewest reverse steps: one to acquire at and one after it. */
    public static final int MIN_STEPS = 2;
    public static final int MAX_STEPS = DiffusionSettings.MAX_STEPS;
    /** {@link ColumnSelection.Rule#ENTROPY} by name (a constant, for the options' annotations). */
    public static final String DEFAULT_RULE = "entropy";
    public static final double DEFAULT_SIGMA_E = 0.25;
    public static final double DEFAULT_WINDOW_START = 0.1;
    public static final double DEFAULT_WINDOW_STOP = 0.5;
    public static final int DEFAULT_LINES_PER_ACQUISITION = 1;
    public static final double DEFAULT_ETA = 0.5;
    public static final int DEFAULT_CG_ITERATIONS = 5;
    public static final long DEFAULT_SEED = 0;

    public AdsSettings {
        if (!(acceleration >= 1)) {
            throw InvalidInputException.of("acceleration", "{acceleration} must be at least 1, got " + acceleration);
        }
        if (!(Double.isNaN(centerFraction) || centerFraction >= 0 && centerFraction <= 1)) {
            throw InvalidInputException.of("center_fraction",
                    "{center_fraction} must lie in [0, 1], got " + centerFraction);
        }
        if (particles < MIN_PARTICLES || particles > MAX_PARTICLES) {
            throw InvalidInputException.of("particles",
                    "{particles} must lie in " + MIN_PARTICLES + ".." + MAX_PARTICLES
                            + " (active subsampling compares particles), got " + particles);
        }
        if (steps < MIN_STEPS || steps > MAX_STEPS) {
            throw InvalidInputException.of("steps",
                    "{steps} must lie in " + MIN_STEPS + ".." + MAX_STEPS + ", got " + steps);
        }
        if (!(sigmaE > 0)) {
            throw InvalidInputException.of("sigma_e", "{sigma_e} must be > 0, got " + sigmaE);
        }
        if (cgIterations < 1) {
            throw InvalidInputException.of("cg_iterations", "{cg_iterations} must be at least 1, got " + cgIterations);
        }
        if (!(Double.isNaN(intensityScale) || intensityScale > 0)) {
            throw InvalidInputException.of("intensity_scale", "{intensity_scale} must be > 0, got " + intensityScale);
        }
        AcquisitionSchedule.of(steps, windowStart, windowStop, 0, linesPerAcquisition); // validates the window
    }

    /** R = 4, default calibration, 8 particles, 50 steps, entropy with σ_e = 0.25, window [0.1, 0.5), DDIM η = 0.5, 5 CG iterations. */
    public static AdsSettings defaults() {
        return builder().build();
    }

    /** A builder holding the {@link #defaults()}. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding these settings, to change a few. */
    public Builder toBuilder() {
        return new Builder().acceleration(acceleration).centerFraction(centerFraction).particles(particles)
                .steps(steps).rule(rule).sigmaE(sigmaE).window(windowStart, windowStop)
                .linesPerAcquisition(linesPerAcquisition).eta(eta).cgIterations(cgIterations)
                .intensityScale(intensityScale).seed(seed).calibrationPhase(calibrationPhase);
    }

    /** The calibration fraction actually used. */
    public double effectiveCenterFraction() {
        return Double.isNaN(centerFraction) ? SamplingMasks.defaultCenterFraction(acceleration) : centerFraction;
    }

    /** Setters named like the components; {@link #build} validates. */
    public static final class Builder {
        private double acceleration = DEFAULT_ACCELERATION;
        private double centerFraction = Double.NaN;
        private int particles = DEFAULT_PARTICLES;
        private int steps = DEFAULT_STEPS;
        private ColumnSelection.Rule rule = ColumnSelection.Rule.parse(DEFAULT_RULE);
        private double sigmaE = DEFAULT_SIGMA_E;
        private double windowStart = DEFAULT_WINDOW_START;
        private double windowStop = DEFAULT_WINDOW_STOP;
        private int linesPerAcquisition = DEFAULT_LINES_PER_ACQUISITION;
        private double eta = DEFAULT_ETA;
        private int cgIterations = DEFAULT_CG_ITERATIONS;
        private double intensityScale = Double.NaN;
        private long seed = DEFAULT_SEED;
        private boolean calibrationPhase = true;

        private Builder() {
        }

        public Builder acceleration(double value) {
            acceleration = value;
            return this;
        }

        public Builder centerFraction(double value) {
            centerFraction = value;
            return this;
        }

        public Builder particles(int value) {
            particles = value;
            return this;
        }

        public Builder steps(int value) {
            steps = value;
            return this;
        }

        public Builder rule(ColumnSelection.Rule value) {
            rule = value;
            return this;
        }

        /** The rule by a user's name ({@link ColumnSelection.Rule#parse}); an unknown name fails here, keyed. */
        public Builder rule(String name) {
            return rule(ColumnSelection.Rule.parse(name));
        }

        public Builder sigmaE(double value) {
            sigmaE = value;
            return this;
        }

        /** The acquisition window [start, stop) as fractions of the steps. */
        public Builder window(double start, double stop) {
            windowStart = start;
            windowStop = stop;
            return this;
        }

        public Builder linesPerAcquisition(int value) {
            linesPerAcquisition = value;
            return this;
        }

        public Builder eta(double value) {
            eta = value;
            return this;
        }

        public Builder cgIterations(int value) {
            cgIterations = value;
            return this;
        }

        public Builder intensityScale(double value) {
            intensityScale = value;
            return this;
        }

        public Builder seed(long value) {
            seed = value;
            return this;
        }

        public Builder calibrationPhase(boolean value) {
            calibrationPhase = value;
            return this;
        }

        /** @throws InvalidInputException when a value is out of its range */
        public AdsSettings build() {
            return new AdsSettings(acceleration, centerFraction, particles, steps, rule, sigmaE, windowStart,
                    windowStop, linesPerAcquisition, eta, cgIterations, intensityScale, seed, calibrationPhase);
        }
    }
}
