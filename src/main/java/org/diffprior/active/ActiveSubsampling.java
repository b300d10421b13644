package org.diffprior.active;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

import org.diffprior.core.CancelToken;
import org.diffprior.core.InvalidInputException;
import org.diffprior.core.ProgressListener;
import org.diffprior.core.SampleStatistics;
import org.diffprior.physics.CoilArray;
import org.diffprior.physics.Espirit;
import org.diffprior.physics.LinearOperator;
import org.diffprior.physics.MriMeasurement;
import org.diffprior.physics.SamplingMasks;
import org.diffprior.prior.Denoiser;
import org.diffprior.solver.CgDataConsistency;
import org.diffprior.solver.DataConsistency;
import org.diffprior.solver.DiffusionSolver;
import org.diffprior.solver.Measurement;
import org.diffprior.solver.SamplerMethod;
import org.diffprior.solver.SamplingRequest;
import org.diffprior.solver.SamplingResult;
import org.diffprior.solver.StepHook;
import org.diffprior.task.MriDiffusion;

/**
 * Active Diffusion Subsampling (Nolan et al., notes/algorithms.md §3) on the DDS posterior sampler: P particles
 * run together; at the reverse steps of an {@link AcquisitionSchedule} each particle's Tweedie estimate, made
 * consistent with the data so far by the step's CG correction, is taken to k-space (through the coil maps when there are several coils), the unacquired columns are scored by
 * {@link ColumnSelection}, the best are acquired from the {@link MeasurementSource}, and the enlarged
 * measurement replaces the old one through the solver's {@link StepHook}, so sampling goes on with it (CG data
 * consistency per step, a hard data consistency at the end). The run starts from the calibration columns
 * (or the centre column alone for a centre fraction of 0) and stops at floor(W/R) columns, calibration
 * included, as {@link SamplingMasks} counts them. {@link #reconstruct} runs the same solver with a fixed
 * mask, the baseline at equal budget.
 *
 * <pre>{@code
 * ActiveSubsampling.Result r = ActiveSubsampling.run(denoiser, new RetrospectiveSource(Cfl.read(path)), null,
 *         AdsSettings.builder().acceleration(8).build(), ProgressListener.NONE, CancelToken.none());
 * float[] image = r.magnitude();  int[] order = r.activeColumns();
 * }</pre>
 */
public final class ActiveSubsampling {

    /** Iterations of the final hard data consistency (single coil converges in one). */
    private static final int FINAL_CG_ITERATIONS = 30;
    /** Relative residual at which CG stops (float rounding limits what more iterations could give). */
    private static final double CG_TOLERANCE = 1e-4;

    private ActiveSubsampling() {
    }

    /** One acquired column: the reverse step it was chosen at (−1 for the initial calibration columns). */
    public record Acquisition(int step, int column) {
    }

    /**
     * What a run returns (images in the data's units).
     *
     * @param complexImages every particle's final complex image (interleaved), after hard data consistency
     * @param magnitude mean over particles of the magnitude images
     * @param std standard deviation over particles of the magnitude images
     * @param mask H·W 0/1 mask of all acquired columns
     * @param order every acquired column in order, the initial ones first (step −1)
     * @param filling the mask after each active acquisition (one H·W plane per acquisition)
     * @param data the measured k-space, coils × rows × columns interleaved, zero where not acquired
     */
    public record Result(int height, int width, float[][] complexImages, float[] magnitude, float[] std, float[] mask,
            List<Acquisition> order, List<float[]> filling, float[] data, int networkEvaluations, double seconds) {

        /** Columns chosen during sampling, in order (without the initial ones). */
        public int[] activeColumns() {
            return order.stream().filter(a -> a.step() >= 0).mapToInt(Acquisition::column).toArray();
        }
    }

    /** The initial columns: the calibration block centred on W/2, or the centre column if that block is empty. */
    public static int[] initialColumns(int width, AdsSettings settings) {
        budget(width, settings.acceleration()); // "no column left" before "calibration too wide"
        boolean[] calibration = SamplingMasks.calibrationColumns(width, settings.acceleration(),
                settings.effectiveCenterFraction());
        int[] columns = IntStream.range(0, width).filter(x -> calibration[x]).toArray();
        return columns.length > 0 ? columns : new int[] {width / 2};
    }

    /** floor(W/R) columns, at least one. */
    public static int budget(int width, double acceleration) {
        int total = (int) Math.floor(width / acceleration);
        if (total < 1) {
            throw InvalidInputException.of("acceleration",
                    "{acceleration} " + acceleration + " leaves no column of " + width + "; lower it");
        }
        return total;
    }

