package org.diffprior.task;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

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
 * k-space it was not shown, for this scan's anatomy and contrast, instead of reproducing its reference. All
 * slices share one adaptation.
 *
 * <pre>{@code
 * Denoiser adapted = MriAdaptation.adapt(kspaces, masks, null, 0, prior, ScanAdaptation.Settings.defaults(20),
 *         seed, ProgressListener.NONE, CancelToken.none());
 * }</pre>
 */
public final class MriAdaptation {

    private MriAdaptation() {
    }

    /** The prior adapted to these slices, or {@code prior} itself for 0 steps. */
    public static Denoiser adapt(List<CoilArray> kspaces, List<float[]> masks, List<CoilArray> maps, double noiseSigma,
            Denoiser prior, ScanAdaptation.Settings settings, long seed, ProgressListener progress,
            CancelToken cancel) {
        if (settings.steps() == 0) {
            return prior;
        }
        if (!(prior instanceof DjlDenoiser network)) {
            throw InvalidInputException.of("adapt_steps",
                    "{adapt_steps} needs a network prior; this one cannot be adapted; set it to 0");
        }
        int slices = kspaces.size();
        int height = kspaces.get(0).height();
        int width = kspaces.get(0).width();
        boolean magnitudePrior = prior.channels() == 1;
        List<MriDiffusion.Problem> problems = new ArrayList<>();
        List<HeldOutKspace> heldOuts = new ArrayList<>();
        List<float[]> references = new ArrayList<>(); // fold-major: index fold * slices + slice
        double[] norms = new double[MriAuto.FOLDS];
        for (int fold = 0; fold < MriAuto.FOLDS; fold++) {
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
        if (!(norms[0] > 0)) {
            // Nothing outside the fully sampled centre to hold out: no data to adapt on.
            return prior;
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
        ScanAdaptation.Result result = ScanAdaptation.adapt(network.model(), references.toArray(float[][]::new),
                height, width, objective, settings, seed, progress, cancel);
        return new DjlDenoiser(result.model());
    }
}
