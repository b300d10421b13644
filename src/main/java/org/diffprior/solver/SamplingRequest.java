package org.diffprior.solver;

import java.util.Objects;

import org.diffprior.core.InvalidInputException;

/**
 * Everything a diffusion run needs besides the denoiser: image size, particles and seed, schedule,
 * time grid and number of network evaluations, the update rule, and optionally measurements with a
 * data-consistency step, a final hard data consistency and a per-step hook. Immutable; built with
 * {@link #builder(int, int)}. The image layout (1 real channel or 2 interleaved complex channels) is
 * the denoiser's; operators must map {@code channels·height·width} floats. {@link RedDiffSolver} takes
 * the same request with its own {@link RedDiffOptions}.
 *
 * <pre>{@code
 * SamplingRequest dds = SamplingRequest.builder(256, 256).particles(8).seed(1).steps(50)
 *         .measurement(new Measurement(op, y, 0, null)).dataConsistency(CgDataConsistency.auto(5, 1))
 *         .eta(0.5).build();
 * SamplingResult result = DiffusionSolver.run(denoiser, dds, ProgressListener.NONE, CancelToken.none());
 * }</pre>
 */
public final class SamplingRequest {

    /**
     * The options with their defaults, declared once: a builder fills one instance and every request and
     * {@link #toBuilder()} gets a copy ({@link #copy()}), so no list of fields is copied by hand.
     */
    private static final class Options implements Cloneable {
        int height;
        int width;
        int particles = 1;
        long seed = 0;
        NoiseSchedule schedule;
        int steps = 50;
        TimeGrid timeGrid = TimeGrid.UNIFORM_TIME;
        SamplerMethod method = SamplerMethod.DDIM;
        double eta = 0;
        boolean lowerOrderFinal = true;
        Measurement measurement;
        DataConsistency dataConsistency = DataConsistency.NONE;
        DataConsistency finalConsistency = DataConsistency.NONE;
        StepHook stepHook = StepHook.NONE;
        float[][] initialState;
        float[] warmStart;
        double startTime = Double.NaN;

        Options copy() {
            try {
                return (Options) clone(); // shallow: arrays, measurement and strategies are shared, as before
            } catch (CloneNotSupportedException e) {
                throw new AssertionError(e);
            }
        }
    }

    private final Options options;

    private SamplingRequest(Options options) {
        this.options = options;
    }

    /** A builder for images of {@code height × width} pixels. */
    public static Builder builder(int height, int width) {
        return new Builder(height, width);
    }

    /** A builder with every option of this request, to change a few. */
    public Builder toBuilder() {
        return new Builder(options.copy());
    }

    public int height() {
        return options.height;
    }

    public int width() {
        return options.width;
    }

    /** Number of posterior samples K, run as one batch through the denoiser. */
    public int particles() {
        return options.particles;
    }

    /** Seed of all random numbers; particle k's stream depends only on (seed, k). */
    public long seed() {
        return options.seed;
    }

    public NoiseSchedule schedule() {
        return options.schedule;
    }

    /** Number of network evaluations (= time points). */
    public int steps() {
        return options.steps;
    }

    public TimeGrid timeGrid() {
        return options.timeGrid;
    }

    public SamplerMethod method() {
        return options.method;
    }

    /** DDIM's η in the DDNM/DDS convention: fraction of the noise std that is fresh noise (see {@link SamplerMethod}). */
    public double eta() {
        return options.eta;
    }

    /** Multistep solvers drop to first order on the last step when there are fewer than 10 steps. */
    public boolean lowerOrderFinal() {
        return options.lowerOrderFinal;
    }

    /** The measurements, or null for unconditional sampling (or a denoiser that already conditions). */
    public Measurement measurement() {
        return options.measurement;
    }

    /** Correction of every Tweedie estimate per step; RED-diff refuses one (its gradient has its own data term). */
    public DataConsistency dataConsistency() {
        return options.dataConsistency;
    }

    /** Hard data consistency applied to each final sample (with α = 1, σ = 0). */
    public DataConsistency finalConsistency() {
        return options.finalConsistency;
    }

    public StepHook stepHook() {
        return options.stepHook;
    }

    /** Starting states x_{tMax} of the particles instead of seeded Gaussian noise (or RED-diff's μ start); may be null. */
    public float[][] initialState() {
        return options.initialState;
    }

