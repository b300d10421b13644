package org.diffprior.task;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.diffprior.core.CancelToken;
import org.diffprior.core.ProgressListener;
import org.diffprior.physics.CoilArray;
import org.diffprior.physics.LinearOperator;
import org.diffprior.physics.MriMeasurement;
import org.diffprior.prior.Denoiser;
import org.diffprior.solver.SamplingResult;

/**
 * Benchmark-only record of everything {@link MriAuto} decides from, for one single-slice case: per fold, the
 * complex k-space residual at every held-out value of diffusion and of every classical candidate, those on the
 * prior's phase included, each reconstructed from the kept points exactly as {@code MriAuto.run} does (diffusion
 * with {@link MriAuto#foldSettings}), and the full-data complex images of diffusion and of
 * every candidate. Since the operator is linear, any blend's held-out error and image follow from these, so
 * selection rules can be compared offline against the truth without running the reconstructions again.
 *
 * <p>Writes {@code <name>.json} (layout, candidates, units) and {@code <name>.bin} (little-endian float32: per
 * fold, [candidate 0 = diffusion, 1.. = classical][held-out value re, im]; then the held-out data y; then the
 * full-data complex images [candidate][pixel re, im]).
 */
public final class AutoDiagnostics {

    private AutoDiagnostics() {
    }

    public static void dump(CoilArray kspace, float[] mask, CoilArray map, double noiseSigma, Denoiser prior,
            DiffusionSettings settings, MriAuto.HoldOut holdOut, Path directory, String name) throws IOException {
        List<CoilArray> kspaces = List.of(kspace);
        List<float[]> masks = List.of(mask);
        List<CoilArray> maps = map == null ? null : List.of(map);
        boolean magnitudePrior = prior.channels() == 1;
        int height = kspace.height();
        int width = kspace.width();
        int pixels = height * width;
        // MriAuto's own candidates, those on the prior's phase included, solved by its own code.
        List<MriAuto.Classical> tried = MriAuto.candidates(height, width, MriAuto.onPhase(kspaces, magnitudePrior));
        CancelToken cancel = CancelToken.none();
        List<float[]> values = new ArrayList<>();
        StringBuilder folds = new StringBuilder();
        for (int fold = 0; fold < MriAuto.FOLDS; fold++) {
            MriAuto.Split split = MriAuto.split(kspaces, masks, settings.seed(), fold, holdOut);
            float[] heldOut = split.heldOut().get(0);
            MriDiffusion.Problem validation = MriDiffusion.prepare(kspaces, split.kept(), maps, noiseSigma,
                    magnitudePrior, cancel);
            List<float[]> images = new ArrayList<>();
            SamplingResult sampled = MriDiffusion.sample(validation, prior, MriAuto.foldSettings(settings),
                    ProgressListener.NONE, cancel);
            images.add(MriAuto.complexImages(validation, sampled.mean()).get(0));
            MriAuto.classical(validation, tried, settings.seed(), MriAuto.FOLD_ITERATION_FRACTION,
                    ProgressListener.NONE, cancel)
                    .forEach(c -> images.add(c.get(0)));
            LinearOperator onHeldOut = MriMeasurement.complexOperator(height, width, heldOut, map);
            // The held-out values: index i of the operator's output (coil-major, interleaved) where heldOut ≠ 0.
            List<Integer> indices = new ArrayList<>();
            for (int i = 0; i < onHeldOut.outputSize() / 2; i++) {
                if (heldOut[i % pixels] != 0) {
                    indices.add(i);
                }
            }
            for (float[] image : images) {
                float[] predicted = new float[onHeldOut.outputSize()];
                onHeldOut.apply(image, predicted);
                values.add(pick(predicted, indices));
            }
            values.add(pick(kspace.data(), indices));
            folds.append(fold == 0 ? "" : ",").append("{\"values\":").append(indices.size()).append(",\"pixel\":[");
            for (int k = 0; k < indices.size(); k++) {
                folds.append(k == 0 ? "" : ",").append(indices.get(k) % pixels);
            }
            folds.append("]}");
        }
        MriDiffusion.Problem all = MriDiffusion.prepare(kspaces, masks, maps, noiseSigma, magnitudePrior, cancel);
        long start = System.nanoTime();
        SamplingResult result = MriDiffusion.sample(all, prior, settings, ProgressListener.NONE, cancel);
        double diffusionSeconds = (System.nanoTime() - start) / 1e9;
        values.add(all.complexImage(result.mean(), 0));
        MriAuto.classical(all, tried, settings.seed(), ProgressListener.NONE, cancel)
                .forEach(c -> values.add(c.get(0)));
        StringBuilder json = new StringBuilder();
        json.append(String.format(Locale.ROOT,
                "{\"name\":\"%s\",\"height\":%d,\"width\":%d,\"coils\":%d,\"holdOut\":\"%s\",\"diffusionSeconds\":%.3f,",
                name, height, width, kspace.coils(), holdOut, diffusionSeconds));
        json.append("\"candidates\":[\"diffusion\"");
        for (MriAuto.Classical c : tried) {
            // scripts/auto_rules.py names a candidate on the prior's phase "proj <method weight>".
            json.append(",\"").append(c.onPhase() ? "proj " + new MriAuto.Classical(c.method(), c.lambda()) : c)
                    .append('"');
        }
        json.append("],\"blendWeights\":[");
        for (int w = 0; w < MriAuto.BLEND_WEIGHTS.length; w++) {
            json.append(w == 0 ? "" : ",").append(MriAuto.BLEND_WEIGHTS[w]);
        }
        json.append("],\"mask\":\"");
        for (float m : mask) {
            json.append(m != 0 ? '1' : '0');
        }
        json.append("\",\"folds\":[").append(folds).append("]}\n");
        Files.createDirectories(directory);
        Files.writeString(directory.resolve(name + ".json"), json);
        writeFloats(directory.resolve(name + ".bin"), values);
    }

    /**
     * Ends a case's record: its truth ({@code <record>.truth}) and a line of {@code index.tsv} (setting, image, record,
     * best tuned classical method, its PSNR and seconds, seconds spent recording), as the scripts read them.
     */
    public static void index(Path directory, String setting, String image, String record, float[] truth, String best,
            double[] bestScore, double seconds) throws IOException {
        writeFloats(directory.resolve(record + ".truth"), List.of(truth));
        Files.writeString(directory.resolve("index.tsv"),
                String.format(Locale.ROOT, "%s\t%s\t%s\t%s\t%.4f\t%.3f\t%.3f%n", setting, image, record, best,
                        bestScore[0], bestScore[2], seconds),
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    /** The arrays one after another as little-endian float32 (the records' {@code .bin} and {@code .truth}). */
    public static void writeFloats(Path file, List<float[]> values) throws IOException {
        int floats = values.stream().mapToInt(v -> v.length).sum();
        ByteBuffer buffer = ByteBuffer.allocate(4 * floats).order(ByteOrder.LITTLE_ENDIAN);
        for (float[] v : values) {
            for (float f : v) {
                buffer.putFloat(f);
            }
        }
        Files.write(file, buffer.array());
    }

    private static float[] pick(float[] interleaved, List<Integer> indices) {
        float[] out = new float[2 * indices.size()];
        for (int k = 0; k < indices.size(); k++) {
            out[2 * k] = interleaved[2 * indices.get(k)];
            out[2 * k + 1] = interleaved[2 * indices.get(k) + 1];
        }
        return out;
    }
}
