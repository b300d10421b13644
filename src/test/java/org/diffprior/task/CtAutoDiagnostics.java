package org.diffprior.task;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.diffprior.classical.TotalVariationCt;
import org.diffprior.core.CancelToken;
import org.diffprior.core.ProgressListener;
import org.diffprior.physics.ParallelBeamProjector;
import org.diffprior.prior.Denoiser;

/**
 * Benchmark-only record of what {@link CtAuto} decides from, for one slice, as {@link AutoDiagnostics} for MRI: per
 * fold, the residual of every held-out view's line integrals for diffusion and each TV weight (reconstructed from
 * the other views exactly as {@code CtAuto.run} does), and the full-data images. Writes {@code <name>.json} and
 * {@code <name>.bin} (little-endian float32: per fold [candidate 0 = diffusion, 1.. = TV][held-out view × bin]; then
 * [candidate][pixel]).
 */
public final class CtAutoDiagnostics {

    private CtAutoDiagnostics() {
    }

    public static void dump(float[] sinogram, double[] angles, int size, Denoiser prior, DiffusionSettings settings,
            CtNoise noise, Path directory, String name) throws IOException {
        CancelToken cancel = CancelToken.none();
        List<float[]> values = new ArrayList<>();
        StringBuilder folds = new StringBuilder();
        List<boolean[]> heldOut = CtAuto.folds(angles.length, settings.seed());
        for (int fold = 0; fold < heldOut.size(); fold++) {
            boolean[] held = heldOut.get(fold);
            double[] keptAngles = CtAuto.angles(angles, held, false);
            float[] kept = CtAuto.rows(sinogram, held, false, size);
            float[] measured = CtAuto.rows(sinogram, held, true, size);
            ParallelBeamProjector keptProjector = new ParallelBeamProjector(size, keptAngles);
            ParallelBeamProjector heldProjector = new ParallelBeamProjector(size,
                    CtAuto.angles(angles, held, true));
            List<float[]> images = new ArrayList<>();
            images.add(CtDiffusion.runSlices(List.of(kept), keptAngles, size, prior, settings, noise,
                    ProgressListener.NONE, cancel).get(0).mean());
            for (double lambda : CtAuto.TV_LAMBDAS) {
                images.add(new TotalVariationCt(keptProjector, lambda, TotalVariationCt.DEFAULT_ITERATIONS)
                        .reconstruct(kept, ProgressListener.NONE, cancel));
            }
            for (float[] image : images) {
                float[] residual = new float[heldProjector.outputSize()];
                heldProjector.apply(image, residual);
                for (int i = 0; i < residual.length; i++) {
                    residual[i] -= measured[i];
                }
                values.add(residual);
            }
            folds.append(fold == 0 ? "" : ",").append(measured.length / size);
        }
        ParallelBeamProjector projector = new ParallelBeamProjector(size, angles);
        values.add(CtDiffusion.runSlices(List.of(sinogram), angles, size, prior, settings, noise, ProgressListener.NONE,
                cancel).get(0).mean());
        StringBuilder candidates = new StringBuilder("\"diffusion\"");
        for (double lambda : CtAuto.TV_LAMBDAS) {
            values.add(
                    new TotalVariationCt(projector, lambda, TotalVariationCt.DEFAULT_ITERATIONS).reconstruct(sinogram,
                            ProgressListener.NONE, cancel));
            candidates.append(String.format(Locale.ROOT, ",\"tv %.0e\"", lambda));
        }
        Files.createDirectories(directory);
        Files.writeString(directory.resolve(name + ".json"), String.format(Locale.ROOT,
                "{\"name\":\"%s\",\"size\":%d,\"bins\":%d,\"candidates\":[%s],\"heldOutViews\":[%s]}%n", name, size,
                size, candidates, folds));
        AutoDiagnostics.writeFloats(directory.resolve(name + ".bin"), values);
    }
}
