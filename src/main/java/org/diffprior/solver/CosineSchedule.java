package org.diffprior.solver;

import org.diffprior.core.InvalidInputException;

/**
 * Continuous-time VP cosine schedule (α = cos φ, σ = sin φ) with the "simple diffusion" resolution
 * shift and clipping of α to [α_min, α_max] (algorithms.md §8.2). The unshifted half log-SNR is
 * λ₀(u) = −log tan(πu/2); the shifted one is λ₀(u) + log(64/resolution), i.e. the full log-SNR moves by
 * 2·log(64/resolution) so large images are noised enough. Clipping is done by restricting u to the
 * interval where α lies in [α_min, α_max] and mapping t ∈ [0, 1] linearly onto it, so α(0) = α_max,
 * α(1) = α_min and there are no flat stretches where a sampler would waste steps. Without shift this
 * is exactly the "angle" schedule of ADS (φ linear in t between arccos α_max and arccos α_min).
 *
 * <pre>{@code
 * NoiseSchedule schedule = new CosineSchedule(0.02, 0.999, 128);
 * double alpha = schedule.alpha(0.5), sigma = schedule.sigma(0.5);
 * double t = schedule.timeOfAlpha(alpha); // 0.5 again: what a network wrapper feeds the model
 * }</pre>
 */
public final class CosineSchedule implements NoiseSchedule {

    /** Defaults of the bundled models: α_min 0.02 (as ADS), α_max 0.999. */
    public static final double DEFAULT_ALPHA_MIN = 0.02;
    public static final double DEFAULT_ALPHA_MAX = 0.999;

    private final double alphaMin;
    private final double alphaMax;
    private final double resolution;
    private final double shift;
    private final double uLow;
    private final double uHigh;

    /**
     * @param alphaMin α at t = 1 (most noise), in (0, alphaMax)
     * @param alphaMax α at t = 0 (least noise), in (alphaMin, 1)
     * @param resolution image side in pixels the model works at; 64 means no shift
     */
    public CosineSchedule(double alphaMin, double alphaMax, double resolution) {
        if (!(alphaMin > 0 && alphaMin < alphaMax && alphaMax < 1)) {
            throw new InvalidInputException("cosine schedule needs 0 < alpha_min < alpha_max < 1, got "
                    + alphaMin + " and " + alphaMax);
        }
        if (!(resolution > 0)) {
            throw new InvalidInputException("cosine schedule resolution must be positive, got " + resolution);
        }
        this.alphaMin = alphaMin;
        this.alphaMax = alphaMax;
        this.resolution = resolution;
        this.shift = Math.log(64.0 / resolution);
        this.uLow = unshiftedTime(NoiseSchedule.halfLogSnrOfAlpha(alphaMax));
        this.uHigh = unshiftedTime(NoiseSchedule.halfLogSnrOfAlpha(alphaMin));
    }

    /** Default clipping with the shift for images of the given side. */
    public static CosineSchedule forResolution(double resolution) {
        return new CosineSchedule(DEFAULT_ALPHA_MIN, DEFAULT_ALPHA_MAX, resolution);
    }

    /**
     * Default clipping with the half log-SNR moved by {@code halfLogSnrShift} (positive: less noise at each
     * time), i.e. the schedule of resolution 64·e^{−shift}.
     */
    public static CosineSchedule withShift(double halfLogSnrShift) {
        return new CosineSchedule(DEFAULT_ALPHA_MIN, DEFAULT_ALPHA_MAX, 64 * Math.exp(-halfLogSnrShift));
    }

    public double alphaMin() {
        return alphaMin;
    }

    public double alphaMax() {
        return alphaMax;
    }

    public double resolution() {
        return resolution;
    }

    @Override
    public double tMin() {
        return 0.0;
    }

    @Override
    public double tMax() {
        return 1.0;
    }

    @Override
    public double alpha(double t) {
        return NoiseSchedule.alphaOfHalfLogSnr(logSnr(t));
    }

    @Override
    public double sigma(double t) {
        return NoiseSchedule.sigmaOfHalfLogSnr(logSnr(t));
    }

    @Override
    public double logSnr(double t) {
        double u = uLow + clamp(t) * (uHigh - uLow);
        return -Math.log(Math.tan(0.5 * Math.PI * u)) + shift;
    }

    @Override
    public double timeOfLogSnr(double lambda) {
        return clamp((unshiftedTime(lambda) - uLow) / (uHigh - uLow));
    }

    /** u with −log tan(πu/2) + shift = λ. */
    private double unshiftedTime(double lambda) {
        return 2.0 / Math.PI * Math.atan(Math.exp(shift - lambda));
    }

    private static double clamp(double t) {
        return Math.min(1.0, Math.max(0.0, t));
    }

    @Override
    public String toString() {
        return "cosine(alpha " + alphaMin + ".." + alphaMax + ", resolution " + resolution + ")";
    }
}
