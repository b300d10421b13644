package org.diffprior.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.diffprior.classical.MriReconstruction;
import org.diffprior.classical.MriReconstruction.Method;
import org.diffprior.core.CancelToken;
import org.diffprior.core.Intensities;
import org.diffprior.core.Metrics;
import org.diffprior.core.ProgressListener;
import org.diffprior.djl.ScanAdaptation;
import org.diffprior.io.Cfl;
import org.diffprior.io.ImageFiles;
import org.diffprior.physics.CartesianMri;
import org.diffprior.physics.CoilArray;
import org.diffprior.physics.CoilSensitivities;
import org.diffprior.physics.KspaceNoise;
import org.diffprior.physics.LinearOperator;
import org.diffprior.physics.MultiCoilCartesianMri;
import org.diffprior.physics.PhaseConstrained;
import org.diffprior.prior.CoarseDenoiser;
import org.diffprior.prior.Denoiser;
import org.diffprior.solver.ChambollePock;
import org.diffprior.task.AutoDiagnostics;
import org.diffprior.task.DiffusionOutput;
import org.diffprior.task.DiffusionSettings;
import org.diffprior.task.MriAdaptation;
import org.diffprior.task.MriAuto;
import org.diffprior.task.MriDiffusion;
import org.diffprior.task.MriSimulation;
import org.diffprior.task.Priors;

/**
 * The honest MRI benchmark: diffusion against BART {@code pics} (L1-wavelet and TV) and our own TV, every
 * classical weight chosen per setting by a grid on the validation images, with the constraints a
 * practitioner would use (BART's real-value constraint {@code -c} for the real single-coil objects; true
 * coil maps for 8 coils, whose objects carry a smooth random phase). Images come from
 * {@code scripts/make_benchmark_images.py}: validation = Colin27 held-out slab, EPI subject A, three CT slices;
 * test = EPI subject B and CT slices of another slab, never trained or tuned on. Every method runs in the
 * same JVM run on the same machine, so seconds compare as ratios.
 *
 * <p>Run: {@code /usr/bin/python3 scripts/make_benchmark_images.py && bin/benchmark honest [--set test]
 * [--settings 1c-random-4,...] [--start-noise 0.3] [--steps 20] [--samples 1] [--eta 1] [--cg 5] [--coarse 0.1] [--auto] [--hold-out columns|points]
 * [--quick] [--auto-dump DIR] [--montage docs/honest-montage.png]}; {@code --auto-dump} records what auto decides
 * from for every case (for {@code scripts/auto_rules.py}); {@code --montage} reconstructs only each setting's first
 * test image and draws truth | best tuned classical | diffusion alone | auto (needs {@code --auto}).
 */
public final class HonestBenchmark {

    /** One MRI setting: mask type, acceleration R and coils. */
    record Setting(String name, String maskType, double acceleration, int coils) {
    }

    /** A simulated measurement of one image. */
    record Case(String image, float[] truth, int size, CoilArray kspace, float[] mask, CoilArray maps) {
    }

    static final List<Setting> SETTINGS = List.of(
            new Setting("1c-random-4", "random", 4, 1),
            new Setting("1c-equi-4", "equispaced", 4, 1),
            new Setting("1c-random-8", "random", 8, 1),
            new Setting("1c-equi-8", "equispaced", 8, 1),
            new Setting("1c-poisson-8", "poisson", 8, 1),
            new Setting("8c-random-4", "random", 4, 8),
            new Setting("8c-random-8", "random", 8, 8),
            new Setting("8c-poisson-8", "poisson", 8, 8));

    static final double[] LAMBDAS = {1e-4, 3e-4, 1e-3, 3e-3, 1e-2, 3e-2};
    /** k-space noise σ (real and imaginary part, orthonormal FFT, image in [0, 1]). */
    static final double NOISE = 0.005;
    static final int BART_ITERATIONS = 100;
    static final int TV_ITERATIONS = 200;

    private static String bartThreads = "2";
    private static Path work;

