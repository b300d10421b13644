package org.diffprior.task;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.diffprior.classical.MriReconstruction;
import org.diffprior.classical.MriReconstruction.Method;
import org.diffprior.classical.WaveletSoftThreshold;
import org.diffprior.core.CancelToken;
import org.diffprior.core.ProgressListener;
import org.diffprior.core.SampleStatistics;
import org.diffprior.physics.CoilArray;
import org.diffprior.physics.Daubechies4Wavelet;
import org.diffprior.physics.LinearOperator;
import org.diffprior.physics.MultiCoilCartesianMri;
import org.diffprior.physics.PhaseConstrained;
import org.diffprior.physics.RowHybridForm;
import org.diffprior.physics.SamplingMasks;
import org.diffprior.prior.Denoiser;
import org.diffprior.solver.ChambollePock;
import org.diffprior.solver.Fista;
import org.diffprior.solver.SamplingResult;

/**
 * {@code mri --method auto}: chooses between diffusion, a classical method ({@link #CLASSICAL}: TV and
 * L1-wavelet at several weights) and blends of the two per scan, without ground truth, by self-validation on
 * held-out k-space (algorithms.md §9.3). A fraction of the sampled points outside the fully sampled centre is
 * held out, diffusion and every classical candidate reconstruct from the rest, and the blend whose image
 * predicts the held-out points best is made again from all points, unless its gain over the default blend
 * ({@link #DEFAULT_WEIGHT}·diffusion + rest {@link #DEFAULT_CLASSICAL}) is within {@link #SIGNIFICANCE} standard
 * errors of the per-unit (column or point) differences. Each point's error is weighted by (1 − p)/p of the mask's
 * radial sampling density ({@link HeldOutKspace#densityWeights}), and with several coils and a magnitude prior the
 * classical candidates are also tried on the prior's phase. Why (validation dumps, 40 cases, by
 * {@code bin/benchmark honest --auto-dump}): among its own candidates an oracle would reach +2.43 dB over the best
 * tuned classical method on average and never lose; the least held-out error reached +1.97 and lost up to 1.25 dB,
 * because the held-out points of a Poisson-disc mask lie farther from the kept samples than the unsampled points
 * do (which favours diffusion over the locally interpolating classical methods), because the complex classical
 * images carry noise across the phase that a magnitude image does not show, and because two held-out columns per
 * fold rank close candidates by chance. On an equispaced mask no folds run and the default blend reconstructs
 * ({@link Basis#EQUISPACED}): held-out columns there are not like the unsampled ones.
 * Under independent noise the held-out error is the prediction error plus σ², so it ranks the methods as the
 * (unknown) error on those frequencies does.
 * A 1-D (column) mask holds out whole columns (15 % of those outside the centre, at least 2), a 2-D mask
 * single points (10 %). On the validation images (1 coil, R = 4 and 8, 10 cases) whole columns gave a mean
 * gain over the best tuned classical method of +1.86 dB and a worst case of −0.63 dB, points within sampled
 * columns +1.80 and −1.03: missing points of measured columns are easy to fill and favour weak TV weights
 * that do not suit missing columns.
 *
 * <pre>{@code
 * MriAuto.Result r = MriAuto.run(kspaces, masks, null, 0, prior, DiffusionSettings.defaults(),
 *         ProgressListener.NONE, CancelToken.none());
 * r.choice(); // "diffusion", "tv" or "blend" (r.diffusionWeight() of diffusion)
 * }</pre>
 */
public final class MriAuto {

