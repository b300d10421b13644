package org.diffprior.task;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.diffprior.classical.CtReconstruction;
import org.diffprior.classical.TotalVariationCt;
import org.diffprior.core.CancelToken;
import org.diffprior.core.ProgressListener;
import org.diffprior.physics.ParallelBeamProjector;
import org.diffprior.prior.Denoiser;

/**
 * Self-validated CT reconstruction, as {@link MriAuto} for MRI: two disjoint folds of views (each 12 % of
 * them, at least 2) are held out in turn, diffusion and TV at three weights reconstruct from the other views,
 * and the blend w·diffusion + (1 − w)·TV (w ∈ {0, ¼, ½, ¾, 1}) that best predicts the held-out views' line
 * integrals reconstructs again from all views. CT images are real, so blends are of the images themselves.
 *
 * <pre>{@code
 * CtAuto.Result r = CtAuto.run(List.of(sinogram), angles, n, prior, DiffusionSettings.defaults(), noise,
 *         ProgressListener.NONE, CancelToken.none());
 * }</pre>
 */
public final class CtAuto {

    static final int FOLDS = 2;
    static final double HELD_OUT_VIEW_FRACTION = 0.12;
    /** TV weights tried: the honest benchmark's validation grid chose 3e-5 at 18 views and 1e-4 at 30 and 60. */
    static final double[] TV_LAMBDAS = {3e-5, 1e-4, 3e-4};
    static final double[] BLEND_WEIGHTS = {0.25, 0.5, 0.75, 1};
    /** Fewest views to hold some out: with fewer, {@code auto} is plain diffusion. */
    public static final int MIN_VIEWS = 8;

    /** The reconstruction, the diffusion weight w of the chosen blend, TV's weight and the relative held-out errors. */
    public record Result(List<DiffusionOutput> outputs, double diffusionWeight, double tvLambda, double diffusionError,
            double tvError, double chosenError) {
    }

    private CtAuto() {
    }

    /** What {@code --method auto} runs: diffusion (then blended here) when a model is given or a CT prior is bundled, else SART. */
    public static String method(boolean modelGiven) {
        return modelGiven || Priors.defaultModel(Priors.Task.CT).isPresent() ? "diffusion"
                : CtReconstruction.Method.SART.label();
    }