    /**
     * Runs active subsampling.
     *
     * @param maps coil sensitivities (C maps matching the source's coils), or null for single-coil data
     */
    public static Result run(Denoiser denoiser, MeasurementSource source, CoilArray maps, AdsSettings settings,
            ProgressListener progress, CancelToken cancel) {
        long start = System.nanoTime();
        Geometry g = Geometry.of(denoiser, source.rows(), source.columns(), source.coils(), maps);
        if (settings.linesPerAcquisition() > g.width()) {
            throw InvalidInputException.of("lines_per_acquisition", "{lines_per_acquisition} must lie in 1.."
                    + g.width() + " (the k-space columns), got " + settings.linesPerAcquisition());
        }
        int[] initial = initialColumns(g.width(), settings);
        int total = budget(g.width(), settings.acceleration());
        float[] kspace = new float[2 * g.coils() * g.height() * g.width()];
        boolean[] acquired = new boolean[g.width()];
        List<Acquisition> order = new ArrayList<>();
        for (int column : initial) {
            source.acquireColumn(column, kspace);
            acquired[column] = true;
            order.add(new Acquisition(-1, column));
        }
        MriMeasurement first = g.measurement(kspace, SamplingMasks.fromColumns(g.height(), acquired), settings);
        AcquisitionSchedule schedule = AcquisitionSchedule.of(settings.steps(), settings.windowStart(),
                settings.windowStop(), total - initial.length, settings.linesPerAcquisition());
        List<float[]> filling = new ArrayList<>();
        float[] everywhere = new float[g.height() * g.width()];
        Arrays.fill(everywhere, 1f);
        LinearOperator fullForward = first.withData(g.coilArray(kspace), everywhere).operator();
        DataConsistency dc = g.dataConsistency(first, settings);
        StepHook hook = state -> {
            int lines = schedule.linesAt(state.step());
            if (lines == 0) {
                return state.measurement();
            }
            // Score the data-consistent estimates: columns the data already determine (the conjugate mirror of
            // an acquired column for a real image, neighbours through smooth coil maps) then show no spread.
            // Several lines at one step are chosen one after another, each knowing the previous one's data, so
            // a batch never takes two columns that carry the same information.
            Measurement current = state.measurement();
            for (int line = 0; line < lines; line++) {
                float[][] predicted = new float[state.x0Estimates().length][];
                for (int k = 0; k < predicted.length; k++) {
                    float[] estimate = state.x0Estimates()[k].clone();
                    dc.apply(estimate, current, state.alpha(), state.sigma());
                    predicted[k] = new float[fullForward.outputSize()];
                    fullForward.apply(estimate, predicted[k]);
                }
                double[] scores = ColumnSelection.scores(predicted, g.coils(), g.height(), g.width(), settings.rule(),
                        settings.sigmaE());
                for (int column : ColumnSelection.best(scores, acquired, 1)) {
                    source.acquireColumn(column, kspace);
                    acquired[column] = true;
                    order.add(new Acquisition(state.step(), column));
                }
                current = measurement(first.withData(g.coilArray(kspace),
                        SamplingMasks.fromColumns(g.height(), acquired)));
            }
            filling.add(SamplingMasks.fromColumns(g.height(), acquired));
            return current;
        };
        SamplingResult sampled = sample(denoiser, g, measurement(first), dc, hook, settings, progress, cancel);
        MriMeasurement last = first.withData(g.coilArray(kspace), SamplingMasks.fromColumns(g.height(), acquired));
        return finish(g, sampled, last, order, filling, start);
    }

    /**
     * The same prior and solver with a fixed mask (any H·W 0/1 mask, not only columns): the baseline at equal budget.
     *
     * @param kspace full (or already masked) k-space; only the mask's points are used
     */
    public static Result reconstruct(Denoiser denoiser, CoilArray kspace, CoilArray maps, float[] mask,
            AdsSettings settings, ProgressListener progress, CancelToken cancel) {
        long start = System.nanoTime();
        Geometry g = Geometry.of(denoiser, kspace.height(), kspace.width(), kspace.coils(), maps);
        if (mask.length != g.height() * g.width()) {
            throw new InvalidInputException("mask size does not match the k-space (" + g.height() + "x" + g.width()
                    + "); use a mask of the same size");
        }
        float[] data = kspace.data().clone();
        int n = g.height() * g.width();
        for (int c = 0; c < g.coils(); c++) {
            for (int i = 0; i < n; i++) {
                if (mask[i] == 0) {
                    data[2 * (c * n + i)] = 0;
                    data[2 * (c * n + i) + 1] = 0;
                }
            }
        }
        MriMeasurement measurement = g.measurement(data, mask.clone(), settings);
        SamplingResult sampled = sample(denoiser, g, measurement(measurement), g.dataConsistency(measurement, settings),
                StepHook.NONE, settings, progress, cancel);
        return finish(g, sampled, measurement, List.of(), List.of(), start);
    }