    /** Disjoint held-out sets, each scored by one diffusion run on the rest. */
    static final int FOLDS = 2;
    /** What {@link #run(List, List, List, double, Denoiser, DiffusionSettings, ProgressListener, CancelToken)} holds out. */
    public static final HoldOut DEFAULT_HOLD_OUT = HoldOut.COLUMNS;
    /**
     * The classical reconstructions tried, weights relative to the normalised image: TV at the validation grid's
     * winners across settings (1e-3 is its weight for every 8-coil setting since the TV solve converges) and
     * L1-wavelet, which BART runs best of all classical methods on most multi-coil validation cases. Chosen on the
     * 80 validation cases with the other defaults below ({@code scripts/auto_rules.py grid}): adding TV 1e-3 to the
     * four of the previous round lifts 8-coil Poisson R = 8 (+0.26 → +0.49 dB) and 1-coil 1-D R = 8 (+1.31 → +1.59);
     * TV 3e-2 as well added nothing. Then L1-wavelet 3e-3 went: without it +1.71 / −0.69 dB against +1.69 / −1.17
     * (on 8 coils the held-out columns twice preferred it on the prior's phase, 1.1–1.2 dB below the best classical
     * image). L1-wavelet 3e-4 was dropped earlier. Each candidate costs a classical solve per fold (its version on
     * the prior's phase projects the same solve).
     */
    static final List<Classical> CLASSICAL = List.of(new Classical(Method.TV, 1e-3), new Classical(Method.TV, 3e-3),
            new Classical(Method.TV, 1e-2), new Classical(Method.L1_WAVELET, 1e-3));
    /** Diffusion weights w of the blends w·diffusion + (1 − w)·TV tried. */
    static final double[] BLEND_WEIGHTS = {0.25, 0.5, 0.75, 1};
    /**
     * What auto keeps unless the held-out data show, beyond their spread, that another candidate predicts them
     * better: {@link #DEFAULT_WEIGHT}·diffusion + (1 − {@link #DEFAULT_WEIGHT})·{@link #DEFAULT_CLASSICAL}. A few
     * held-out columns (two per fold for 1-D R = 8 at 128²) rank close candidates by chance; a blend leaning on the
     * prior, hedged by TV, is what the validation images favoured where the evidence was weak. Chosen on validation
     * only, by a grid over the candidates above, the default's TV weight (1e-3, 3e-3, 1e-2), its diffusion weight
     * (¼ … 1) and {@link #SIGNIFICANCE} (1, 2, 3): over 80 cases (10 images: Colin27, five EPI tiles of subject A,
     * three CT slices), mean / worst Δ against the best tuned classical method of each case, our converged TV
     * included, +1.69 / −1.17 dB, 3 cases below −0.3 (+1.71 / −0.69 with the candidates above), against +1.59 /
     * −1.17, 6 below, for the previous rule (TV 3e-3 and 1e-2 and L1-wavelet 1e-3 and 3e-3, TV 1e-2 in the default,
     * 2 standard errors). Earlier, on 40 cases with an under-converged TV: always the least held-out error
     * +1.97 / −1.25 dB, 6 below; the default blend always +1.97 / −1.73, 3 below.
     */
    static final Classical DEFAULT_CLASSICAL = new Classical(Method.TV, 3e-3);
    static final double DEFAULT_WEIGHT = 0.75;
    /**
     * How many standard errors of the paired per-unit differences the least-error candidate must gain on the
     * default to replace it. Chosen with the grid above, when L1-wavelet 3e-3 was still a candidate (80 validation
     * cases: 1 → +1.68 dB, 4 cases below −0.3; 2 → +1.68, 4 below; 3 → +1.69, 3 below); with the candidates now
     * tried, 1, 2 and 3 all give +1.71, 3 below.
     */
    static final double SIGNIFICANCE = 3;
    /**
     * The folds' diffusion runs take this fraction of the final run's steps: they only rank candidates. Validation
     * (40 cases, the rule above, final images of the 50-step run): 25-step folds +2.15 / −0.26 dB against +2.14 / −0.26
     * with 50-step folds; with the four classical candidates 15-step folds +2.23 / −0.10 against +2.24 / −0.10 with
     * 25-step ones, for 80 network evaluations instead of 100. 25 steps for the final run too lost 0.28 dB (+1.86).
     * 10-step folds then (80 cases, the rule above): +1.72 / −0.69 dB against +1.71 / −0.69 with 15-step ones, no
     * case newly below −0.3, for 70 network evaluations; an 8-coil 256² run 0.96× the wall time (farm-bench, 3
     * pairs, spread 0.78–1.09×), the same image.
     */
    static final double FOLD_STEP_FRACTION = 0.2;
    /**
     * What a fold's classical solves count for in the progress, as a fraction of the final run. They report progress
     * too, so that the time left is not judged from the first diffusion steps alone: an 8-coil 256² run of 35 s
     * showed "ETA 11:56" after them; with this share it showed 0:46 with 25 s left, and a one-coil run 0:29 with 13 s
     * left, the estimates falling to within seconds as the run went on. Only the estimate depends on it. Halved
     * with the folds' solves ({@link #FOLD_ITERATION_FRACTION}).
     */
    static final double FOLD_CLASSICAL_FRACTION = 0.15;
    /**
     * The folds' classical solves run this fraction of the final solve's iterations (TV 100 of 200, L1-wavelet 75 of
     * 150): they only rank the candidates, and on 8 coils they were about half of the run's time. Validation (40
     * cases, absolute PSNR against full-iteration folds): +0.03 dB on average, no case lower by more than 0.07 dB;
     * an 8-coil 256² run took 0.84× the wall time (25.4 against 31.0 s, farm-bench, 3 interleaved pairs).
     */
    static final double FOLD_ITERATION_FRACTION = 0.5;