    public static Result run(List<float[]> sinograms, double[] angles, int size, Denoiser prior,
            DiffusionSettings settings, CtNoise noise, ProgressListener progress, CancelToken cancel) {
        long start = System.nanoTime();
        int slices = sinograms.size();
        int views = angles.length;
        List<boolean[]> folds = folds(views, settings.seed());
        double[] tvErrors = new double[TV_LAMBDAS.length];
        double[][] blendErrors = new double[TV_LAMBDAS.length][BLEND_WEIGHTS.length];
        double diffusionError = 0;
        double norm = 0;
        for (int fold = 0; fold < folds.size(); fold++) {
            boolean[] held = folds.get(fold);
            double[] keptAngles = angles(angles, held, false);
            double[] heldAngles = angles(angles, held, true);
            List<float[]> keptSinograms = new ArrayList<>();
            List<float[]> heldSinograms = new ArrayList<>();
            for (float[] sinogram : sinograms) {
                keptSinograms.add(rows(sinogram, held, false, size));
                heldSinograms.add(rows(sinogram, held, true, size));
            }
            ParallelBeamProjector keptProjector = new ParallelBeamProjector(size, keptAngles);
            ParallelBeamProjector heldProjector = new ParallelBeamProjector(size, heldAngles);
            for (float[] h : heldSinograms) {
                norm += squared(h, null);
            }
            List<List<float[]>> tv = new ArrayList<>();
            for (int l = 0; l < TV_LAMBDAS.length; l++) {
                List<float[]> images = new ArrayList<>();
                for (float[] s : keptSinograms) {
                    images.add(new TotalVariationCt(keptProjector, TV_LAMBDAS[l], TotalVariationCt.DEFAULT_ITERATIONS)
                            .reconstruct(s, ProgressListener.NONE, cancel));
                }
                tv.add(images);
                tvErrors[l] += error(heldProjector, images, heldSinograms);
            }
            int done = fold;
            ProgressListener part = (step, total, message) -> progress.progress(done * total + step,
                    (FOLDS + 1) * total, "auto: " + message);
            List<DiffusionOutput> diffusion = CtDiffusion.runSlices(keptSinograms, keptAngles, size, prior, settings,
                    noise, part, cancel);
            List<float[]> means = new ArrayList<>();
            for (DiffusionOutput d : diffusion) {
                means.add(d.mean());
            }
            diffusionError += error(heldProjector, means, heldSinograms);
            for (int l = 0; l < TV_LAMBDAS.length; l++) {
                for (int w = 0; w < BLEND_WEIGHTS.length; w++) {
                    List<float[]> blended = new ArrayList<>();
                    for (int s = 0; s < slices; s++) {
                        blended.add(BlendChoice.blend(means.get(s), tv.get(l).get(s), BLEND_WEIGHTS[w]));
                    }
                    blendErrors[l][w] += error(heldProjector, blended, heldSinograms);
                }
            }
        }
        if (!(norm > 0)) {
            // Too few views to hold out (or only zeros there): the prior alone, as --method diffusion.
            return new Result(CtDiffusion.runSlices(sinograms, angles, size, prior, settings, noise, progress, cancel),
                    1,
                    Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        BlendChoice choice = BlendChoice.of(tvErrors, blendErrors, BLEND_WEIGHTS);
        int bestTv = choice.candidate();
        double weight = choice.weight();
        double chosen = choice.error();
        ParallelBeamProjector projector = new ParallelBeamProjector(size, angles);
        List<float[]> tvAll = new ArrayList<>();
        for (float[] s : sinograms) {
            tvAll.add(new TotalVariationCt(projector, TV_LAMBDAS[bestTv], TotalVariationCt.DEFAULT_ITERATIONS)
                    .reconstruct(s, ProgressListener.NONE, cancel));
        }
        List<DiffusionOutput> outputs = new ArrayList<>();
        if (weight > 0) {
            ProgressListener last = (step, total, message) -> progress.progress(FOLDS * total + step,
                    (FOLDS + 1) * total,
                    "auto: " + message);
            List<DiffusionOutput> diffusion = CtDiffusion.runSlices(sinograms, angles, size, prior, settings, noise,
                    last,
                    cancel);
            double seconds = (System.nanoTime() - start) / 1e9;
            for (int s = 0; s < slices; s++) {
                DiffusionOutput d = diffusion.get(s);
                float[][] samples = new float[d.samples().length][];
                for (int k = 0; k < samples.length; k++) {
                    samples[k] = BlendChoice.blend(d.samples()[k], tvAll.get(s), weight);
                }
                float[] std = d.std().clone();
                for (int i = 0; i < std.length; i++) {
                    std[i] *= (float) weight;
                }
                outputs.add(
                        new DiffusionOutput(size, size, BlendChoice.blend(d.mean(), tvAll.get(s), weight), std, samples,
                                d.networkEvaluations(), seconds / slices));
            }
        } else {
            double seconds = (System.nanoTime() - start) / 1e9;
            for (float[] image : tvAll) {
                outputs.add(DiffusionOutput.pointEstimate(size, size, image, seconds / slices));
            }
        }
        return new Result(outputs, weight, TV_LAMBDAS[bestTv], diffusionError / norm, tvErrors[bestTv] / norm,
                chosen / norm);
    }

    /**
     * The held-out views of each fold (disjoint, {@link #HELD_OUT_VIEW_FRACTION} of the views each, at least 2, in a
     * seeded random order); fewer than {@link #FOLDS} when too few views are left to reconstruct from.
     */
    static List<boolean[]> folds(int views, long seed) {
        List<Integer> order = new ArrayList<>();
        for (int v = 0; v < views; v++) {
            order.add(v);
        }
        Collections.shuffle(order, new Random(seed * 0x9E3779B97F4A7C15L + 31));
        int perFold = Math.max(2, (int) Math.round(HELD_OUT_VIEW_FRACTION * views));
        List<boolean[]> folds = new ArrayList<>();
        for (int fold = 0; fold < FOLDS && (fold + 1) * perFold < views; fold++) {
            boolean[] held = new boolean[views];
            for (int i = fold * perFold; i < (fold + 1) * perFold; i++) {
                held[order.get(i)] = true;
            }
            folds.add(held);
        }
        return folds;
    }

    static double[] angles(double[] angles, boolean[] held, boolean wanted) {
        List<Double> out = new ArrayList<>();
        for (int v = 0; v < angles.length; v++) {
            if (held[v] == wanted) {
                out.add(angles[v]);
            }
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** The sinogram rows (views) whose held-out flag equals {@code wanted}. */
    static float[] rows(float[] sinogram, boolean[] held, boolean wanted, int bins) {
        int count = 0;
        for (boolean h : held) {
            count += h == wanted ? 1 : 0;
        }
        float[] out = new float[count * bins];
        for (int v = 0, r = 0; v < held.length; v++) {
            if (held[v] == wanted) {
                System.arraycopy(sinogram, v * bins, out, r++ * bins, bins);
            }
        }
        return out;
    }

    private static double error(ParallelBeamProjector heldProjector, List<float[]> images,
            List<float[]> heldSinograms) {
        double sum = 0;
        for (int s = 0; s < images.size(); s++) {
            float[] predicted = new float[heldProjector.outputSize()];
            heldProjector.apply(images.get(s), predicted);
            sum += squared(heldSinograms.get(s), predicted);
        }
        return sum;
    }

    /** ‖a − b‖² (‖a‖² for null b). */
    private static double squared(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            double d = a[i] - (b == null ? 0 : b[i]);
            sum += d * d;
        }
        return sum;
    }
}
