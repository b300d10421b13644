package org.diffprior.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.diffprior.classical.FbpFilter;
import org.diffprior.classical.FilteredBackProjection;
import org.diffprior.classical.Sart;
import org.diffprior.classical.TotalVariationCt;
import org.diffprior.classical.Upsampling;
import org.diffprior.core.CancelToken;
import org.diffprior.core.Metrics;
import org.diffprior.core.ProgressListener;
import org.diffprior.io.FloatImage;
import org.diffprior.physics.BicubicDownsampling;
import org.diffprior.physics.BoxDownsampling;
import org.diffprior.physics.LinearOperator;
import org.diffprior.physics.ParallelBeamProjector;
import org.diffprior.physics.ResizeKernel;
import org.diffprior.physics.TransmissionNoise;
import org.diffprior.prior.CoarseDenoiser;
import org.diffprior.prior.Denoiser;
import org.diffprior.prior.DihedralDenoiser;
import org.diffprior.task.AutoDiagnostics;
import org.diffprior.task.CtAuto;
import org.diffprior.task.CtAutoDiagnostics;
import org.diffprior.task.CtDiffusion;
import org.diffprior.task.CtNoise;
import org.diffprior.task.CtSimulation;
import org.diffprior.task.DiffusionSettings;
import org.diffprior.task.Priors;
import org.diffprior.task.SrDiffusion;

/**
 * The honest CT and SR benchmark, on the images of {@link HonestBenchmark} (validation: Colin27 held-out slab,
 * EPI subject A, Cranium CT slice 30; test: EPI subject B, Cranium CT slices of another slab, used as
 * attenuation maps for CT). CT: 18/30/60 views over 180° and a 120° arc of 60 views, 10⁵ photons per ray;
 * FBP, SART and TV with TV's weight chosen by a grid on the validation images, against diffusion with the
 * photon count given. SR ×2/×4, box and bicubic degradation: bicubic and Lanczos-3 with exact consistency
 * against diffusion with the general grey prior.
 *
 * <p>Run: {@code bin/benchmark HonestCtSr [--set validation|test] [--only CT,SR] [--quick] [--ct-model NAME|DIR]
 * [--sr-model NAME|DIR] [--auto-dump DIR]} ({@code --auto-dump}: {@link CtAutoDiagnostics} records for {@code scripts/ct_auto_rules.py};)
 * [--tv-weights W18,W30,W60,WARC] [--samples N] [--coarse T]} ({@code --coarse T}: the noisiest steps, σ/α ≥ T, at half resolution through
 * {@link CoarseDenoiser}; {@code --samples}: posterior samples per case, their mean the
 * image (default 1); {@code --ct-model}, {@code --sr-model}: the CT or SR prior instead of the bundled
 * default, e.g. to compare a retrained one; {@code --tv-weights}: the four CT settings' TV weights as a previous run chose them on the
 * validation images, which skips that grid search; {@code --dihedral}: the priors through {@link DihedralDenoiser}, an
 * experiment that was measured and dropped).
 */
public final class HonestCtSrBenchmark {

    record CtSetting(String name, double[] angles) {
    }

    static final double I0 = 1e5;
    private static boolean auto;
    /** Where {@code --auto-dump} writes {@link CtAutoDiagnostics} records of every CT case, or null. */
    private static Path autoDump;
    /** The CT setting being run, for the records' names. */
    private static String ctSetting = "";
    static final double[] TV_LAMBDAS = {3e-6, 1e-5, 3e-5, 1e-4, 3e-4, 1e-3};

    /** The prior through {@link CoarseDenoiser} at threshold {@code coarse}, or as it is when that is NaN. */
    private static Denoiser coarsened(Denoiser prior, double coarse) {
        return Double.isNaN(coarse) ? prior : new CoarseDenoiser(prior, coarse);
    }