    public static void main(String[] args) throws Exception {
        String set = "test";
        String only = null;
        String model = null;
        double[] startNoises = {DiffusionSettings.DEFAULT_START_NOISE};
        int steps = DiffusionSettings.DEFAULT_STEPS;
        int samples = 1;
        boolean cold = true;
        boolean quick = false;
        boolean auto = false;
        double coarse = Double.NaN;
        Path data = Path.of("data/benchmark");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--set" -> set = args[++i];
                case "--settings" -> only = args[++i];
                case "--model" -> model = args[++i];
                case "--start-noise" ->
                    startNoises = Stream.of(args[++i].split(",")).mapToDouble(Double::parseDouble).toArray();
                case "--steps" -> steps = Integer.parseInt(args[++i]);
                case "--samples" -> samples = Integer.parseInt(args[++i]);
                case "--eta" -> eta = Double.parseDouble(args[++i]);
                case "--cg" -> cg = Integer.parseInt(args[++i]);
                case "--no-cold" -> cold = false;
                case "--quick" -> quick = true;
                case "--auto" -> auto = true;
                case "--adapt" -> adaptSteps = Arrays.stream(args[++i].split(",")).mapToInt(Integer::parseInt)
                        .toArray();
                case "--adapt-rate" -> adaptRate = Double.parseDouble(args[++i]);
                case "--adapt-norms" -> adaptNorms = true;
                case "--adapt-noise" ->
                    adaptNoise = Arrays.stream(args[++i].split(",")).mapToDouble(Double::parseDouble)
                            .toArray();
                case "--montage" -> montage = Path.of(args[++i]);
                case "--auto-dump" -> autoDump = Path.of(args[++i]);
                case "--hold-out" -> holdOut = MriAuto.HoldOut.valueOf(args[++i].toUpperCase(Locale.ROOT));
                case "--data" -> data = Path.of(args[++i]);
                case "--bart-threads" -> bartThreads = args[++i];
                case "--coarse" -> coarse = Double.parseDouble(args[++i]);
                default -> throw new IllegalArgumentException(args[i]);
            }
        }
        work = Files.createTempDirectory("honest-bench");
        Map<String, float[]> validation = images(data.resolve("validation"), quick);
        Map<String, float[]> test = set.equals("validation") ? validation : images(data.resolve("test"), quick);
        Denoiser opened = Priors.open(model != null ? model : Priors.defaultModel(Priors.Task.MRI).orElseThrow());
        // MRI's diffusion turns the image itself (MriDiffusion.network), so --dihedral is CT's and SR's only.
        Denoiser prior = Double.isNaN(coarse) ? opened : new CoarseDenoiser(opened, coarse);
        System.out.printf(Locale.ROOT, "validation %s%nreported (%s) %s%nnoise sigma %.4f, %d steps, %d samples%n",
                validation.keySet(), set, test.keySet(), NOISE, steps, samples);

        List<double[]> deltas = new ArrayList<>();
        for (Setting setting : SETTINGS) {
            if (only != null && !List.of(only.split(",")).contains(setting.name())) {
                continue;
            }
            List<Case> tuning = cases(validation, setting);
            Map<String, Double> weights = new LinkedHashMap<>();
            weights.put("bart-l1", tune(tuning, lambda -> c -> bart(c, "W:3:0:" + lambda, setting.coils() == 1)));
            weights.put("bart-tv", tune(tuning, lambda -> c -> bart(c, "T:3:0:" + lambda, setting.coils() == 1)));
            weights.put("tv", tune(tuning, lambda -> c -> ourTv(c, lambda)));
            System.out.printf(Locale.ROOT, "%n### %s (weights on validation: %s)%n%n", setting.name(), weights);
            System.out.println("| image | method | PSNR | SSIM | s |");
            System.out.println("|---|---|---|---|---|");
            List<Case> testCases = cases(test, setting);
            Case firstCase = testCases.get(0);
            if (montage != null) {
                testCases = testCases.subList(0, 1); // a picture of each setting's first test image only
            }
            for (Case c : testCases) {
                Map<String, double[]> classical = new LinkedHashMap<>();
                Map<String, float[]> caseImages = new LinkedHashMap<>();
                classical.put("zero-filled", score(c, () -> classical(c, Method.ZERO_FILLED)));
                caseImages.put("zero-filled", lastImage);
                classical.put("cg-sense", score(c, () -> classical(c, Method.CG_SENSE)));
                classical.put("bart-l1 -c".replace(" -c", setting.coils() == 1 ? " -c" : ""),
                        score(c, () -> bart(c, "W:3:0:" + weights.get("bart-l1"), setting.coils() == 1)));
                caseImages.put("bart-l1", lastImage);
                classical.put("bart-tv".concat(setting.coils() == 1 ? " -c" : ""),
                        score(c, () -> bart(c, "T:3:0:" + weights.get("bart-tv"), setting.coils() == 1)));
                caseImages.put("bart-tv", lastImage);
                classical.put("tv (ours)", score(c, () -> ourTv(c, weights.get("tv"))));
                caseImages.put("tv", lastImage);
                Map<String, double[]> diffusion = new LinkedHashMap<>();
                if (cold) {
                    DiffusionSettings s = new DiffusionSettings(steps, samples, 1, eta, cg);
                    diffusion.put("diffusion cold", score(c, () -> diffusion(c, prior, s)));
                    caseImages.put("diffusion", lastImage);
                }
                for (int n : adaptSteps) {
                    DiffusionSettings s = new DiffusionSettings(steps, samples, 1, eta, cg);
                    ScanAdaptation.Settings a = new ScanAdaptation.Settings(n, adaptRate,
                            ScanAdaptation.Settings.DEFAULT_BATCH, adaptNoise[0], adaptNoise[1], adaptNorms);
                    diffusion.put("diffusion cold adapt " + n, score(c, () -> adapted(c, prior, s, a)));
                }
                for (double noise : startNoises) {
                    if (noise > 0) {
                        DiffusionSettings s = new DiffusionSettings(steps, samples, 1, eta, cg, noise);
                        diffusion.put("diffusion warm " + noise, score(c, () -> diffusion(c, prior, s)));
                    }
                }
                if (auto) {
                    for (double noise : startNoises) {
                        DiffusionSettings s = new DiffusionSettings(steps, samples, 1, eta, cg, noise);
                        double[] r = score(c, () -> auto(c, prior, s));
                        diffusion.put("auto " + noise + " [" + lastChoice + "]", r);
                        caseImages.put("auto", lastImage);
                    }
                }
                String best = best(classical);
                if (autoDump != null) {
                    dumpAuto(setting, c, prior, steps, samples, startNoises[0], best, classical);
                }
                if (montage != null && PANELS.size() < 5 * SETTINGS.size() && c == firstCase) {
                    addPanels(setting.name() + ": truth", c.truth(), best, classical, caseImages);
                }
                for (Map.Entry<String, double[]> e : classical.entrySet()) {
                    row(c.image(), e.getKey() + (e.getKey().equals(best) ? " (best)" : ""), e.getValue());
                }
                double[] delta = new double[diffusion.size()];
                int k = 0;
                for (Map.Entry<String, double[]> e : diffusion.entrySet()) {
                    delta[k++] = e.getValue()[0] - classical.get(best)[0];
                    row(c.image(), String.format(Locale.ROOT, "%s (%+.2f dB, %.1fx time)", e.getKey(), delta[k - 1],
                            e.getValue()[2] / classical.get(best)[2]), e.getValue());
                }
                deltas.add(delta);
                System.out.flush();
            }
        }
        if (montage != null) {
            writeMontage(montage);
        }
        int methods = deltas.isEmpty() ? 0 : deltas.get(0).length;
        for (int m = 0; m < methods; m++) {
            double sum = 0;
            double worst = Double.POSITIVE_INFINITY;
            for (double[] d : deltas) {
                sum += d[m];
                worst = Math.min(worst, d[m]);
            }
            System.out.printf(Locale.ROOT,
                    "%ndiffusion variant %d: mean delta %+.2f dB, worst %+.2f dB over %d cases%n",
                    m, sum / deltas.size(), worst, deltas.size());
        }
    }

    private static void addPanels(String label, float[] truth, String best, Map<String, double[]> classical,
            Map<String, float[]> images) {
        String bestKey = best.startsWith("bart-l1") ? "bart-l1" : best.startsWith("bart-tv") ? "bart-tv"
                : best.startsWith("tv") ? "tv" : best;
        PANEL_LABELS.add(label);
        PANELS.add(truth);
        PANEL_LABELS.add(String.format(Locale.ROOT, "%s %.2f dB", best, classical.get(best)[0]));
        PANELS.add(images.get(bestKey));
        PANEL_LABELS.add(
                String.format(Locale.ROOT, "diffusion alone %.2f dB", Metrics.psnr(truth, images.get("diffusion"))));
        PANELS.add(images.get("diffusion"));
        PANEL_LABELS.add(String.format(Locale.ROOT, "auto %.2f dB", Metrics.psnr(truth, images.get("auto"))));
        PANELS.add(images.get("auto"));
    }

    /** Rows of truth | best tuned classical | diffusion alone | auto, each scaled to its truth's maximum. */
    private static void writeMontage(Path file) throws IOException {
        int perRow = 4;
        int tile = 192;
        int label = 18;
        int rows = PANELS.size() / perRow;
        java.awt.image.BufferedImage canvas = new java.awt.image.BufferedImage(perRow * tile, rows * (tile + label),
                java.awt.image.BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = canvas.createGraphics();
        g.setFont(new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.PLAIN, 11));
        for (int r = 0; r < rows; r++) {
            float[] truth = PANELS.get(r * perRow);
            int n = (int) Math.round(Math.sqrt(truth.length));
            float max = 0;
            for (float v : truth) {
                max = Math.max(max, v);
            }
            for (int p = 0; p < perRow; p++) {
                float[] image = PANELS.get(r * perRow + p);
                for (int y = 0; y < tile; y++) {
                    for (int x = 0; x < tile; x++) {
                        float v = image[(y * n / tile) * n + x * n / tile] / max;
                        int grey = Math.max(0, Math.min(255, Math.round(255 * v)));
                        canvas.setRGB(p * tile + x, r * (tile + label) + label + y, grey * 0x010101);
                    }
                }
                g.setColor(java.awt.Color.WHITE);
                g.drawString(PANEL_LABELS.get(r * perRow + p), p * tile + 3, r * (tile + label) + 13);
            }
        }
        g.dispose();
        Files.createDirectories(file.toAbsolutePath().getParent());
        javax.imageio.ImageIO.write(canvas, "png", file.toFile());
        System.out.println("montage: " + file);
    }

    interface Reconstruction {
        float[] run(Case c) throws Exception;
    }

    interface Weighted {
        Reconstruction at(double lambda);
    }

    /** The grid weight with the best mean PSNR over the validation cases. */
    static double tune(List<Case> cases, Weighted method) throws Exception {
        double bestLambda = Double.NaN;
        double bestPsnr = Double.NEGATIVE_INFINITY;
        for (double lambda : LAMBDAS) {
            double sum = 0;
            for (Case c : cases) {
                sum += Metrics.psnr(c.truth(), method.at(lambda).run(c));
            }
            if (sum / cases.size() > bestPsnr) {
                bestPsnr = sum / cases.size();
                bestLambda = lambda;
            }
        }
        return bestLambda;
    }

    static Map<String, float[]> images(Path folder, boolean quick) throws IOException {
        Map<String, float[]> out = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path f : files.sorted().toList()) {
                if (f.toString().endsWith(".tif") && !(quick && f.toString().contains("-256"))) {
                    out.put(f.getFileName().toString().replace(".tif", ""), ImageFiles.read(f).data());
                }
            }
        }
        return out;
    }

    static List<Case> cases(Map<String, float[]> images, Setting setting) {
        List<Case> out = new ArrayList<>();
        long seed = 1;
        for (Map.Entry<String, float[]> e : images.entrySet()) {
            out.add(simulate(e.getKey(), e.getValue(), setting, seed++));
        }
        return out;
    }

    /**
     * k-space of one image: a real object for one coil; for several coils the object times a smooth random
     * phase (a few low spatial frequencies, up to about ±π), seen by simulated coils; Gaussian noise of σ
     * {@link #NOISE} on the sampled points.
     */
    static Case simulate(String name, float[] truth, Setting setting, long seed) {
        int n = (int) Math.round(Math.sqrt(truth.length));
        float[] mask = MriSimulation.mask(n, n, new MriSimulation.Settings(setting.acceleration(), setting.maskType(),
                Double.NaN, setting.coils(), 0, seed));
        float[] x = new float[2 * n * n];
        float[] phase = setting.coils() > 1 ? smoothPhase(n, seed) : new float[n * n];
        for (int i = 0; i < n * n; i++) {
            x[2 * i] = (float) (truth[i] * Math.cos(phase[i]));
            x[2 * i + 1] = (float) (truth[i] * Math.sin(phase[i]));
        }
        CoilArray maps = setting.coils() > 1 ? CoilSensitivities.simulate(n, n, setting.coils()) : null;
        LinearOperator a = operator(n, mask, maps);
        float[] y = new float[a.outputSize()];
        a.apply(x, y);
        Random random = new Random(seed * 7919);
        for (int i = 0; i < y.length / 2; i++) {
            if (mask[i % (n * n)] != 0) {
                y[2 * i] += (float) (NOISE * random.nextGaussian());
                y[2 * i + 1] += (float) (NOISE * random.nextGaussian());
            }
        }
        return new Case(name, truth, n, new CoilArray(n, n, setting.coils(), y), mask, maps);
    }

    static float[] smoothPhase(int n, long seed) {
        Random random = new Random(seed * 104729);
        double[][] terms = new double[6][];
        for (int t = 0; t < terms.length; t++) {
            terms[t] = new double[] {random.nextInt(3), random.nextInt(3), 2 * Math.PI * random.nextDouble(),
                    (random.nextDouble() - 0.5) * 1.2};
        }
        float[] phase = new float[n * n];
        for (int row = 0; row < n; row++) {
            for (int col = 0; col < n; col++) {
                double p = 0;
                for (double[] t : terms) {
                    p += t[3] * Math.cos(Math.PI * (t[0] * row + t[1] * col) / n + t[2]);
                }
                phase[row * n + col] = (float) p;
            }
        }
        return phase;
    }

    static LinearOperator operator(int n, float[] mask, CoilArray maps) {
        return maps == null ? new CartesianMri(n, n, mask)
                : new MultiCoilCartesianMri(n, n, mask, maps.data(), maps.coils());
    }

    static float[] classical(Case c, Method method) {
        return MriReconstruction
                .run(new MriReconstruction.Request(c.kspace(), c.mask(), c.maps(), method, Double.NaN, 0, 1),
                        ProgressListener.NONE, CancelToken.none())
                .magnitude();
    }

    /** Our TV (Chambolle–Pock), on a real image for one coil (the -c constraint), complex for several. */
    static float[] ourTv(Case c, double lambda) {
        int n = c.size();
        LinearOperator complex = operator(n, c.mask(), c.maps());
        boolean real = c.maps() == null;
        LinearOperator a = real ? new PhaseConstrained(complex, null) : complex;
        float[] zeroFilled = new float[complex.inputSize()];
        complex.adjoint(c.kspace().data(), zeroFilled);
        double scale = Intensities.robustMax(zeroFilled, true);
        float[] y = Intensities.scaled(c.kspace().data(), 1 / scale);
        float[] x = new ChambollePock(a, n, n, real ? 1 : 2, MriReconstruction.tvStepRatio(lambda)).solve(y, lambda,
                TV_ITERATIONS, false, null, ProgressListener.NONE, CancelToken.none());
        float[] magnitude = new float[n * n];
        for (int i = 0; i < magnitude.length; i++) {
            magnitude[i] = (float) (scale * (real ? Math.abs(x[i]) : Math.hypot(x[2 * i], x[2 * i + 1])));
        }
        return magnitude;
    }

    static float[] diffusion(Case c, Denoiser prior, DiffusionSettings settings) {
        List<CoilArray> kspaces = List.of(c.kspace());
        List<float[]> masks = List.of(c.mask());
        double sigma = KspaceNoise.estimate(kspaces, masks).orElse(0);
        DiffusionOutput out = MriDiffusion.runSlices(kspaces, masks, c.maps() == null ? null : List.of(c.maps()), sigma,
                prior, settings, ProgressListener.NONE, CancelToken.none()).get(0);
        return out.mean();
    }

    /** Diffusion with the prior adapted to the case's k-space first (the time includes the adaptation). */
    static float[] adapted(Case c, Denoiser prior, DiffusionSettings settings, ScanAdaptation.Settings adaptation) {
        List<CoilArray> kspaces = List.of(c.kspace());
        List<float[]> masks = List.of(c.mask());
        List<CoilArray> maps = c.maps() == null ? null : List.of(c.maps());
        double sigma = KspaceNoise.estimate(kspaces, masks).orElse(0);
        MriAdaptation.Adapted adapted = MriAdaptation.adapt(kspaces, masks, maps, sigma, prior, adaptation, settings,
                settings.seed(), ProgressListener.NONE, CancelToken.none());
        System.err.println("  " + c.image() + ": " + adapted.summary());
        return MriDiffusion.runSlices(kspaces, masks, maps, sigma, adapted.prior(), settings, ProgressListener.NONE,
                CancelToken.none()).get(0).mean();
    }

    private static int[] adaptSteps = {};
    private static boolean adaptNorms;
    private static double[] adaptNoise = {ScanAdaptation.Settings.DEFAULT_MIN_NOISE,
            ScanAdaptation.Settings.DEFAULT_MAX_NOISE};
    private static double adaptRate = ScanAdaptation.Settings.DEFAULT_LEARNING_RATE;
    private static String lastChoice = "";
    /** Where to write truth | best classical | diffusion | auto of each setting's first image, or null. */
    private static Path montage;
    private static final List<String> PANEL_LABELS = new ArrayList<>();
    private static final List<float[]> PANELS = new ArrayList<>();
    private static float[] lastImage;
    private static MriAuto.HoldOut holdOut = MriAuto.DEFAULT_HOLD_OUT;
    /** Fresh noise per step of every diffusion run ({@code --eta}; the default is the shipped one). */
    private static double eta = DiffusionSettings.DEFAULT_ETA;
    /** CG iterations of data consistency per step of every diffusion run ({@code --cg}; the default is the shipped one). */
    private static int cg = DiffusionSettings.DEFAULT_CG_ITERATIONS;

    /** Where {@code --auto-dump} writes {@link AutoDiagnostics} records of every case, or null. */
    private static Path autoDump;

    /**
     * Writes what auto decides from for one case ({@link AutoDiagnostics}), the truth ({@code .truth}, float32)
     * and a line of {@code index.tsv}: setting, image, name, best classical method and its PSNR.
     */
    static void dumpAuto(Setting setting, Case c, Denoiser prior, int steps, int samples, double startNoise,
            String best, Map<String, double[]> classical) throws IOException {
        DiffusionSettings s = new DiffusionSettings(steps, samples, 1, eta, cg, startNoise);
        String name = setting.name() + "_" + c.image();
        double sigma = KspaceNoise.estimate(List.of(c.kspace()), List.of(c.mask())).orElse(0);
        long start = System.nanoTime();
        AutoDiagnostics.dump(c.kspace(), c.mask(), c.maps(), sigma, prior, s, holdOut, autoDump, name);
        double seconds = (System.nanoTime() - start) / 1e9;
        AutoDiagnostics.index(autoDump, setting.name(), c.image(), name, c.truth(), best, classical.get(best), seconds);
    }

    static float[] auto(Case c, Denoiser prior, DiffusionSettings settings) {
        List<CoilArray> kspaces = List.of(c.kspace());
        List<float[]> masks = List.of(c.mask());
        double sigma = KspaceNoise.estimate(kspaces, masks).orElse(0);
        MriAuto.Result r = MriAuto.run(kspaces, masks, c.maps() == null ? null : List.of(c.maps()), sigma, prior,
                settings, holdOut, ProgressListener.NONE, CancelToken.none());
        lastChoice = r.basis() == MriAuto.Basis.EQUISPACED
                ? String.format(Locale.ROOT, "w %.2f, %s, equispaced: no folds", r.diffusionWeight(), r.classical())
                : String.format(Locale.ROOT, "w %.2f, %s, e %.3f/%.3f/%.3f", r.diffusionWeight(), r.classical(),
                        r.diffusionError(), r.classicalError(), r.chosenError());
        return r.outputs().get(0).mean();
    }

    /** BART pics with the regulariser, the true maps (ones for one coil), the weight relative to the robust maximum. */
    static float[] bart(Case c, String regulariser, boolean real) throws Exception {
        int n = c.size();
        CoilArray maps = c.maps();
        if (maps == null) {
            float[] ones = new float[2 * n * n];
            for (int i = 0; i < n * n; i++) {
                ones[2 * i] = 1;
            }
            maps = new CoilArray(n, n, 1, ones);
        }
        Cfl.write(work.resolve("k.cfl"), c.kspace().toCfl());
        Cfl.write(work.resolve("s.cfl"), maps.toCfl());
        float[] zeroFilled = new float[2 * n * n];
        operator(n, c.mask(), c.maps()).adjoint(c.kspace().data(), zeroFilled);
        double scale = Intensities.robustMax(zeroFilled, true);
        List<String> command = new ArrayList<>(List.of("bart", "pics", "-S", "-w", Double.toString(scale), "-R",
                regulariser, "-i", Integer.toString(BART_ITERATIONS)));
        if (real) {
            command.add("-c");
        }
        command.addAll(List.of("k", "s", "x"));
        ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true)
                .redirectOutput(work.resolve("bart.log").toFile());
        builder.environment().put("OMP_NUM_THREADS", bartThreads);
        Process p = builder.start();
        if (!p.waitFor(600, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("bart pics failed: " + Files.readString(work.resolve("bart.log")));
        }
        float[] complex = CoilArray.fromCfl(Cfl.read(work.resolve("x")), "x").data();
        float[] magnitude = new float[n * n];
        for (int i = 0; i < magnitude.length; i++) {
            magnitude[i] = (float) Math.hypot(complex[2 * i], complex[2 * i + 1]);
        }
        return magnitude;
    }

    /** PSNR, SSIM and seconds of one reconstruction. */
    static double[] score(Case c, Reconstruction0 method) throws Exception {
        long start = System.nanoTime();
        float[] x = method.run();
        lastImage = x;
        double seconds = (System.nanoTime() - start) / 1e9;
        return new double[] {Metrics.psnr(c.truth(), x), Metrics.ssim(c.truth(), x, c.size(), c.size()), seconds};
    }

    interface Reconstruction0 {
        float[] run() throws Exception;
    }

    static String best(Map<String, double[]> results) {
        String best = null;
        for (Map.Entry<String, double[]> e : results.entrySet()) {
            if (best == null || e.getValue()[0] > results.get(best)[0]) {
                best = e.getKey();
            }
        }
        return best;
    }

    static void row(String image, String method, double[] r) {
        System.out.printf(Locale.ROOT, "| %s | %s | %.2f | %.4f | %.2f |%n", image, method, r[0], r[1], r[2]);
    }
}
