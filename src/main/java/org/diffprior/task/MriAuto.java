package org.diffprior.task;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

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
import org.diffprior.prior.Denoiser;
import org.diffprior.solver.ChambollePock;
import org.diffprior.solver.Fista;
import org.diffprior.solver.SamplingResult;

/**
 * {@code mri --method auto}: chooses between diffusion, a classical method ({@link #CLASSICAL}: TV and
 * L1-wavelet at several weights) and blends of the two per scan, without ground truth, by self-validation on
 * held-out k-space (algorithms.md §9.3). A fraction of the sampled points outside the fully sampled centre is
 * held out, diffusion and every classical candidate reconstruct from the rest, and the blend whose image
 * predicts the held-out points best is made again from all points.
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
     * winners across settings, 1e-3 for the high-SNR 2-D Poisson multi-coil case, and L1-wavelet, which BART
     * runs best of all classical methods on most multi-coil validation cases.
     */
    static final List<Classical> CLASSICAL = List.of(new Classical(Method.TV, 1e-3), new Classical(Method.TV, 3e-3),
            new Classical(Method.TV, 1e-2), new Classical(Method.TV, 3e-2), new Classical(Method.L1_WAVELET, 3e-4),
            new Classical(Method.L1_WAVELET, 1e-3), new Classical(Method.L1_WAVELET, 3e-3));
    /** Diffusion weights w of the blends w·diffusion + (1 − w)·TV tried. */
    static final double[] BLEND_WEIGHTS = {0.25, 0.5, 0.75, 1};

    /**
     * The reconstruction with the chosen blend w·diffusion + (1 − w)·classical ({@code choice} "diffusion" for
     * w = 1, the classical method's name for w = 0, else "blend"), the classical method and weight chosen (null
     * when nothing could be held out), and the relative held-out errors ‖P_Λ(A x) − y_Λ‖² / ‖y_Λ‖² of diffusion,
     * of that classical reconstruction and of the chosen blend.
     */
    public record Result(List<DiffusionOutput> outputs, String choice, double diffusionWeight, Classical classical,
            double diffusionError, double classicalError, double chosenError) {
    }

    /** A classical candidate: TV or L1-wavelet at one weight, relative to the normalised image. */
    public record Classical(Method method, double lambda) {

        /** For example "tv 1e-02". */
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%s %.0e", method.label(), lambda);
        }
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
        int slices = kspaces.size();
        boolean magnitudePrior = prior.channels() == 1;
        // Held-out errors summed over FOLDS disjoint held-out sets: a few columns near the k-space centre carry
        // most of one set's energy, so one set alone ranks by chance more often than the methods differ.
        List<Classical> tried = candidates(kspaces.get(0).height(), kspaces.get(0).width());
        int candidates = tried.size();
        double[] classicalErrors = new double[candidates];
        double[][] blendErrors = new double[candidates][BLEND_WEIGHTS.length];
        double diffusionError = 0;
        double norm = 0;
        for (int fold = 0; fold < FOLDS; fold++) {
            Split split = split(kspaces, masks, settings.seed(), fold, holdOut);
            List<float[]> kept = split.kept();
            List<float[]> heldOut = split.heldOut();
            int done = fold;
            ProgressListener part = (step, total, message) -> progress.progress(done * total + step,
                    (FOLDS + 1) * total, "auto: " + message);
            MriDiffusion.Problem validation = MriDiffusion.prepare(kspaces, kept, maps, noiseSigma, magnitudePrior,
                    cancel);
            HeldOutKspace onHeldOut = new HeldOutKspace(kspaces, heldOut, maps);
            norm += onHeldOut.error(null);
            List<List<float[]>> classical = classical(validation, tried, settings.seed(), cancel);
            for (int l = 0; l < candidates; l++) {
                classicalErrors[l] += onHeldOut.error(classical.get(l));
            }
            SamplingResult sampled = MriDiffusion.sample(validation, prior, settings, part, cancel);
            List<float[]> diffusion = complexImages(validation, sampled.mean());
            diffusionError += onHeldOut.error(diffusion);
            // Blends w·diffusion + (1 − w)·classical for every candidate: which one wins is known only after all
            // folds, and scoring a blend costs one operator application.
            for (int l = 0; l < candidates; l++) {
                for (int w = 0; w < BLEND_WEIGHTS.length; w++) {
                    List<float[]> blended = new ArrayList<>();
                    for (int s = 0; s < slices; s++) {
                        blended.add(BlendChoice.blend(diffusion.get(s), classical.get(l).get(s), BLEND_WEIGHTS[w]));
                    }
                    blendErrors[l][w] += onHeldOut.error(blended);
                }
            }
        }
        if (!(norm > 0)) {
            // Nothing outside the fully sampled centre to hold out (or only zeros there): no evidence to
            // choose by, so the prior alone reconstructs, as --method diffusion would.
            List<DiffusionOutput> outputs = MriDiffusion.runSlices(kspaces, masks, maps, noiseSigma, prior, settings,
                    progress, cancel);
            return new Result(outputs, "diffusion", 1, null, Double.NaN, Double.NaN, Double.NaN);
        }
        // The two err in different ways (the prior where the scan is unlike its training, TV and wavelets by
        // flattening texture), and the measurement operator is linear, so the held-out data tell how much of each
        // to keep. Blending complex images keeps the classical phase where the magnitude prior's phase is wrong.
        BlendChoice chosen = BlendChoice.of(classicalErrors, blendErrors, BLEND_WEIGHTS);
        Classical method = tried.get(chosen.candidate());
        double classicalError = classicalErrors[chosen.candidate()] / norm;
        double weight = chosen.weight();
        double blendError = chosen.error() / norm;
        diffusionError /= norm;
        MriDiffusion.Problem all = MriDiffusion.prepare(kspaces, masks, maps, noiseSigma, magnitudePrior, cancel);
        ProgressListener second = (done, total, message) -> progress.progress(FOLDS * total + done, (FOLDS + 1) * total,
                "auto: " + message);
        List<float[]> classicalAll = classical(all, List.of(method), settings.seed(), cancel).get(0);
        List<float[][]> samples = new ArrayList<>(); // per slice: the blended complex samples
        int evaluations = 0;
        if (weight > 0) {
            SamplingResult result = MriDiffusion.sample(all, prior, settings, second, cancel);
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
        String choice = weight == 1 ? "diffusion" : weight == 0 ? method.method().label() : "blend";
        return new Result(outputs, choice, weight, method, diffusionError, classicalError, blendError);
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
            float[][] split = holdOut == HoldOut.COLUMNS && HeldOutKspace.columnMask(mask, height, width)
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
            CancelToken cancel) {
        List<List<float[]>> images = new ArrayList<>();
        for (int m = 0; m < methods.size(); m++) {
            images.add(new ArrayList<>());
        }
        boolean anyWavelet = methods.stream().anyMatch(c -> c.method() == Method.L1_WAVELET);
        for (int s = 0; s < problem.slices(); s++) {
            boolean complex = !problem.magnitudePrior()
                    || problem.complexOperators()[s] instanceof MultiCoilCartesianMri;
            LinearOperator operator = complex ? problem.complexOperators()[s] : problem.operators()[s];
            // FISTA's step: one power iteration per slice serves every wavelet weight.
            double lipschitz = anyWavelet ? Math.max(Fista.largestEigenvalue(operator, 15, seed) * 1.02, 1e-6) : 0;
            for (int m = 0; m < methods.size(); m++) {
                Classical method = methods.get(m);
                float[] image = method.method() == Method.TV
                        ? new ChambollePock(operator, problem.width(), problem.height(), complex ? 2 : 1)
                                .solve(problem.slice(s), method.lambda(), MriDiffusion.WARM_START_TV_ITERATIONS,
                                        false, null, ProgressListener.NONE, cancel)
                        : wavelet(operator, lipschitz, problem.slice(s), problem.height(), problem.width(), complex,
                                method.lambda(), seed, cancel);
                if (complex) {
                    for (int i = 0; i < image.length; i++) {
                        image[i] *= (float) problem.scales()[s];
                    }
                    images.get(m).add(image);
                } else {
                    images.get(m).add(problem.complexSlice(image, s));
                }
            }
        }
        return images;
    }

    /**
     * The {@link #CLASSICAL} candidates an image of this size allows: the wavelet needs a side divisible by 2 with
     * at least 8 pixels, so odd sizes (a 181×217 NIfTI plane) are scored with TV alone instead of refused.
     */
    static List<Classical> candidates(int height, int width) {
        boolean wavelet = Daubechies4Wavelet.maxLevels(height, width, MriReconstruction.MAX_WAVELET_LEVELS) > 0;
        return CLASSICAL.stream().filter(c -> wavelet || c.method() != Method.L1_WAVELET).toList();
    }

    /** L1-wavelet (FISTA, cycle-spun D4) of a complex image, or of a real one as a complex image with zero imaginary part. */
    private static float[] wavelet(LinearOperator operator, double lipschitz, float[] y, int height, int width,
            boolean complex, double lambda, long seed, CancelToken cancel) {
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
        new Fista(operator, prox).lipschitz(lipschitz).iterations(MriReconstruction.DEFAULT_WAVELET_ITERATIONS)
                .progress(ProgressListener.NONE, cancel).solve(y, x);
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
