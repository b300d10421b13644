package org.diffprior.solver;

/**
 * A variance-preserving noise schedule x_t = α(t) x0 + σ(t) ε with α² + σ² = 1, on a time interval
 * [{@link #tMin()}, {@link #tMax()}] where larger t means more noise. Samplers only need α, σ and the
 * half log-SNR λ = log(α/σ) with its inverse; a network wrapper uses {@link #timeOfAlpha} to turn the
 * noise level a {@code Denoiser} receives back into the time input it was trained with.
 *
 * <pre>{@code
 * NoiseSchedule schedule = CosineSchedule.forResolution(128);
 * double[] times = TimeGrid.UNIFORM_LOG_SNR.times(schedule, 50);
 * double alpha = schedule.alpha(times[0]);
 * }</pre>
 */
public interface NoiseSchedule {

    /** Smallest time (least noise) the schedule is defined for. */
    double tMin();

    /** Largest time (most noise). */
    double tMax();

    /** Signal coefficient α(t). */
    double alpha(double t);

    /** Noise coefficient σ(t) = sqrt(1 − α²). */
    default double sigma(double t) {
        double a = alpha(t);
        return Math.sqrt(Math.max(0.0, 1.0 - a * a));
    }

    /** Half log signal-to-noise ratio λ(t) = log(α/σ), decreasing in t. */
    default double logSnr(double t) {
        return halfLogSnrOfAlpha(alpha(t));
    }

    /** Inverse of {@link #logSnr}: the time at which λ(t) = lambda (clamped to the schedule's interval). */
    double timeOfLogSnr(double lambda);

    /** The time at which α(t) = alpha (clamped to the schedule's interval). */
    default double timeOfAlpha(double alpha) {
        return timeOfLogSnr(halfLogSnrOfAlpha(alpha));
    }

    /** λ = log(α/σ) of a VP noise level, computed without cancellation for α close to 0 or 1. */
    static double halfLogSnrOfAlpha(double alpha) {
        return Math.log(alpha) - 0.5 * Math.log1p(-alpha * alpha);
    }

    /** α of a half log-SNR λ: α² = sigmoid(2λ). */
    static double alphaOfHalfLogSnr(double lambda) {
        return 1.0 / Math.sqrt(1.0 + Math.exp(-2.0 * lambda));
    }

    /** σ of a half log-SNR λ: σ² = sigmoid(−2λ). */
    static double sigmaOfHalfLogSnr(double lambda) {
        return 1.0 / Math.sqrt(1.0 + Math.exp(2.0 * lambda));
    }
}
