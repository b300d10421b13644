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

    private final int height;
    private final int width;
    private final int particles;
    private final long seed;
    private final NoiseSchedule schedule;
    private final int steps;
    private final TimeGrid timeGrid;
    private final SamplerMethod method;
    private final double eta;
    private final boolean lowerOrderFinal;
    private final Measurement measurement;
    private final DataConsistency dataConsistency;
    private final DataConsistency finalConsistency;
    private final StepHook stepHook;
    private final float[][] initialState;
    private final float[] warmStart;
    private final double startTime;

    private SamplingRequest(Builder b) {
        this.height = b.height;
        this.width = b.width;
        this.particles = b.particles;
        this.seed = b.seed;
        this.schedule = b.schedule;
        this.steps = b.steps;
        this.timeGrid = b.timeGrid;
        this.method = b.method;
        this.eta = b.eta;
        this.lowerOrderFinal = b.lowerOrderFinal;
        this.measurement = b.measurement;
        this.dataConsistency = b.dataConsistency;
        this.finalConsistency = b.finalConsistency;
        this.stepHook = b.stepHook;
        this.initialState = b.initialState;
        this.warmStart = b.warmStart;
        this.startTime = b.startTime;
    }

    /** A builder for images of {@code height × width} pixels. */
    public static Builder builder(int height, int width) {
        return new Builder(height, width);
    }

    /** A builder with every option of this request, to change a few. */
    public Builder toBuilder() {
        Builder b = new Builder(height, width);
        b.particles = particles;
        b.seed = seed;
        b.schedule = schedule;
        b.steps = steps;
        b.timeGrid = timeGrid;
        b.method = method;
        b.eta = eta;
        b.lowerOrderFinal = lowerOrderFinal;
        b.measurement = measurement;
        b.dataConsistency = dataConsistency;
        b.finalConsistency = finalConsistency;
        b.stepHook = stepHook;
        b.initialState = initialState;
        b.warmStart = warmStart;
        b.startTime = startTime;
        return b;
    }

    public int height() {
        return height;
    }

    public int width() {
        return width;
    }

    /** Number of posterior samples K, run as one batch through the denoiser. */
    public int particles() {
        return particles;
    }

    /** Seed of all random numbers; particle k's stream depends only on (seed, k). */
    public long seed() {
        return seed;
    }

    public NoiseSchedule schedule() {
        return schedule;
    }

    /** Number of network evaluations (= time points). */
    public int steps() {
        return steps;
    }

    public TimeGrid timeGrid() {
        return timeGrid;
    }

    public SamplerMethod method() {
        return method;
    }

    /** DDIM's η in the DDNM/DDS convention: fraction of the noise std that is fresh noise (see {@link SamplerMethod}). */
    public double eta() {
        return eta;
    }

    /** Multistep solvers drop to first order on the last step when there are fewer than 10 steps. */
    public boolean lowerOrderFinal() {
        return lowerOrderFinal;
    }

    /** The measurements, or null for unconditional sampling (or a denoiser that already conditions). */
    public Measurement measurement() {
        return measurement;
    }

    /** Correction of every Tweedie estimate per step; RED-diff refuses one (its gradient has its own data term). */
    public DataConsistency dataConsistency() {
        return dataConsistency;
    }

    /** Hard data consistency applied to each final sample (with α = 1, σ = 0). */
    public DataConsistency finalConsistency() {
        return finalConsistency;
    }

    public StepHook stepHook() {
        return stepHook;
    }

    /** Starting states x_{tMax} of the particles instead of seeded Gaussian noise (or RED-diff's μ start); may be null. */
    public float[][] initialState() {
        return initialState;
    }

    /** The estimate a warm start noises to the start time (shared by all particles), or null. */
    public float[] warmStart() {
        return warmStart;
    }

    /** Time of the first network evaluation: the schedule's tMax, or earlier for a warm start. */
    public double startTime() {
        return Double.isNaN(startTime) ? schedule.tMax() : startTime;
    }

    /** Builder with the defaults of the bundled models: cosine schedule, 50 steps, uniform time, DDIM η = 0. */
    public static final class Builder {
        private final int height;
        private final int width;
        private int particles = 1;
        private long seed = 0;
        private NoiseSchedule schedule;
        private int steps = 50;
        private TimeGrid timeGrid = TimeGrid.UNIFORM_TIME;
        private SamplerMethod method = SamplerMethod.DDIM;
        private double eta = 0;
        private boolean lowerOrderFinal = true;
        private Measurement measurement;
        private DataConsistency dataConsistency = DataConsistency.NONE;
        private DataConsistency finalConsistency = DataConsistency.NONE;
        private StepHook stepHook = StepHook.NONE;
        private float[][] initialState;
        private float[] warmStart;
        private double startTime = Double.NaN;

        private Builder(int height, int width) {
            if (height < 1 || width < 1) {
                throw new InvalidInputException("image size must be positive, got " + height + "x" + width);
            }
            this.height = height;
            this.width = width;
        }

        public Builder particles(int value) {
            if (value < 1) {
                throw new InvalidInputException("number of samples must be at least 1, got " + value);
            }
            particles = value;
            return this;
        }

        public Builder seed(long value) {
            seed = value;
            return this;
        }

        public Builder schedule(NoiseSchedule value) {
            schedule = Objects.requireNonNull(value);
            return this;
        }

        public Builder steps(int value) {
            if (value < 1) {
                throw new InvalidInputException("number of steps must be at least 1, got " + value);
            }
            steps = value;
            return this;
        }

        public Builder timeGrid(TimeGrid value) {
            timeGrid = Objects.requireNonNull(value);
            return this;
        }

        public Builder method(SamplerMethod value) {
            method = Objects.requireNonNull(value);
            return this;
        }

        /** DDIM η in the DDNM/DDS convention, in [0, 1]. */
        public Builder eta(double value) {
            if (!(value >= 0 && value <= 1)) {
                throw new InvalidInputException("eta must lie in [0, 1], got " + value);
            }
            eta = value;
            return this;
        }

        public Builder lowerOrderFinal(boolean value) {
            lowerOrderFinal = value;
            return this;
        }

        public Builder measurement(Measurement value) {
            measurement = value;
            return this;
        }

        public Builder dataConsistency(DataConsistency value) {
            dataConsistency = Objects.requireNonNull(value);
            return this;
        }

        public Builder finalConsistency(DataConsistency value) {
            finalConsistency = Objects.requireNonNull(value);
            return this;
        }

        public Builder stepHook(StepHook value) {
            stepHook = Objects.requireNonNull(value);
            return this;
        }

        public Builder initialState(float[][] value) {
            initialState = value;
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
            warmStart = Objects.requireNonNull(estimate);
            startTime = time;
            return this;
        }

        public SamplingRequest build() {
            if (schedule == null) {
                schedule = CosineSchedule.forResolution(Math.max(height, width));
            }
            if (initialState != null && initialState.length != particles) {
                throw new InvalidInputException("initial state has " + initialState.length + " images for "
                        + particles + " samples; pass one per sample");
            }
            if (warmStart != null && initialState != null) {
                throw new InvalidInputException("pass either an initial state or a warm start, not both");
            }
            if (warmStart != null && !(startTime > schedule.tMin())) {
                throw new InvalidInputException("warm-start time " + startTime + " lies at or below the schedule's end "
                        + schedule.tMin());
            }
            if (dataConsistency != DataConsistency.NONE && measurement == null) {
                throw new InvalidInputException("data consistency needs measurements; pass a measurement");
            }
            return new SamplingRequest(this);
        }
    }
}
