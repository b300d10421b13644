package org.diffprior.active;

import org.diffprior.core.InvalidInputException;
import org.diffprior.physics.SamplingMasks;

/**
 * Options of an {@link ActiveSubsampling} run; immutable, validated on construction. Built from the defaults
 * with {@link #builder()}, or changed with {@link #toBuilder()}.
 *
 * <pre>{@code
 * AdsSettings settings = AdsSettings.builder().acceleration(8).particles(4).window(0.1, 0.5).build();
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

    public AdsSettings {
        if (!(acceleration >= 1)) {
            throw new InvalidInputException("acceleration must be at least 1, got " + acceleration);
        }
        if (!(Double.isNaN(centerFraction) || centerFraction >= 0 && centerFraction <= 1)) {
            throw new InvalidInputException("center fraction must lie in [0, 1], got " + centerFraction);
        }
        if (particles < 2) {
            throw new InvalidInputException("active subsampling needs at least 2 particles to compare, got " + particles);
        }
        if (steps < 2) {
            throw new InvalidInputException("steps must be at least 2, got " + steps);
        }
        if (!(sigmaE > 0)) {
            throw new InvalidInputException("sigma_e must be > 0, got " + sigmaE);
        }
        if (cgIterations < 1) {
            throw new InvalidInputException("CG iterations must be at least 1, got " + cgIterations);
        }
        if (!(Double.isNaN(intensityScale) || intensityScale > 0)) {
            throw new InvalidInputException("intensity scale must be > 0, got " + intensityScale);
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
        private double acceleration = 4;
        private double centerFraction = Double.NaN;
        private int particles = 8;
        private int steps = 50;
        private ColumnSelection.Rule rule = ColumnSelection.Rule.ENTROPY;
        private double sigmaE = 0.25;
        private double windowStart = 0.1;
        private double windowStop = 0.5;
        private int linesPerAcquisition = 1;
        private double eta = 0.5;
        private int cgIterations = 5;
        private double intensityScale = Double.NaN;
        private long seed = 0;
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