    /**
     * The reconstruction with the chosen blend w·diffusion + (1 − w)·classical ({@code choice} "diffusion" for
     * w = 1, the classical method's name for w = 0, else "blend"), the classical method and weight chosen (null
     * when nothing could be held out), and the relative held-out errors ‖P_Λ(A x) − y_Λ‖² / ‖y_Λ‖² of diffusion,
     * of that classical reconstruction and of the chosen blend.
     */
    public record Result(List<DiffusionOutput> outputs, String choice, double diffusionWeight, Classical classical,
            double diffusionError, double classicalError, double chosenError, Basis basis) {

        /** Whether the default blend was kept rather than chosen by the held-out errors. */
        public boolean keptDefault() {
            return basis == Basis.DEFAULT_KEPT || basis == Basis.EQUISPACED;
        }

        /**
         * What was chosen and why, e.g. "blend (0.75 diffusion + 0.25 tv 3e-03, the default: no candidate predicted
         * the held-out k-space better by 3 standard errors; relative held-out k-space error: …)".
         */
        public String summary() {
            if (basis == Basis.NOTHING_HELD_OUT) {
                return "diffusion alone (nothing outside the fully sampled centre to hold out)";
            }
            if (basis == Basis.EQUISPACED) {
                return String.format(Locale.ROOT, "%s (%.2f diffusion + %.2f %s, the default: the mask's columns "
                        + "outside the centre are equispaced, and holding some out would break the spacing whose "
                        + "aliasing the reconstruction has to undo, so held-out k-space cannot rank the candidates)",
                        choice, diffusionWeight, 1 - diffusionWeight, classical);
            }
            return String.format(Locale.ROOT, "%s (%.2f diffusion + %.2f %s%s; relative held-out k-space error: "
                    + "diffusion %.4f, %s %.4f, chosen %.4f)", choice, diffusionWeight, 1 - diffusionWeight, classical,
                    basis == Basis.DEFAULT_KEPT ? String.format(Locale.ROOT,
                            ", the default: no candidate predicted the held-out "
                                    + "k-space better by %.0f standard errors",
                            SIGNIFICANCE) : "",
                    diffusionError, classical.method().label(), classicalError, chosenError);
        }
    }

    /**
     * A classical candidate: TV or L1-wavelet at one weight, relative to the normalised image; {@code onPhase}: the
     * complex solution of several coils projected onto the magnitude prior's phase, e^{iφ} Re(e^{−iφ} x), which
     * drops the noise across the phase that a smooth-phase object cannot have.
     */
    public record Classical(Method method, double lambda, boolean onPhase) {

        public Classical(Method method, double lambda) {
            this(method, lambda, false);
        }

