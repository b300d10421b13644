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
 * {@link #FOLDS} − 1 folds train, the last decides when to stop and which weights to try. Then held-out points
 * set aside before all this judge the result as {@link MriAuto} judges methods: diffusion with the adapted and
 * with the original prior reconstructs from the rest, and the adapted weights are used only if they predict
 * those points better. Without that check, adaptation lost up to 16 dB on test scans (the denoiser's held-out
 * error fell while the sampler's result collapsed). All slices share one adaptation.
 *
 * <pre>{@code
 * Denoiser adapted = MriAdaptation.adapt(kspaces, masks, null, 0, prior,
 *         ScanAdaptation.Settings.defaults(60), DiffusionSettings.defaults(), seed, ProgressListener.NONE,
 *         CancelToken.none()).prior();
 * }</pre>
 */
public final class MriAdaptation {

    /**
     * The prior to use ({@code prior} itself unless adapting helped), the relative held-out error
     * ‖P_Λ(A x̂₀) − y_Λ‖² / ‖y_Λ‖² of each training step's batch before its update, that of the early-stopping
     * fold at each check, the step whose weights were tried (0: none helped), the relative held-out error of
     * diffusion with the prior as it was and with the adapted one on the check's points (NaN when not checked),
     * and the time taken.
     */
    public record Adapted(Denoiser prior, double[] losses, double[] checks, int keptStep, double before,
            double after, double seconds) {

        static Adapted none(Denoiser prior) {
            return new Adapted(prior, new double[0], new double[0], 0, Double.NaN, Double.NaN, 0);
        }

        /** Whether the adapted weights are used. */
        public boolean used() {
            return after < before;
        }

        /** One line for the user: what was kept and why, the time. */
        public String summary() {
            if (checks.length == 0) {
                return "the prior was not adapted (no k-space outside the fully sampled centre to hold out)";
            }
            if (keptStep == 0) {
                return String.format(Locale.ROOT, "adapting the prior did not lower the held-out k-space error "
                        + "(%.4f) in %d steps; kept the prior as it was (%.1f s)", checks[0], losses.length, seconds);
            }
            return String.format(Locale.ROOT, "%s the prior adapted in %d steps: diffusion's relative held-out "
                    + "k-space error %.4f with it, %.4f without (%.1f s)", used() ? "used" : "did not use", keptStep,
                    after, before, seconds);
        }
    }

    /** Offset of the seed of the check's held-out points, so that they differ from {@link MriAuto}'s. */
    static final long CHECK_SEED = 7919;

    /** Held-out folds: all but the last train, the last validates. */
    static final int FOLDS = 3;
    /** Most slices whose validation fold is scored at each check (spread over the volume). */
    static final int MAX_VALIDATION_SLICES = 4;

    private MriAdaptation() {
    }

    /**
     * The prior adapted to these slices, kept only if diffusion with it predicts held-out k-space better than
     * with the prior as it was.
     *
     * @param diffusion the settings of the diffusion runs that check the adapted prior
     */
    public static Adapted adapt(List<CoilArray> kspaces, List<float[]> masks, List<CoilArray> maps, double noiseSigma,
            Denoiser prior, ScanAdaptation.Settings settings, DiffusionSettings diffusion, long seed,
            ProgressListener progress, CancelToken cancel) {
        if (settings.steps() == 0) {
            return Adapted.none(prior);
        }
        if (!(prior instanceof DjlDenoiser network)) {
            throw InvalidInputException.of("adapt_steps",
                    "{adapt_steps} needs a network prior; this one cannot be adapted; set it to 0");
        }
        long start = System.nanoTime();
        // The check's held-out points Λ are set aside first: the adaptation never sees them, in its references
        // or its losses, so they judge the adapted prior as they would judge any method.
        MriAuto.Split check = MriAuto.split(kspaces, masks, seed + CHECK_SEED, 0, MriAuto.DEFAULT_HOLD_OUT);
        List<float[]> kept = check.kept();
        HeldOutKspace onHeldOut = new HeldOutKspace(kspaces, check.heldOut(), maps);
        double norm = onHeldOut.error(null);
        ScanAdaptation.Result result = norm > 0
                ? adaptOn(kspaces, kept, maps, noiseSigma, network, settings, seed, progress, cancel)
                : null;
        if (result == null) {
            return Adapted.none(prior);
        }
        if (result.keptStep() == 0) {
            return new Adapted(prior, result.losses(), result.checks(), 0, Double.NaN, Double.NaN,
                    (System.nanoTime() - start) / 1e9);
        }
        Denoiser adapted = new DjlDenoiser(result.model());
        MriDiffusion.Problem problem = MriDiffusion.prepare(kspaces, kept, maps, noiseSigma, prior.channels() == 1,
                cancel);
        progress.progress(0, 1, "checking the adapted prior on held-out k-space");
        double before = onHeldOut.error(MriAuto.complexImages(problem,
                MriDiffusion.sample(problem, prior, diffusion, ProgressListener.NONE, cancel).mean())) / norm;
        double after = onHeldOut.error(MriAuto.complexImages(problem,
                MriDiffusion.sample(problem, adapted, diffusion, ProgressListener.NONE, cancel).mean())) / norm;
        progress.progress(1, 1, "checked the adapted prior on held-out k-space");
        return new Adapted(after < before ? adapted : prior, result.losses(), result.checks(), result.keptStep(),
                before, after, (System.nanoTime() - start) / 1e9);
    }

    /**
     * Adapts the network on the points of {@code masks}: {@link #FOLDS} − 1 held-out folds train, the last stops
     * early; null when there is nothing outside the fully sampled centre to hold out.
     */
    private static ScanAdaptation.Result adaptOn(List<CoilArray> kspaces, List<float[]> masks, List<CoilArray> maps,
            double noiseSigma, DjlDenoiser network, ScanAdaptation.Settings settings, long seed,
            ProgressListener progress, CancelToken cancel) {
        int slices = kspaces.size();
        int height = kspaces.get(0).height();
        int width = kspaces.get(0).width();
        boolean magnitudePrior = network.channels() == 1;
        List<MriDiffusion.Problem> problems = new ArrayList<>();
        List<HeldOutKspace> heldOuts = new ArrayList<>();
        List<float[]> references = new ArrayList<>(); // fold-major: index fold * slices + slice
        double[] norms = new double[FOLDS];
        for (int fold = 0; fold < FOLDS; fold++) {
            MriAuto.Split split = MriAuto.split(kspaces, masks, seed, fold, MriAuto.DEFAULT_HOLD_OUT);
            MriDiffusion.Problem problem = MriDiffusion.prepare(kspaces, split.kept(), maps, noiseSigma,
                    magnitudePrior, cancel);
            HeldOutKspace onHeldOut = new HeldOutKspace(kspaces, split.heldOut(), maps);
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
            return null;
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
        return ScanAdaptation.adapt(network.model(), references.toArray(float[][]::new), training, validation,
                height, width, objective, settings, seed, progress, cancel);
    }
}
