package org.diffprior.task;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.diffprior.core.CancelToken;
import org.diffprior.core.InvalidInputException;
import org.diffprior.core.ProgressListener;
import org.diffprior.djl.DjlDenoiser;
import org.diffprior.djl.ScanAdaptation;
import org.diffprior.physics.CoilArray;
import org.diffprior.prior.Denoiser;

/**
 * {@code mri --adapt-steps N}: adapts the prior's weights to the scan before sampling ({@link ScanAdaptation}),
 * self-supervised on the measured k-space. Per fold, a part of the sampled points is held out as
 * {@link MriAuto} holds it out; a TV reconstruction of the rest (the warm start's) is the reference the network
 * denoises, and its x0 estimates are scored on the held-out points. So the network learns to predict measured
 * k-space it was not shown, for this scan's anatomy and contrast, instead of reproducing its reference. The first
 * {@link #FOLDS} − 1 folds train, the last decides when to stop and which weights to keep (possibly the
 * original ones): on validation scans the prior knew well, unchecked adaptation lost up to 4 dB. All slices
 * share one adaptation.
 *
 * <pre>{@code
 * Denoiser adapted = MriAdaptation.adapt(kspaces, masks, null, 0, prior, ScanAdaptation.Settings.defaults(20),
 *         seed, ProgressListener.NONE, CancelToken.none()).prior();
 * }</pre>
 */
public final class MriAdaptation {

    /**
     * The adapted prior ({@code prior} itself when nothing was adapted), the relative held-out error
     * ‖P_Λ(A x̂₀) − y_Λ‖² / ‖y_Λ‖² of each training step's batch before its update, that of the validation fold at
     * each check, the step whose weights were kept (0: the prior as it was) and the time taken.
     */
    public record Adapted(Denoiser prior, double[] losses, double[] checks, int keptStep, double seconds) {

        static Adapted none(Denoiser prior) {
            return new Adapted(prior, new double[0], new double[0], 0, 0);
        }

        /** One line for the user: what was kept, the validation error before and after, the time. */
        public String summary() {
            if (checks.length == 0) {
                return "the prior was not adapted (no k-space outside the fully sampled centre to hold out)";
            }
            double best = Arrays.stream(checks).min().orElse(checks[0]);
            if (keptStep == 0) {
                return String.format(Locale.ROOT, "adapting the prior did not lower the held-out k-space error "
                        + "(%.4f) in %d steps; kept the prior as it was (%.1f s)", checks[0], losses.length, seconds);
            }
            return String.format(Locale.ROOT, "adapted the prior to the scan: kept step %d of %d, relative held-out "
                    + "k-space error %.4f -> %.4f (%.1f s)", keptStep, losses.length, checks[0], best, seconds);
        }
    }

    /** Held-out folds: all but the last train, the last validates. */
    static final int FOLDS = 3;
    /** Most slices whose validation fold is scored at each check (spread over the volume). */
    static final int MAX_VALIDATION_SLICES = 4;

    private MriAdaptation() {
    }

    /** The prior adapted to these slices. */
    public static Adapted adapt(List<CoilArray> kspaces, List<float[]> masks, List<CoilArray> maps, double noiseSigma,
            Denoiser prior, ScanAdaptation.Settings settings, long seed, ProgressListener progress,
            CancelToken cancel) {
        if (settings.steps() == 0) {
            return Adapted.none(prior);
        }
        if (!(prior instanceof DjlDenoiser network)) {
            throw InvalidInputException.of("adapt_steps",
                    "{adapt_steps} needs a network prior; this one cannot be adapted; set it to 0");
        }
        long start = System.nanoTime();
        int slices = kspaces.size();
        int height = kspaces.get(0).height();
        int width = kspaces.get(0).width();
        boolean magnitudePrior = prior.channels() == 1;
        List<MriDiffusion.Problem> problems = new ArrayList<>();
        List<HeldOutKspace> heldOuts = new ArrayList<>();
        List<float[]> references = new ArrayList<>(); // fold-major: index fold * slices + slice
        double[] norms = new double[FOLDS];
        for (int fold = 0; fold < FOLDS; fold++) {
            List<float[]> kept = new ArrayList<>();
            List<float[]> heldOut = new ArrayList<>();
            for (int s = 0; s < slices; s++) {
                float[][] split = MriAuto.split(masks.get(s), height, width, seed + s, fold, MriAuto.DEFAULT_HOLD_OUT);
                kept.add(split[0]);
                heldOut.add(split[1]);
            }
            MriDiffusion.Problem problem = MriDiffusion.prepare(kspaces, kept, maps, noiseSigma, magnitudePrior,
                    cancel);
            HeldOutKspace onHeldOut = new HeldOutKspace(kspaces, heldOut, maps);
            norms[fold] = onHeldOut.error(null);
            float[] estimate = MriDiffusion.warmStartEstimate(problem.operators(), problem.y(), height, width,
                    magnitudePrior ? 1 : 2, cancel);
            int values = estimate.length / slices;
            for (int s = 0; s < slices; s++) {
                references.add(Arrays.copyOfRange(estimate, s * values, (s + 1) * values));
            }
            problems.add(problem);
            heldOuts.add(onHeldOut);
        }
        if (!(norms[0] > 0 && norms[FOLDS - 1] > 0)) {
            // Nothing outside the fully sampled centre to hold out: no data to adapt on.
            return Adapted.none(prior);
        }
        ScanAdaptation.Objective objective = (x0, chosen, gradient) -> {
            double loss = 0;
            for (int b = 0; b < x0.length; b++) {
                int fold = chosen[b] / slices;
                int s = chosen[b] % slices;
                MriDiffusion.Problem problem = problems.get(fold);
                float[] complex = problem.complexSlice(x0[b], s);
                float[] complexGradient = new float[complex.length];
                double scale = 1.0 / (norms[fold] * x0.length);
                loss += heldOuts.get(fold).errorAndGradient(s, complex, complexGradient) * scale;
                float[] g = problem.complexSliceAdjoint(complexGradient, s);
                for (int i = 0; i < g.length; i++) {
                    gradient[b][i] = (float) (g[i] * scale);
                }
            }
            return loss;
        };
        int[] training = new int[(FOLDS - 1) * slices];
        for (int i = 0; i < training.length; i++) {
            training[i] = i;
        }
        int[] validation = new int[Math.min(slices, MAX_VALIDATION_SLICES)];
        for (int i = 0; i < validation.length; i++) {
            validation[i] = (FOLDS - 1) * slices + (int) ((i + 0.5) * slices / validation.length);
        }
        ScanAdaptation.Result result = ScanAdaptation.adapt(network.model(), references.toArray(float[][]::new),
                training, validation, height, width, objective, settings, seed, progress, cancel);
        Denoiser adapted = result.keptStep() == 0 ? prior : new DjlDenoiser(result.model());
        return new Adapted(adapted, result.losses(), result.checks(), result.keptStep(),
                (System.nanoTime() - start) / 1e9);
    }
}