        /** For example "tv 1e-02" or "tv 1e-02 on the prior's phase". */
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%s %.0e%s", method.label(), lambda,
                    onPhase ? " on the prior's phase" : "");
        }
    }

    /** What a {@link Result}'s choice rests on. */
    public enum Basis {
        /** The least held-out error, significantly below the default blend's. */
        HELD_OUT,
        /** The default blend: no candidate predicted the held-out k-space significantly better. */
        DEFAULT_KEPT,
        /**
         * The default blend, without folds: every mask is equispaced ({@link SamplingMasks#equispacedSpacing}).
         * Holding out some of its columns leaves an irregular mask whose aliasing is incoherent, an easier problem
         * than the full one, and one that favours the classical methods: on the test images of the previous round
         * `auto` lost up to 1.54 dB at 1-D equispaced R = 8 by picking weak TV alone, where this default was
         * +1.69 dB above the best tuned classical method on average. Validation (10 equispaced cases, R = 4 and 8):
         * the default +2.74 / +0.73 dB mean / worst against +2.71 / +0.47 chosen by the folds.
         */
        EQUISPACED,
        /** Diffusion alone: nothing outside the fully sampled centre to hold out. */
        NOTHING_HELD_OUT
    }

    /** Held-out errors per unit (column or point), concatenated over folds. */
    static final class UnitErrors {
        private double[] units = new double[0];

        void add(double[] more) {
            double[] joined = Arrays.copyOf(units, units.length + more.length);
            System.arraycopy(more, 0, joined, units.length, more.length);
            units = joined;
        }

        double sum() {
            double sum = 0;
            for (double u : units) {
                sum += u;
            }
            return sum;
        }

        /**
         * Whether these errors are below {@code other}'s (the same units) by more than {@code z} standard errors of
         * the paired differences; never with fewer than two units.
         */
        boolean significantlyBelow(UnitErrors other, double z) {
            int n = units.length;
            if (this == other || n < 2) {
                return false;
            }
            double mean = 0;
            for (int u = 0; u < n; u++) {
                mean += (other.units[u] - units[u]) / n;
            }
            double variance = 0;
            for (int u = 0; u < n; u++) {
                double d = other.units[u] - units[u] - mean;
                variance += d * d / (n - 1);
            }
            return n * mean > z * Math.sqrt(n * variance);
        }
    }

    /** The whole run in progress units: 1000 per final run's worth of steps. */
    private static int progressTotal() {
        return (int) Math.round((FOLDS * (FOLD_CLASSICAL_FRACTION + FOLD_STEP_FRACTION) + 1) * 1000);
    }

    /**
     * Maps the progress of one part of fold {@code fold} (its classical solves or its diffusion run, starting
     * {@code start} final runs into the fold and spanning {@code span}) onto the whole run's, the fold named first.
     */
    private static ProgressListener foldPart(ProgressListener progress, int fold, double start, double span) {
        return part(progress, fold * (FOLD_CLASSICAL_FRACTION + FOLD_STEP_FRACTION) + start, span,
                String.format(Locale.ROOT, "auto, fold %d of %d: ", fold + 1, FOLDS));
    }

    /** Maps a part that starts {@code offset} final runs into the whole run and spans {@code span} onto it. */
    private static ProgressListener part(ProgressListener progress, double offset, double span, String prefix) {
        return (done, total, message) -> progress.progress(
                (int) Math.round((offset + span * done / Math.max(total, 1)) * 1000), progressTotal(),
                prefix + message);
    }

    /** Whether every slice's mask is equispaced, so that folds cannot rank the candidates ({@link Basis#EQUISPACED}). */
    static boolean equispaced(List<CoilArray> kspaces, List<float[]> masks) {
        for (int s = 0; s < masks.size(); s++) {
            if (SamplingMasks.equispacedSpacing(masks.get(s), kspaces.get(s).height(), kspaces.get(s).width()) == 0) {
                return false;
            }
        }
        return true;
    }

    /** The settings of the folds' diffusion runs: {@link #FOLD_STEP_FRACTION} of the steps, at least one. */
    static DiffusionSettings foldSettings(DiffusionSettings settings) {
        // Less a hair before rounding up: 0.2 · 30 is 6.000000000000001 in binary floating point, not 7 steps' worth.
        int steps = Math.max(1, (int) Math.ceil(FOLD_STEP_FRACTION * settings.steps() - 1e-9));
        return new DiffusionSettings(steps, settings.samples(), settings.seed(), settings.eta(),
                settings.cgIterations(),
                settings.startNoise());
    }

    private static int weightIndex(double weight) {
        for (int w = 0; w < BLEND_WEIGHTS.length; w++) {
            if (BLEND_WEIGHTS[w] == weight) {
                return w;
            }
        }
        throw new IllegalArgumentException("not a blend weight: " + weight);
    }

    /** Whether classical candidates are also tried on the prior's phase: a magnitude prior and several coils. */
    static boolean onPhase(List<CoilArray> kspaces, boolean magnitudePrior) {
        return magnitudePrior && kspaces.get(0).coils() > 1;
    }

    private MriAuto() {
    }

    /** What is held out: single sampled points, or whole sampled columns of a 1-D (column) mask. */
    public enum HoldOut {
        POINTS, COLUMNS
    }

    public static Result run(List<CoilArray> kspaces, List<float[]> masks, List<CoilArray> maps, double noiseSigma,
            Denoiser prior, DiffusionSettings settings, ProgressListener progress, CancelToken cancel) {
        return run(kspaces, masks, maps, noiseSigma, prior, settings, DEFAULT_HOLD_OUT, progress, cancel);
    }

    public static Result run(List<CoilArray> kspaces, List<float[]> masks, List<CoilArray> maps, double noiseSigma,
            Denoiser prior, DiffusionSettings settings, HoldOut holdOut, ProgressListener progress,
            CancelToken cancel) {
        long start = System.nanoTime();
        boolean magnitudePrior = prior.channels() == 1;
        if (equispaced(kspaces, masks)) {
            List<DiffusionOutput> outputs = reconstruct(kspaces, masks, maps, noiseSigma, prior, settings,
                    DEFAULT_CLASSICAL, DEFAULT_WEIGHT, (done, total, message) -> progress.progress(
                            (int) Math.round((double) done / total * 1000), 1000, "auto: " + message),
                    cancel, start);
            return new Result(outputs, "blend", DEFAULT_WEIGHT, DEFAULT_CLASSICAL, Double.NaN, Double.NaN,
                    Double.NaN, Basis.EQUISPACED);
        }
        int slices = kspaces.size();
        // Held-out errors over FOLDS disjoint held-out sets, kept per held-out unit (column or point): a few
        // columns near the k-space centre carry most of one set's energy, so one set alone ranks by chance more
        // often than the methods differ, and the units' spread tells whether a difference is real.
        List<Classical> tried = candidates(kspaces.get(0).height(), kspaces.get(0).width(),
                onPhase(kspaces, magnitudePrior));
        int candidates = tried.size();
        UnitErrors[] classicalErrors = new UnitErrors[candidates];
        UnitErrors[][] blendErrors = new UnitErrors[candidates][BLEND_WEIGHTS.length];
        for (int l = 0; l < candidates; l++) {
            classicalErrors[l] = new UnitErrors();
            for (int w = 0; w < BLEND_WEIGHTS.length; w++) {
                blendErrors[l][w] = new UnitErrors();
            }
        }
        UnitErrors diffusionErrors = new UnitErrors();
        UnitErrors norms = new UnitErrors();
        HeldOutKspace.Units units = HeldOutKspace.Units.of(kspaces, masks, holdOut == HoldOut.COLUMNS);
        for (int fold = 0; fold < FOLDS; fold++) {
            Split split = split(kspaces, masks, settings.seed(), fold, holdOut);
            List<float[]> kept = split.kept();
            List<float[]> heldOut = split.heldOut();
            // Progress in units of the final run's steps: a fold's classical solves count FOLD_CLASSICAL_FRACTION of
            // it, its diffusion run FOLD_STEP_FRACTION.
            ProgressListener part = foldPart(progress, fold, FOLD_CLASSICAL_FRACTION, FOLD_STEP_FRACTION);
            MriDiffusion.Problem validation = MriDiffusion.prepare(kspaces, kept, maps, noiseSigma, magnitudePrior,
                    cancel);
            HeldOutKspace onHeldOut = new HeldOutKspace(kspaces, heldOut, maps);
            norms.add(onHeldOut.unitErrors(null, units));
            List<List<float[]>> classical = classical(validation, tried, settings.seed(), FOLD_ITERATION_FRACTION,
                    foldPart(progress, fold, 0, FOLD_CLASSICAL_FRACTION), cancel);
            for (int l = 0; l < candidates; l++) {
                classicalErrors[l].add(onHeldOut.unitErrors(classical.get(l), units));
            }
            SamplingResult sampled = MriDiffusion.sample(validation, prior, foldSettings(settings), part, cancel);
            List<float[]> diffusion = complexImages(validation, sampled.mean());
            diffusionErrors.add(onHeldOut.unitErrors(diffusion, units));
            // Blends w·diffusion + (1 − w)·classical for every candidate: which one wins is known only after all
            // folds, and scoring a blend costs one operator application.
            for (int l = 0; l < candidates; l++) {
                for (int w = 0; w < BLEND_WEIGHTS.length; w++) {
                    List<float[]> blended = new ArrayList<>();
                    for (int s = 0; s < slices; s++) {
                        blended.add(BlendChoice.blend(diffusion.get(s), classical.get(l).get(s), BLEND_WEIGHTS[w]));
                    }
                    blendErrors[l][w].add(onHeldOut.unitErrors(blended, units));
                }
            }
        }
        double norm = norms.sum();
        if (!(norm > 0)) {
            // Nothing outside the fully sampled centre to hold out (or only zeros there): no evidence to
            // choose by, so the prior alone reconstructs, as --method diffusion would.
            List<DiffusionOutput> outputs = MriDiffusion.runSlices(kspaces, masks, maps, noiseSigma, prior, settings,
                    progress, cancel);
            return new Result(outputs, "diffusion", 1, null, Double.NaN, Double.NaN, Double.NaN,
                    Basis.NOTHING_HELD_OUT);
        }
        // The two err in different ways (the prior where the scan is unlike its training, TV and wavelets by
        // flattening texture), and the measurement operator is linear, so the held-out data tell how much of each
        // to keep. Blending complex images keeps the classical phase where the magnitude prior's phase is wrong.
        double[] classicalSums = new double[candidates];
        double[][] blendSums = new double[candidates][BLEND_WEIGHTS.length];
        for (int l = 0; l < candidates; l++) {
            classicalSums[l] = classicalErrors[l].sum();
            for (int w = 0; w < BLEND_WEIGHTS.length; w++) {
                blendSums[l][w] = blendErrors[l][w].sum();
            }
        }
        BlendChoice best = BlendChoice.of(classicalSums, blendSums, BLEND_WEIGHTS);
        int fallback = tried.indexOf(DEFAULT_CLASSICAL);
        UnitErrors bestUnits = best.weight() == 0 ? classicalErrors[best.candidate()]
                : blendErrors[best.candidate()][weightIndex(best.weight())];
        UnitErrors fallbackUnits = blendErrors[fallback][weightIndex(DEFAULT_WEIGHT)];
        boolean keptDefault = !bestUnits.significantlyBelow(fallbackUnits, SIGNIFICANCE);
        BlendChoice chosen = keptDefault ? new BlendChoice(fallback, DEFAULT_WEIGHT, fallbackUnits.sum()) : best;
        Classical method = tried.get(chosen.candidate());
        double classicalError = classicalSums[chosen.candidate()] / norm;
        double weight = chosen.weight();
        double blendError = chosen.error() / norm;
        double diffusionError = diffusionErrors.sum() / norm;
        ProgressListener second = part(progress, FOLDS * (FOLD_CLASSICAL_FRACTION + FOLD_STEP_FRACTION), 1, "auto: ");
        List<DiffusionOutput> outputs = reconstruct(kspaces, masks, maps, noiseSigma, prior, settings, method, weight,
                second, cancel, start);
        String choice = weight == 1 ? "diffusion" : weight == 0 ? method.method().label() : "blend";
        return new Result(outputs, choice, weight, method, diffusionError, classicalError, blendError,
                keptDefault ? Basis.DEFAULT_KEPT : Basis.HELD_OUT);
    }

    /** The final reconstruction from all samples: weight·diffusion + (1 − weight)·method, per slice. */
    private static List<DiffusionOutput> reconstruct(List<CoilArray> kspaces, List<float[]> masks,
            List<CoilArray> maps, double noiseSigma, Denoiser prior, DiffusionSettings settings, Classical method,
            double weight, ProgressListener progress, CancelToken cancel, long start) {
        int slices = kspaces.size();
        MriDiffusion.Problem all = MriDiffusion.prepare(kspaces, masks, maps, noiseSigma, prior.channels() == 1,
                cancel);
        List<float[]> classicalAll = classical(all, List.of(method), settings.seed(), ProgressListener.NONE, cancel)
                .get(0);
        List<float[][]> samples = new ArrayList<>(); // per slice: the blended complex samples
        int evaluations = 0;
        if (weight > 0) {
            SamplingResult result = MriDiffusion.sample(all, prior, settings, progress, cancel);
            evaluations = result.networkEvaluations();
            for (int s = 0; s < slices; s++) {
                float[][] sliceSamples = new float[result.samples().length][];
                for (int k = 0; k < sliceSamples.length; k++) {
                    sliceSamples[k] = BlendChoice.blend(all.complexImage(result.samples()[k], s), classicalAll.get(s),
                            weight);
                }
                samples.add(sliceSamples);
            }
        } else {
            for (int s = 0; s < slices; s++) {
                samples.add(new float[][] {classicalAll.get(s)});
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        List<DiffusionOutput> outputs = new ArrayList<>();
        for (float[][] sliceSamples : samples) {
            float[][] magnitudes = new float[sliceSamples.length][];
            float[] meanComplex = new float[sliceSamples[0].length];
            for (int k = 0; k < sliceSamples.length; k++) {
                magnitudes[k] = magnitude(sliceSamples[k]);
                for (int i = 0; i < meanComplex.length; i++) {
                    meanComplex[i] += sliceSamples[k][i] / sliceSamples.length;
                }
            }
            outputs.add(new DiffusionOutput(all.width(), all.height(), magnitude(meanComplex),
                    SampleStatistics.std(magnitudes), magnitudes, evaluations, seconds / slices));
        }
        return outputs;
    }

    /** The kept and the held-out points of every slice, one mask each. */
    record Split(List<float[]> kept, List<float[]> heldOut) {
    }

    /**
     * Fold {@code fold} of every slice's mask (of its k-space's size; slice s seeded with {@code seed + s}): whole columns of a column
     * mask under {@link HoldOut#COLUMNS}, else single points; folds of one seed are disjoint.
     */
    static Split split(List<CoilArray> kspaces, List<float[]> masks, long seed, int fold, HoldOut holdOut) {
        List<float[]> kept = new ArrayList<>();
        List<float[]> heldOut = new ArrayList<>();
        for (int s = 0; s < masks.size(); s++) {
            float[] mask = masks.get(s);
            int height = kspaces.get(s).height();
            int width = kspaces.get(s).width();
            float[][] split = holdOut == HoldOut.COLUMNS && SamplingMasks.isColumnMask(mask, height, width)
                    ? HeldOutKspace.splitColumns(mask, height, width, seed + s, fold)
                    : HeldOutKspace.split(mask, height, width, seed + s, fold);
            kept.add(split[0]);
            heldOut.add(split[1]);
        }
        return new Split(kept, heldOut);
    }

    /**
     * The classical reconstructions of every slice, [method][slice], as complex images in the input's units: of the
     * complex image when several coils resolve the phase (or the prior is complex); of a real image under the
     * calibration phase for one coil, whose data cannot resolve a phase finer than the calibration region (for a
     * real object this is BART's {@code pics -c}).
     */
    static List<List<float[]>> classical(MriDiffusion.Problem problem, List<Classical> methods, long seed,
            ProgressListener progress, CancelToken cancel) {
        return classical(problem, methods, seed, 1, progress, cancel);
    }

    /** As above, each solve at {@code iterationFraction} of its full iterations (at least one). */
    static List<List<float[]>> classical(MriDiffusion.Problem problem, List<Classical> methods, long seed,
            double iterationFraction, ProgressListener progress, CancelToken cancel) {
        int tvIterations = Math.max(1, (int) Math.round(iterationFraction * MriDiffusion.WARM_START_TV_ITERATIONS));
        int waveletIterations = Math.max(1,
                (int) Math.round(iterationFraction * MriReconstruction.DEFAULT_WAVELET_ITERATIONS));
        List<List<float[]>> images = new ArrayList<>();
        for (int m = 0; m < methods.size(); m++) {
            images.add(new ArrayList<>());
        }
        boolean anyWavelet = methods.stream().anyMatch(c -> c.method() == Method.L1_WAVELET);
        int solves = problem.slices()
                * (int) methods.stream().map(c -> new Classical(c.method(), c.lambda())).distinct().count();
        int[] solved = {0};
        for (int s = 0; s < problem.slices(); s++) {
            boolean complex = !problem.magnitudePrior()
                    || problem.complexOperators()[s] instanceof MultiCoilCartesianMri;
            // A 1-D mask's solves run in hybrid space: the same iterates at half the transforms.
            RowHybridForm.Hybrid hybrid = RowHybridForm.orItself(
                    complex ? problem.complexOperators()[s] : problem.operators()[s]);
            LinearOperator operator = hybrid.operator();
            float[] data = hybrid.measurements().apply(problem.slice(s));
            // FISTA's step: one power iteration per slice serves every wavelet weight.
            double lipschitz = anyWavelet ? Math.max(Fista.largestEigenvalue(operator, 15, seed) * 1.02, 1e-6) : 0;
            // One solve per method and weight: a candidate on the prior's phase projects the same solution.
            Map<Classical, float[]> solutions = new HashMap<>();
            int slice = s;
            for (int m = 0; m < methods.size(); m++) {
                Classical method = methods.get(m);
                Classical base = new Classical(method.method(), method.lambda());
                float[] image = solutions.computeIfAbsent(base, b -> {
                    // Each solve's iterations advance the progress by 1/solves of the whole.
                    int index = solved[0]++;
                    String label = solveLabel(problem.slices(), b.toString(), slice);
                    ProgressListener iterations = (done, total, message) -> progress.progress(
                            (int) Math.round((index + (double) done / total) * 1000), solves * 1000, label);
                    return b.method() == Method.TV
                            ? new ChambollePock(operator, problem.width(), problem.height(), complex ? 2 : 1,
                                    MriReconstruction.tvStepRatio(b.lambda()))
                                    .solve(data, b.lambda(), tvIterations, false, null, iterations, cancel)
                            : wavelet(operator, lipschitz, data, problem.height(), problem.width(), complex,
                                    b.lambda(), waveletIterations, seed, iterations, cancel);
                });
                if (!complex) {
                    images.get(m).add(problem.complexSlice(image, s));
                    continue;
                }
                float[] scaled = new float[image.length];
                for (int i = 0; i < image.length; i++) {
                    scaled[i] = image[i] * (float) problem.scales()[s];
                }
                if (method.onPhase() && problem.operators()[s] instanceof PhaseConstrained phase) {
                    scaled = phase.toComplex(phase.alongPhase(scaled));
                }
                images.get(m).add(scaled);
            }
        }
        return images;
    }

    /** "tv 1e-02" for one slice, "tv 1e-02, slice 3 of 8" for several. */
    private static String solveLabel(int slices, String method, int slice) {
        return slices == 1 ? method : String.format(Locale.ROOT, "%s, slice %d of %d", method, slice + 1, slices);
    }

    /**
     * The {@link #CLASSICAL} candidates an image of this size allows: the wavelet needs a side divisible by 2 with
     * at least 8 pixels, so odd sizes (a 181×217 NIfTI plane) are scored with TV alone instead of refused. With
     * {@code onPhase} every candidate is also tried projected onto the prior's phase.
     */
    static List<Classical> candidates(int height, int width, boolean onPhase) {
        boolean wavelet = Daubechies4Wavelet.maxLevels(height, width, MriReconstruction.MAX_WAVELET_LEVELS) > 0;
        List<Classical> out = new ArrayList<>(
                CLASSICAL.stream().filter(c -> wavelet || c.method() != Method.L1_WAVELET).toList());
        if (onPhase) {
            for (Classical c : List.copyOf(out)) {
                out.add(new Classical(c.method(), c.lambda(), true));
            }
        }
        return out;
    }

    /** L1-wavelet (FISTA, cycle-spun D4) of a complex image, or of a real one as a complex image with zero imaginary part. */
    private static float[] wavelet(LinearOperator operator, double lipschitz, float[] y, int height, int width,
            boolean complex, double lambda, int iterations, long seed, ProgressListener progress, CancelToken cancel) {
        int levels = Daubechies4Wavelet.maxLevels(height, width, MriReconstruction.MAX_WAVELET_LEVELS);
        WaveletSoftThreshold complexProx = new WaveletSoftThreshold(height, width, levels, lambda, true, seed);
        // The D4 filters are real, so soft-thresholding a real image's coefficients keeps it real.
        Fista.Proximal prox = complex ? complexProx : (x, step) -> {
            float[] packed = new float[2 * x.length];
            for (int i = 0; i < x.length; i++) {
                packed[2 * i] = x[i];
            }
            complexProx.apply(packed, step);
            for (int i = 0; i < x.length; i++) {
                x[i] = packed[2 * i];
            }
        };
        float[] x = new float[operator.inputSize()];
        operator.adjoint(y, x);
        new Fista(operator, prox).lipschitz(lipschitz).iterations(iterations)
                .progress(progress, cancel).solve(y, x);
        return x;
    }

    static List<float[]> complexImages(MriDiffusion.Problem problem, float[] image) {
        List<float[]> images = new ArrayList<>();
        for (int s = 0; s < problem.slices(); s++) {
            images.add(problem.complexImage(image, s));
        }
        return images;
    }

    private static float[] magnitude(float[] complex) {
        float[] out = new float[complex.length / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) Math.hypot(complex[2 * i], complex[2 * i + 1]);
        }
        return out;
    }
}
