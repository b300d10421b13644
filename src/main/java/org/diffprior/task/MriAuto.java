package org.diffprior.task;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.diffprior.core.CancelToken;
import org.diffprior.core.ProgressListener;
import org.diffprior.physics.CoilArray;
import org.diffprior.physics.LinearOperator;
import org.diffprior.prior.Denoiser;
import org.diffprior.solver.SamplingResult;

/**
 * {@code mri --method auto}: chooses between diffusion and TV per scan, without ground truth, by
 * self-validation on held-out k-space (algorithms.md §9.3). A fraction of the sampled points outside the
 * fully sampled centre is held out, both methods reconstruct from the rest, and the one whose image predicts
 * the held-out points better reconstructs again from all points. Under independent noise the held-out error
 * is the prediction error plus σ², so it ranks the methods as the (unknown) error on those frequencies does.
 * Points, not whole columns, are held out: a 1-D mask at R = 8 of a 128-column scan leaves one or two
 * columns outside its centre to spare, too few to rank on.
 *
 * <pre>{@code
 * MriAuto.Result r = MriAuto.run(kspaces, masks, null, 0, prior, DiffusionSettings.defaults(),
 *         ProgressListener.NONE, CancelToken.none());
 * r.choice(); // "diffusion" or "tv"
 * }</pre>
 */
public final class MriAuto {

    /** Fraction of the sampled points outside the calibration centre held out for validation. */
    static final double HELD_OUT_FRACTION = 0.1;
    /** TV weights tried (relative to the normalised image): the validation grid's winners across settings. */
    static final double[] TV_LAMBDAS = {3e-3, 1e-2, 3e-2};

    /**
     * The reconstruction with the chosen method, the TV weight chosen, and the relative held-out errors
     * ‖P_Λ(A x) − y_Λ‖² / ‖y_Λ‖² of diffusion and of TV at that weight.
     */
    public record Result(List<DiffusionOutput> outputs, String choice, double tvLambda, double diffusionError,
            double tvError) {
    }

    private MriAuto() {
    }

    public static Result run(List<CoilArray> kspaces, List<float[]> masks, List<CoilArray> maps, double noiseSigma,
            Denoiser prior, DiffusionSettings settings, ProgressListener progress, CancelToken cancel) {
        long start = System.nanoTime();
        int slices = kspaces.size();
        List<float[]> kept = new ArrayList<>();
        List<float[]> heldOut = new ArrayList<>();
        for (int s = 0; s < slices; s++) {
            float[][] split = split(masks.get(s), kspaces.get(s).height(), kspaces.get(s).width(), settings.seed() + s);
            kept.add(split[0]);
            heldOut.add(split[1]);
        }
        boolean magnitudePrior = prior.channels() == 1;
        ProgressListener half = (done, total, message) -> progress.progress(done, 2 * total, "auto: " + message);
        MriDiffusion.Problem validation = MriDiffusion.prepare(kspaces, kept, maps, noiseSigma, magnitudePrior, cancel);
        // The TV weight is chosen on the held-out points as well: the best weight differs by mask and coils
        // (validation grid: 3e-3 at 1-D R = 4, 1e-2 with 8 coils, 3e-2 for 2-D Poisson R = 8).
        double tvError = Double.POSITIVE_INFINITY;
        double lambda = Double.NaN;
        float[] tv = null;
        for (double candidate : TV_LAMBDAS) {
            float[] image = tv(validation, candidate, cancel);
            double error = heldOutError(kspaces, heldOut, maps, validation, image);
            if (error < tvError) {
                tvError = error;
                lambda = candidate;
                tv = image;
            }
        }
        SamplingResult diffusion = MriDiffusion.sample(validation, prior, settings,
                settings.warmStart() ? tv : null, half, cancel);
        double diffusionError = heldOutError(kspaces, heldOut, maps, validation, diffusion.mean());
        boolean chooseDiffusion = diffusionError <= tvError;
        MriDiffusion.Problem all = MriDiffusion.prepare(kspaces, masks, maps, noiseSigma, magnitudePrior, cancel);
        List<DiffusionOutput> outputs;
        ProgressListener second = (done, total, message) -> progress.progress(total + done, 2 * total, "auto: " + message);
        if (chooseDiffusion) {
            float[] estimate = settings.warmStart() ? tv(all, lambda, cancel) : null;
            SamplingResult result = MriDiffusion.sample(all, prior, settings, estimate, second, cancel);
            outputs = MriDiffusion.outputs(all, result, (System.nanoTime() - start) / 1e9);
        } else {
            float[] image = tv(all, lambda, cancel);
            SamplingResult result = SamplingResult.of(slices * all.height(), all.width(), magnitudePrior ? 1 : 2,
                    new float[][] {image}, 0, 0);
            outputs = MriDiffusion.outputs(all, result, (System.nanoTime() - start) / 1e9);
        }
        return new Result(outputs, chooseDiffusion ? "diffusion" : "tv", lambda, diffusionError, tvError);
    }

    private static float[] tv(MriDiffusion.Problem problem, double lambda, CancelToken cancel) {
        return MriDiffusion.tv(problem.operators(), problem.y(), problem.height(), problem.width(),
                problem.magnitudePrior() ? 1 : 2, lambda, cancel);
    }

    /** Relative held-out error ‖P_Λ(A x) − y_Λ‖² / ‖y_Λ‖², summed over slices, of a prior-space image. */
    private static double heldOutError(List<CoilArray> kspaces, List<float[]> heldOut, List<CoilArray> maps,
            MriDiffusion.Problem problem, float[] image) {
        double error = 0;
        double norm = 0;
        for (int s = 0; s < kspaces.size(); s++) {
            CoilArray k = kspaces.get(s);
            LinearOperator onHeldOut = MriDiffusion.complexOperator(k.height(), k.width(), heldOut.get(s),
                    maps == null ? null : maps.get(s));
            norm += squaredNorm(onHeldOut, null, k.data(), heldOut.get(s));
            error += squaredNorm(onHeldOut, problem.complexImage(image, s), k.data(), heldOut.get(s));
        }
        return error / norm;
    }

    /**
     * {kept, held out}: the sampled points of the contiguous fully sampled centre (rows and columns through
     * the k-space centre) are always kept; of the others a seeded {@link #HELD_OUT_FRACTION} is held out.
     */
    static float[][] split(float[] mask, int height, int width, long seed) {
        boolean[] centre = MriDiffusion.calibrationRegion(mask, height, width);
        Random random = new Random(seed * 0x9E3779B97F4A7C15L + 17);
        float[] kept = mask.clone();
        float[] heldOut = new float[mask.length];
        for (int i = 0; i < mask.length; i++) {
            if (mask[i] != 0 && !centre[i] && random.nextDouble() < HELD_OUT_FRACTION) {
                kept[i] = 0;
                heldOut[i] = mask[i];
            }
        }
        return new float[][] {kept, heldOut};
    }

    /** ‖P_Λ(A x) − y‖² over the held-out points (‖P_Λ y‖² when x is null). */
    private static double squaredNorm(LinearOperator onHeldOut, float[] image, float[] kspace, float[] heldOut) {
        float[] predicted = new float[onHeldOut.outputSize()];
        if (image != null) {
            onHeldOut.apply(image, predicted);
        }
        int points = heldOut.length;
        double sum = 0;
        for (int i = 0; i < predicted.length; i += 2) {
            if (heldOut[(i / 2) % points] != 0) {
                double re = predicted[i] - kspace[i];
                double im = predicted[i + 1] - kspace[i + 1];
                sum += re * re + im * im;
            }
        }
        return sum;
    }
}