    public static void main(String[] args) throws Exception {
        String set = "test";
        String only = "CT,SR";
        boolean quick = false;
        Path data = Path.of("data/benchmark");
        int steps = DiffusionSettings.DEFAULT_STEPS;
        String ctModel = Priors.defaultModel(Priors.Task.CT).orElseThrow();
        String srModel = Priors.defaultModel(Priors.Task.SR).orElseThrow();
        double[] tvWeights = null;
        boolean dihedral = false;
        int samples = 1;
        double coarse = Double.NaN;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--set" -> set = args[++i];
                case "--only" -> only = args[++i];
                case "--quick" -> quick = true;
                case "--steps" -> steps = Integer.parseInt(args[++i]);
                case "--auto" -> auto = true;
                case "--auto-dump" -> autoDump = Path.of(args[++i]);
                case "--data" -> data = Path.of(args[++i]);
                case "--ct-model" -> ctModel = args[++i];
                case "--sr-model" -> srModel = args[++i];
                case "--dihedral" -> dihedral = true;
                case "--samples" -> samples = Integer.parseInt(args[++i]);
                case "--coarse" -> coarse = Double.parseDouble(args[++i]);
                case "--tv-weights" -> tvWeights = Arrays.stream(args[++i].split(","))
                        .mapToDouble(Double::parseDouble).toArray();
                default -> throw new IllegalArgumentException(args[i]);
            }
        }
        Map<String, float[]> validation = HonestBenchmark.images(data.resolve("validation"), quick);
        Map<String, float[]> test = set.equals("validation") ? validation
                : HonestBenchmark.images(data.resolve("test"), quick);
        DiffusionSettings settings = new DiffusionSettings(steps, samples, 1, DiffusionSettings.DEFAULT_ETA,
                DiffusionSettings.DEFAULT_CG_ITERATIONS);
        List<Double> deltas = new ArrayList<>();
        if (only.contains("CT")) {
            Denoiser prior = coarsened(dihedral ? new DihedralDenoiser(Priors.open(ctModel)) : Priors.open(ctModel),
                    coarse);
            System.out.printf(Locale.ROOT, "CT prior: %s%n", ctModel);
            List<CtSetting> ct = List.of(new CtSetting("18 views", arc(180, 18)),
                    new CtSetting("30 views", arc(180, 30)),
                    new CtSetting("60 views", arc(180, 60)), new CtSetting("120° arc, 60 views", arc(120, 60)));
            for (int k = 0; k < ct.size(); k++) {
                CtSetting setting = ct.get(k);
                double lambda = tvWeights != null ? tvWeights[k] : tuneTv(validation, setting.angles());
                ctSetting = setting.name().replace("°", "").replace(",", "").replace(' ', '-');
                System.out.printf(Locale.ROOT, "%n### CT %s, I0 %.0e (TV weight on validation: %.0e)%n%n",
                        setting.name(), I0,
                        lambda);
                header();
                for (Map.Entry<String, float[]> e : test.entrySet()) {
                    deltas.add(ct(e.getKey(), e.getValue(), setting.angles(), lambda, prior, settings));
                }
            }
        }
        if (only.contains("SR")) {
            Denoiser prior = coarsened(dihedral ? new DihedralDenoiser(Priors.open(srModel)) : Priors.open(srModel),
                    coarse);
            System.out.printf(Locale.ROOT, "SR prior: %s%n", srModel);
            for (String degradation : new String[] {"box", "bicubic"}) {
                for (int scale : new int[] {2, 4}) {
                    System.out.printf(Locale.ROOT, "%n### SR x%d %s%n%n", scale, degradation);
                    header();
                    for (Map.Entry<String, float[]> e : test.entrySet()) {
                        deltas.add(sr(e.getKey(), e.getValue(), scale, degradation, prior, settings));
                    }
                }
            }
        }
        double sum = 0;
        double worst = Double.POSITIVE_INFINITY;
        for (double d : deltas) {
            sum += d;
            worst = Math.min(worst, d);
        }
        System.out.printf(Locale.ROOT,
                "%ndiffusion minus best classical: mean %+.2f dB, worst %+.2f dB over %d cases%n",
                sum / deltas.size(), worst, deltas.size());
    }

    static double[] arc(double degrees, int views) {
        double[] angles = new double[views];
        for (int v = 0; v < views; v++) {
            angles[v] = degrees * v / views;
        }
        return angles;
    }

    static float[] sinogram(float[] truth, int n, double[] angles, long seed) {
        return CtSimulation.sinogram(truth, n, angles, I0, TransmissionNoise.DEFAULT_ATTENUATION_PER_PIXEL, seed);
    }

    static double tuneTv(Map<String, float[]> images, double[] angles) {
        double best = Double.NaN;
        double bestPsnr = Double.NEGATIVE_INFINITY;
        for (double lambda : TV_LAMBDAS) {
            double sum = 0;
            long seed = 1;
            for (float[] image : images.values()) {
                int n = DiffusionBenchmark.side(image);
                float[] truth = DiffusionBenchmark.insideCircle(image, n);
                float[] tv = new TotalVariationCt(new ParallelBeamProjector(n, angles), lambda,
                        TotalVariationCt.DEFAULT_ITERATIONS).reconstruct(sinogram(truth, n, angles, seed++),
                                ProgressListener.NONE, CancelToken.none());
                sum += Metrics.psnr(truth, tv);
            }
            if (sum > bestPsnr) {
                bestPsnr = sum;
                best = lambda;
            }
        }
        return best;
    }

    static double ct(String name, float[] image, double[] angles, double lambda, Denoiser prior,
            DiffusionSettings settings) throws Exception {
        int n = DiffusionBenchmark.side(image);
        float[] truth = DiffusionBenchmark.insideCircle(image, n);
        float[] sinogram = sinogram(truth, n, angles, 7);
        ParallelBeamProjector projector = new ParallelBeamProjector(n, angles);
        Map<String, double[]> classical = new LinkedHashMap<>();
        classical.put("fbp (hann)",
                score(truth, () -> FilteredBackProjection.reconstruct(sinogram, angles, n, FbpFilter.HANN)));
        classical.put("sart", score(truth, () -> new Sart(projector, 20, Math.min(10, angles.length), 0.9, true)
                .reconstruct(sinogram, ProgressListener.NONE, CancelToken.none())));
        classical.put("tv",
                score(truth, () -> new TotalVariationCt(projector, lambda, TotalVariationCt.DEFAULT_ITERATIONS)
                        .reconstruct(sinogram, ProgressListener.NONE, CancelToken.none())));
        CtNoise noise = new CtNoise(I0, TransmissionNoise.DEFAULT_ATTENUATION_PER_PIXEL);
        double[] diffusion = score(truth,
                () -> CtDiffusion.runSlices(List.of(sinogram), angles, n, prior, settings, noise,
                        ProgressListener.NONE, CancelToken.none()).get(0).mean());
        double delta = report(name, classical, "diffusion (--i0)", diffusion);
        if (autoDump != null) {
            String record = ctSetting + "_" + name;
            long start = System.nanoTime();
            CtAutoDiagnostics.dump(sinogram, angles, n, prior, settings, noise, autoDump, record);
            double seconds = (System.nanoTime() - start) / 1e9;
            String best = HonestBenchmark.best(classical);
            AutoDiagnostics.index(autoDump, ctSetting, name, record, truth, best, classical.get(best), seconds);
        }
        if (auto) {
            String[] choice = new String[1];
            double[] blended = score(truth, () -> {
                CtAuto.Result r = CtAuto.run(List.of(sinogram), angles, n, prior, settings, noise,
                        ProgressListener.NONE,
                        CancelToken.none());
                choice[0] = String.format(Locale.ROOT, "w %.2f, tv %.0e, e %.4f/%.4f/%.4f", r.diffusionWeight(),
                        r.tvLambda(), r.diffusionError(), r.tvError(), r.chosenError());
                return r.outputs().get(0).mean();
            });
            return report(name, new LinkedHashMap<>(Map.of("best classical: " + HonestBenchmark.best(classical),
                    classical.get(HonestBenchmark.best(classical)))), "auto [" + choice[0] + "]", blended);
        }
        return delta;
    }

    static double sr(String name, float[] truth, int scale, String degradation, Denoiser prior,
            DiffusionSettings settings)
            throws Exception {
        int n = DiffusionBenchmark.side(truth);
        LinearOperator down = degradation.equals("box") ? new BoxDownsampling(n, n, scale)
                : new BicubicDownsampling(n, n, scale);
        float[] lowRes = new float[down.outputSize()];
        down.apply(truth, lowRes);
        FloatImage lr = FloatImage.of(n / scale, n / scale, lowRes);
        Map<String, double[]> classical = new LinkedHashMap<>();
        classical.put("bicubic", score(truth, () -> Upsampling.upsample(lr, scale, ResizeKernel.CUBIC).data()));
        classical.put("lanczos+dc", score(truth, () -> Upsampling.enforceConsistency(
                Upsampling.upsample(lr, scale, ResizeKernel.LANCZOS3).data(), lowRes, down)));
        double[] diffusion = score(truth, () -> SrDiffusion.run(lowRes, n / scale, n / scale, scale, degradation, prior,
                settings, ProgressListener.NONE, CancelToken.none()).mean());
        return report(name, classical, "diffusion", diffusion);
    }

    interface Run {
        float[] run() throws Exception;
    }

    static double[] score(float[] truth, Run run) throws Exception {
        long start = System.nanoTime();
        float[] x = run.run();
        double seconds = (System.nanoTime() - start) / 1e9;
        int n = DiffusionBenchmark.side(truth);
        return new double[] {Metrics.psnr(truth, x), Metrics.ssim(truth, x, n, n), seconds};
    }

    static void header() {
        System.out.println("| image | method | PSNR | SSIM | s |");
        System.out.println("|---|---|---|---|---|");
    }

    static double report(String name, Map<String, double[]> classical, String label, double[] diffusion) {
        String best = HonestBenchmark.best(classical);
        for (Map.Entry<String, double[]> e : classical.entrySet()) {
            HonestBenchmark.row(name, e.getKey() + (e.getKey().equals(best) ? " (best)" : ""), e.getValue());
        }
        double delta = diffusion[0] - classical.get(best)[0];
        HonestBenchmark.row(name, String.format(Locale.ROOT, "%s (%+.2f dB, %.1fx time)", label, delta,
                diffusion[2] / classical.get(best)[2]), diffusion);
        System.out.flush();
        return delta;
    }
}