    private static SamplingResult sample(Denoiser denoiser, Geometry g, Measurement first, DataConsistency dc,
            StepHook hook, AdsSettings settings, ProgressListener progress, CancelToken cancel) {
        SamplingRequest request = SamplingRequest.builder(g.height(), g.width()).particles(settings.particles())
                .seed(settings.seed()).steps(settings.steps()).method(SamplerMethod.DDIM).eta(settings.eta())
                .measurement(first).dataConsistency(dc)
                .stepHook(hook).build();
        // The prior as MRI reconstruction calls it (turned from step to step), for acquisition and baseline alike.
        return DiffusionSolver.run(MriDiffusion.network(denoiser, 1), request, progress, cancel);
    }

    /** Hard data consistency on the complex image of every particle, back to the data's units, mean and spread. */
    private static Result finish(Geometry g, SamplingResult sampled, MriMeasurement m, List<Acquisition> order,
            List<float[]> filling, long start) {
        // CG on AᴴA x = Aᴴy from each sample: converged, the nearest complex image that fits the data.
        Measurement complex = Measurement.of(m.complexOperator(), m.data());
        DataConsistency hard = CgDataConsistency.normalEquations(FINAL_CG_ITERATIONS)
                .withRelativeTolerance(CG_TOLERANCE);
        int n = g.height() * g.width();
        int particles = sampled.samples().length;
        float[][] images = new float[particles][];
        float[][] magnitudes = new float[particles][n];
        for (int k = 0; k < particles; k++) {
            float[] x = m.toComplex(sampled.samples()[k]);
            hard.apply(x, complex, 1, 0);
            for (int i = 0; i < x.length; i++) {
                x[i] *= (float) m.scale();
            }
            images[k] = x;
            for (int i = 0; i < n; i++) {
                magnitudes[k][i] = (float) Math.hypot(x[2 * i], x[2 * i + 1]);
            }
        }
        return new Result(g.height(), g.width(), images, SampleStatistics.mean(magnitudes),
                SampleStatistics.std(magnitudes), m.mask().clone(), List.copyOf(order),
                List.copyOf(filling), m.kspace().data().clone(), sampled.networkEvaluations(),
                (System.nanoTime() - start) * 1e-9);
    }

    /** The sampler's measurement: the operator on the prior's images and the normalised data. */
    private static Measurement measurement(MriMeasurement m) {
        return Measurement.of(m.operator(), m.data());
    }

    /** Sizes, coils and the image type of the prior. */
    private record Geometry(int height, int width, int coils, int channels, CoilArray maps) {

        static Geometry of(Denoiser denoiser, int height, int width, int coils, CoilArray maps) {
            if (denoiser.channels() != 1 && denoiser.channels() != 2) {
                throw new InvalidInputException(
                        "the prior must have 1 (real) or 2 (complex) channels, not " + denoiser.channels());
            }
            return new Geometry(height, width, coils, denoiser.channels(), maps);
        }

        /** k-space laid out as coils × rows × columns (interleaved), shared, not copied. */
        CoilArray coilArray(float[] kspace) {
            return new CoilArray(height, width, coils, kspace);
        }

        /**
         * The first measurement, which fixes scale and phase for the whole run: the given scale or the robust
         * maximum of the zero-filled image; a magnitude prior's images real under the calibration phase (with
         * {@link AdsSettings#calibrationPhase}) or real.
         */
        MriMeasurement measurement(float[] kspace, float[] mask, AdsSettings settings) {
            MriMeasurement m = Double.isNaN(settings.intensityScale())
                    ? MriMeasurement.of(coilArray(kspace), mask, maps)
                    : MriMeasurement.of(coilArray(kspace), mask, maps, settings.intensityScale());
            if (channels == 2) {
                return m;
            }
            return settings.calibrationPhase() ? m.underCalibrationPhase() : m.realObject();
        }

        /** The MRI diffusion task's CG step (proximal under an estimated phase), stopped at a looser tolerance. */
        DataConsistency dataConsistency(MriMeasurement m, AdsSettings settings) {
            CgDataConsistency step = MriDiffusion.stepConsistency(m.estimatedPhase(), settings.cgIterations(), 0);
            return (step != null ? step : CgDataConsistency.normalEquations(settings.cgIterations()))
                    .withRelativeTolerance(CG_TOLERANCE);
        }
    }

    /**
     * Coil maps by ESPIRiT from the calibration columns only: the data a scanner has before the first
     * choice. Needs a calibration region of at least two columns.
     */
    public static CoilArray estimateSensitivities(MeasurementSource source, AdsSettings settings) {
        int[] initial = initialColumns(source.columns(), settings);
        if (initial.length < 2) {
            throw InvalidInputException.of("center_fraction",
                    "estimating coil sensitivities needs a calibration region; "
                            + "give {center_fraction} > 0 or measured maps as {sensitivities}");
        }
        int height = source.rows();
        int width = source.columns();
        float[] data = new float[2 * source.coils() * height * width];
        boolean[] acquired = new boolean[width];
        for (int column : initial) {
            source.acquireColumn(column, data);
            acquired[column] = true;
        }
        return Espirit.estimate(new CoilArray(height, width, source.coils(), data),
                SamplingMasks.fromColumns(height, acquired), Espirit.Settings.defaults());
    }
}
