package org.diffprior.task;

import java.util.List;

import org.diffprior.core.InvalidInputException;

/**
 * Options of a diffusion reconstruction (DDS: Tweedie estimate, a few conjugate-gradient steps on the
 * measurements started at it, DDIM re-noising): their defaults and bounds, written here only, and their
 * validation, keyed by parameter ({@link #PARAMETERS}) so that each interface names its own option. The
 * command line's options and the Fiji commands' parameters are renderings of these.
 *
 * <pre>{@code
 * DiffusionSettings settings = new DiffusionSettings(50, 4, 0, DiffusionSettings.DEFAULT_ETA, 5);
 * DiffusionOutput out = SrDiffusion.run(lowRes, 64, 64, 2, "box", prior, settings, progress, cancel);
 * }</pre>
 *
 * @param steps network evaluations per sample
 * @param samples posterior samples K, run as one batch; their mean is the reconstruction and their
 *        per-pixel standard deviation the uncertainty map (K = 1 gives no uncertainty)
 * @param seed seed of the sampler's noise; equal seeds give equal results
 * @param eta fraction of the noise that is fresh at each step (DDNM/DDS convention, 0 = deterministic)
 * @param cgIterations conjugate-gradient iterations of data consistency per step
 * @param startNoise warm start: the reverse process begins at the noise level σ/α = startNoise around a
 *        classical reconstruction instead of at pure noise (CCDF); 0 for a cold start from pure noise.
 *        Tasks without a warm start ignore it.
 */
public record DiffusionSettings(int steps, int samples, long seed, double eta, int cgIterations, double startNoise) {

    /**
     * Network evaluations. On the validation plane Colin27 axial 104 (MRI, bundled brain prior, 2 samples,
     * low-noise step placement) 50 steps beat 30 by 0.9 dB at R = 8 (random and equispaced masks) and lost
     * 0.4 dB at R = 4; with the first brain prior 100 steps gained nothing over 50. At 256×256 one MRI
     * sample of 50 steps takes about 7 s on 2 cores, start-up included.
     */
    public static final int DEFAULT_STEPS = 50;
    /** Most network evaluations per sample. */
    public static final int MAX_STEPS = 1000;
    public static final int DEFAULT_SAMPLES = 1;
    /** Most posterior samples, run as one batch through the network. */
    public static final int MAX_SAMPLES = 256;
    public static final long DEFAULT_SEED = 0;
    /**
     * Fresh noise at every step. On a Colin27 validation slice (SR ×2/×4, MRI R = 4/8, CT 18–60 views, 30
     * steps, first brain prior) η = 1 beat 0.85, 0.5, 0.2 and 0 in every case (SR ×4: 23.6 vs 21.3 dB at
     * η = 0): the re-injected noise hides the small prior's errors, where deterministic steps accumulate them.
     * Rechecked with the current prior and step placement (axial 104, 50 steps, 2 samples): η = 1 beat 0.85
     * by 1.0 and 1.2 dB at R = 8 and lost 1.0 dB at R = 4.
     */
    public static final double DEFAULT_ETA = 1.0;
    public static final int DEFAULT_CG_ITERATIONS = 5;
    public static final int MAX_CG_ITERATIONS = 100;

    /** Noise level of a warm start: 0 starts from pure noise. */
    public static final double DEFAULT_START_NOISE = 0;
    /** Largest warm-start noise level, σ/α, in units of the normalised image (robust maximum 1). */
    public static final double MAX_START_NOISE = 3;

    /**
     * The keys of the diffusion parameters that every diffusion command shows (model, then these settings), as
     * Fiji parameter names; the command line's options are their kebab-case ({@code --cg-iterations}). The
     * warm start ({@code start_noise}) is MRI's alone.
     */
    public static final List<String> PARAMETERS = List.of("model", "steps", "samples", "seed", "eta", "cg_iterations");

    /** Settings with a cold start (from pure noise). */
    public DiffusionSettings(int steps, int samples, long seed, double eta, int cgIterations) {
        this(steps, samples, seed, eta, cgIterations, 0);
    }

    public DiffusionSettings {
        if (steps < 1 || steps > MAX_STEPS) {
            throw InvalidInputException.of("steps", "{steps} must lie in 1.." + MAX_STEPS + ", got " + steps);
        }
        if (samples < 1 || samples > MAX_SAMPLES) {
            throw InvalidInputException.of("samples", "{samples} must lie in 1.." + MAX_SAMPLES + ", got " + samples);
        }
        if (!(eta >= 0 && eta <= 1)) {
            throw InvalidInputException.of("eta", "{eta} must lie in [0, 1], got " + eta);
        }
        if (cgIterations < 0 || cgIterations > MAX_CG_ITERATIONS) {
            throw InvalidInputException.of("cg_iterations", "{cg_iterations} must lie in 0.." + MAX_CG_ITERATIONS
                    + ", got " + cgIterations);
        }
        if (!(startNoise >= 0 && startNoise <= MAX_START_NOISE)) {
            throw InvalidInputException.of("start_noise", "{start_noise} must lie in [0, " + MAX_START_NOISE + "], got "
                    + startNoise);
        }
    }

    /** These settings with another number of posterior samples. */
    public DiffusionSettings withSamples(int value) {
        return new DiffusionSettings(steps, value, seed, eta, cgIterations, startNoise);
    }

    /** These settings with another warm-start noise level. */
    public DiffusionSettings withStartNoise(double value) {
        return new DiffusionSettings(steps, samples, seed, eta, cgIterations, value);
    }

    /** Whether the reverse process starts from a classical estimate instead of pure noise. */
    public boolean warmStart() {
        return startNoise > 0;
    }

    /** These settings for a task without a warm start: refuses a start noise instead of ignoring it. */
    public DiffusionSettings coldStartOnly(String task) {
        if (warmStart()) {
            throw InvalidInputException.of("start_noise",
                    "{start_noise} applies to MRI only; leave it out for " + task);
        }
        return this;
    }

    public static DiffusionSettings defaults() {
        return new DiffusionSettings(DEFAULT_STEPS, DEFAULT_SAMPLES, DEFAULT_SEED, DEFAULT_ETA, DEFAULT_CG_ITERATIONS,
                DEFAULT_START_NOISE);
    }
}