    /** The estimate a warm start noises to the start time (shared by all particles), or null. */
    public float[] warmStart() {
        return options.warmStart;
    }

    /** Time of the first network evaluation: the schedule's tMax, or earlier for a warm start. */
    public double startTime() {
        return Double.isNaN(options.startTime) ? options.schedule.tMax() : options.startTime;
    }

    /** Builder with the defaults of the bundled models: cosine schedule, 50 steps, uniform time, DDIM η = 0. */
    public static final class Builder {
        private final Options options;

        private Builder(int height, int width) {
            if (height < 1 || width < 1) {
                throw new InvalidInputException("image size must be positive, got " + height + "x" + width);
            }
            this.options = new Options();
            options.height = height;
            options.width = width;
        }

        private Builder(Options options) {
            this.options = options;
        }

        public Builder particles(int value) {
            if (value < 1) {
                throw new InvalidInputException("number of samples must be at least 1, got " + value);
            }
            options.particles = value;
            return this;
        }

        public Builder seed(long value) {
            options.seed = value;
            return this;
        }

        public Builder schedule(NoiseSchedule value) {
            options.schedule = Objects.requireNonNull(value);
            return this;
        }

        public Builder steps(int value) {
            if (value < 1) {
                throw new InvalidInputException("number of steps must be at least 1, got " + value);
            }
            options.steps = value;
            return this;
        }

        public Builder timeGrid(TimeGrid value) {
            options.timeGrid = Objects.requireNonNull(value);
            return this;
        }

        public Builder method(SamplerMethod value) {
            options.method = Objects.requireNonNull(value);
            return this;
        }

        /** DDIM η in the DDNM/DDS convention, in [0, 1]. */
        public Builder eta(double value) {
            if (!(value >= 0 && value <= 1)) {
                throw new InvalidInputException("eta must lie in [0, 1], got " + value);
            }
            options.eta = value;
            return this;
        }

        public Builder lowerOrderFinal(boolean value) {
            options.lowerOrderFinal = value;
            return this;
        }

        public Builder measurement(Measurement value) {
            options.measurement = value;
            return this;
        }

        public Builder dataConsistency(DataConsistency value) {
            options.dataConsistency = Objects.requireNonNull(value);
            return this;
        }

        public Builder finalConsistency(DataConsistency value) {
            options.finalConsistency = Objects.requireNonNull(value);
            return this;
        }

        public Builder stepHook(StepHook value) {
            options.stepHook = Objects.requireNonNull(value);
            return this;
        }

        public Builder initialState(float[][] value) {
            options.initialState = value;
            return this;
        }

        /**
         * Starts the reverse process at {@code time} instead of at the schedule's end (CCDF, Chung, Sim &amp; Ye
         * 2022): each particle begins at α(t) x + σ(t) ε with its own ε, and the steps are spread over
         * [tMin, time]. A good estimate allows a small start time: the measurements and the estimate keep
         * the structure, and the prior only has to correct what the estimate got wrong.
         */
        public Builder warmStart(float[] estimate, double time) {
            if (!(time > 0 && time <= 1)) {
                throw new InvalidInputException("warm-start time must lie in (0, 1], got " + time);
            }
            options.warmStart = Objects.requireNonNull(estimate);
            options.startTime = time;
            return this;
        }

        public SamplingRequest build() {
            Options o = options;
            if (o.schedule == null) {
                o.schedule = CosineSchedule.forResolution(Math.max(o.height, o.width));
            }
            if (o.initialState != null && o.initialState.length != o.particles) {
                throw new InvalidInputException("initial state has " + o.initialState.length + " images for "
                        + o.particles + " samples; pass one per sample");
            }
            if (o.warmStart != null && o.initialState != null) {
                throw new InvalidInputException("pass either an initial state or a warm start, not both");
            }
            if (o.warmStart != null && !(o.startTime > o.schedule.tMin())) {
                throw new InvalidInputException(
                        "warm-start time " + o.startTime + " lies at or below the schedule's end "
                                + o.schedule.tMin());
            }
            if (o.dataConsistency != DataConsistency.NONE && o.measurement == null) {
                throw new InvalidInputException("data consistency needs measurements; pass a measurement");
            }
            // A copy, so that changing this builder afterwards leaves the request as it was.
            return new SamplingRequest(o.copy());
        }
    }
}
