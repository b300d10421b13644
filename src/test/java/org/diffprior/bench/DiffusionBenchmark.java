package org.diffprior.bench;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import javax.imageio.ImageIO;

import org.diffprior.classical.FbpFilter;
import org.diffprior.classical.FilteredBackProjection;
import org.diffprior.classical.MriReconstruction;
import org.diffprior.classical.Sart;
import org.diffprior.classical.TotalVariationCt;
import org.diffprior.classical.Upsampling;
import org.diffprior.core.CancelToken;
import org.diffprior.core.Metrics;
import org.diffprior.core.ProgressListener;
import org.diffprior.io.FloatImage;
import org.diffprior.io.ImageFiles;
import org.diffprior.physics.BoxDownsampling;
import org.diffprior.physics.CartesianMri;
import org.diffprior.physics.CoilArray;
import org.diffprior.physics.KspaceNoise;
import org.diffprior.physics.ParallelBeamProjector;
import org.diffprior.physics.ResizeKernel;
import org.diffprior.physics.SamplingMasks;
import org.diffprior.physics.TransmissionNoise;
import org.diffprior.prior.Denoiser;
import org.diffprior.task.CtDiffusion;
import org.diffprior.task.CtNoise;
import org.diffprior.task.CtSimulation;
import org.diffprior.task.DiffusionOutput;
import org.diffprior.task.DiffusionSettings;
import org.diffprior.task.MriDiffusion;
import org.diffprior.task.Priors;
import org.diffprior.task.SrDiffusion;

/**
 * Diffusion reconstruction against the classical methods on held-out images (Colin27 axial slices held out
 * from the bundled priors' training, coronal and sagittal Colin27 planes,
 * a real CT slice and a real MR slice from pydicom's test files), for MRI R = 4 and 8 (random and
 * equispaced 1-D masks, single coil), CT 18/30/60 views and SR ×2/×4 (box). Prints a Markdown table of
 * PSNR / SSIM / seconds and writes a montage (truth | best classical | diffusion | std) to docs/.
 *
 * <p>Run: {@code java -cp target/classes:target/test-classes:$(cat cp.txt) org.diffprior.bench.DiffusionBenchmark
 * [--model DIR] [--steps N] [--samples K] [--quick] [--only MRI,CT,SR] [--sr-domain]}; {@code --sr-domain} super-resolves
 * the brain planes with the MRI prior and the CT slice with the CT prior instead of the general one.
 */
public final class DiffusionBenchmark {

    private record Row(String task, String image, String setting, Map<String, double[]> results) {
    }

    private record Montage(String label, float[] truth, float[] classical, String classicalName, float[] diffusion,
            float[] std, int size) {
    }

    private static final List<Row> ROWS = new ArrayList<>();
    private static final List<Montage> MONTAGES = new ArrayList<>();

    public static void main(String[] args) throws Exception {
        String mriModel = null;
        String ctModel = null;
        String srModel = null;
        int steps = DiffusionSettings.DEFAULT_STEPS;
        int samples = 2;
        boolean quick = false;
        double eta = DiffusionSettings.DEFAULT_ETA;
        String only = "MRI,CT,SR";
        boolean srDomain = false; // SR with the prior of the image's domain (brain or CT) instead of the general one
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--model" -> {
                    mriModel = args[++i];
                    ctModel = mriModel;
                    srModel = mriModel;
                }
                case "--mri-model" -> mriModel = args[++i];
                case "--ct-model" -> ctModel = args[++i];
                case "--sr-model" -> srModel = args[++i];
                case "--steps" -> steps = Integer.parseInt(args[++i]);
                case "--samples" -> samples = Integer.parseInt(args[++i]);
                case "--quick" -> quick = true;
                case "--eta" -> eta = Double.parseDouble(args[++i]);
                case "--only" -> only = args[++i];
                case "--sr-domain" -> srDomain = true;
                default -> throw new IllegalArgumentException(args[i]);
            }
        }
        DiffusionSettings settings = new DiffusionSettings(steps, samples, 1, eta,
                DiffusionSettings.DEFAULT_CG_ITERATIONS);
        mriModel = mriModel != null ? mriModel : Priors.defaultModel(Priors.Task.MRI).orElseThrow();
        ctModel = ctModel != null ? ctModel : Priors.defaultModel(Priors.Task.CT).orElse(mriModel);
        srModel = srModel != null ? srModel : Priors.defaultModel(Priors.Task.SR).orElse(mriModel);
        System.out.printf("models: MRI %s, CT %s, SR %s; %d steps, %d samples, eta %.2f%n", mriModel, ctModel, srModel,
                steps, samples, settings.eta());

        Map<String, float[]> brain = new LinkedHashMap<>();
        // Axial planes held out from the bundled priors' training (with a gap), and planes of other orientations.
        brain.put("colin27 axial 100", read("test-images/colin27_heldout_axial100_128.tif"));
        if (!quick) {
            brain.put("colin27 axial 96", read("test-images/colin27_heldout_axial096_128.tif"));
            brain.put("colin27 coronal 94", read("test-images/colin27_val_coronal094_128.tif"));
            brain.put("colin27 sagittal 79", read("test-images/colin27_val_sagittal079_128.tif"));
        }
        Map<String, float[]> mriImages = new LinkedHashMap<>(brain);
        mriImages.put("pydicom MR (64)", read("test-images/mr_small_norm.tif"));
        Map<String, float[]> ctImages = new LinkedHashMap<>();
        ctImages.put("colin27 axial 100", brain.get("colin27 axial 100"));
        ctImages.put("pydicom CT", read("test-images/ct_small_norm.tif"));

        Denoiser mriPrior = Priors.open(mriModel);
        for (Map.Entry<String, float[]> e : only.contains("MRI") ? mriImages.entrySet()
                : Map.<String, float[]>of().entrySet()) {
            for (double r : new double[] {4, 8}) {
                for (String maskType : new String[] {"random", "equispaced"}) {
                    mri(e.getKey(), e.getValue(), r, maskType, mriPrior, settings);
                }
            }
        }
        Denoiser ctPrior = Priors.open(ctModel);
        for (Map.Entry<String, float[]> e : only.contains("CT") ? ctImages.entrySet()
                : Map.<String, float[]>of().entrySet()) {
            for (int views : new int[] {18, 30, 60}) {
                ct(e.getKey(), e.getValue(), views, ctPrior, settings, 0, false);
            }
        }
        if (only.contains("CT")) {
            // Real scans are noisy: the same slice with photon-counting noise (10^5 photons per ray), reconstructed
            // without and with the photon count given (--i0).
            ct("pydicom CT", ctImages.get("pydicom CT"), 30, ctPrior, settings, 1e5, false);
            ct("pydicom CT", ctImages.get("pydicom CT"), 30, ctPrior, settings, 1e5, true);
        }
        Denoiser srPrior = Priors.open(srModel);
        Map<String, float[]> srImages = new LinkedHashMap<>(brain);
        srImages.put("pydicom CT", ctImages.get("pydicom CT"));
        for (Map.Entry<String, float[]> e : only.contains("SR") ? srImages.entrySet()
                : Map.<String, float[]>of().entrySet()) {
            boolean ct = e.getKey().startsWith("pydicom CT");
            Denoiser prior = !srDomain ? srPrior : ct ? ctPrior : mriPrior;
            String label = !srDomain ? "" : ", " + (ct ? ctModel : mriModel);
            for (int scale : new int[] {2, 4}) {
                sr(e.getKey(), e.getValue(), scale, prior, label, settings);
            }
        }
        if (only.contains("SR") && !srDomain) {
            // Noisy inputs (σ = 0.05 of the image range), without and with the noise level given (--noise-sigma).
            for (String name : new String[] {"colin27 axial 100", "pydicom CT"}) {
                for (boolean known : new boolean[] {false, true}) {
                    sr(name, srImages.get(name), 4, srPrior, "", settings, 0.05, known);
                }
            }
        }
        printTable();
        writeMontage(Path.of("docs/diffusion-montage.png"));
    }

    private static float[] read(String path) {
        return ImageFiles.read(Path.of(path)).data();
    }

    static int side(float[] image) {
        return (int) Math.round(Math.sqrt(image.length));
    }

    private static double[] score(float[] truth, float[] test, double seconds) {
        return new double[] {Metrics.psnr(truth, test), Metrics.ssim(truth, test, side(truth), side(truth)), seconds};
    }

    private static <T> T timed(Supplier<T> work, double[] seconds) {
        long start = System.nanoTime();
        T result = work.get();
        seconds[0] = (System.nanoTime() - start) / 1e9;
        return result;
    }

    private static void mri(String name, float[] truth, double r, String maskType, Denoiser prior,
            DiffusionSettings settings) {
        int n = side(truth);
        SimulatedMri simulated = simulateMri(truth, r, maskType);
        float[] mask = simulated.mask();
        CoilArray data = simulated.kspace();
        Map<String, double[]> results = new LinkedHashMap<>();
        Map<String, float[]> images = new LinkedHashMap<>();
        for (MriReconstruction.Method method : new MriReconstruction.Method[] {MriReconstruction.Method.ZERO_FILLED,
                MriReconstruction.Method.L1_WAVELET, MriReconstruction.Method.TV}) {
            double[] seconds = new double[1];
            float[] image = timed(() -> MriReconstruction.run(new MriReconstruction.Request(data, mask, null, method,
                    Double.NaN, 0, 1), ProgressListener.NONE, CancelToken.none()).magnitude(), seconds);
            results.put(method.label(), score(truth, image, seconds[0]));
            images.put(method.label(), image);
        }
        // The default noise level, as 'mri --noise-sigma auto': estimated from the k-space corners (these data are
        // noiseless, so the estimate measures the signal left there; 64² slices have too few corners: 0).
        double noise = KspaceNoise.estimate(List.of(data), List.of(mask)).orElse(0);
        DiffusionOutput out = MriDiffusion.runSlices(List.of(data), List.of(mask), null, noise, prior, settings,
                ProgressListener.NONE, CancelToken.none()).get(0);
        results.put("diffusion", score(truth, out.mean(), out.seconds()));
        add("MRI", name, String.format("R=%.0f %s", r, maskType), results, images, out, truth, n);
    }

    private static void ct(String name, float[] image, int views, Denoiser prior, DiffusionSettings settings,
            double incidentPhotons, boolean noiseKnown) {
        int n = side(image);
        float[] truth = insideCircle(image, n);
        double[] angles = evenAngles(views);
        ParallelBeamProjector projector = new ParallelBeamProjector(n, angles);
        float[] sinogram = CtSimulation.sinogram(truth, n, angles, incidentPhotons,
                TransmissionNoise.DEFAULT_ATTENUATION_PER_PIXEL, 1);
        Map<String, double[]> results = new LinkedHashMap<>();
        Map<String, float[]> images = new LinkedHashMap<>();
        double[] seconds = new double[1];
        float[] fbp = timed(() -> FilteredBackProjection.reconstruct(sinogram, angles, n, FbpFilter.HANN), seconds);
        results.put("fbp (hann)", score(truth, fbp, seconds[0]));
        images.put("fbp (hann)", fbp);
        float[] sart = timed(() -> new Sart(projector, 20, Math.min(10, views), 0.9, true)
                .reconstruct(sinogram, ProgressListener.NONE, CancelToken.none()), seconds);
        results.put("sart", score(truth, sart, seconds[0]));
        images.put("sart", sart);
        float[] tv = timed(() -> new TotalVariationCt(projector, TotalVariationCt.DEFAULT_RELATIVE_LAMBDA,
                TotalVariationCt.DEFAULT_ITERATIONS).reconstruct(sinogram, ProgressListener.NONE, CancelToken.none()),
                seconds);
        results.put("tv", score(truth, tv, seconds[0]));
        images.put("tv", tv);
        CtNoise noise = noiseKnown ? new CtNoise(incidentPhotons, TransmissionNoise.DEFAULT_ATTENUATION_PER_PIXEL)
                : null;
        DiffusionOutput out = CtDiffusion.runSlices(List.of(sinogram), angles, n, prior, settings, noise,
                ProgressListener.NONE, CancelToken.none()).get(0);
        results.put("diffusion", score(truth, out.mean(), out.seconds()));
        add("CT", name, views + " views" + (incidentPhotons > 0 ? String.format(", I0 %.0e", incidentPhotons) : "")
                + (noiseKnown ? " given" : ""), results, images, out, truth, n);
    }

    private static void sr(String name, float[] truth, int scale, Denoiser prior, String label,
            DiffusionSettings settings) {
        sr(name, truth, scale, prior, label, settings, 0, false);
    }

    /** SR ×scale of the box-degraded truth with Gaussian noise of std {@code noiseSigma}, told to diffusion or not. */
    private static void sr(String name, float[] truth, int scale, Denoiser prior, String label,
            DiffusionSettings settings, double noiseSigma, boolean noiseKnown) {
        int n = side(truth);
        BoxDownsampling box = new BoxDownsampling(n, n, scale);
        float[] lowRes = new float[box.outputSize()];
        box.apply(truth, lowRes);
        addGaussianNoise(lowRes, noiseSigma, 1);
        FloatImage lr = FloatImage.of(n / scale, n / scale, lowRes);
        Map<String, double[]> results = new LinkedHashMap<>();
        Map<String, float[]> images = new LinkedHashMap<>();
        double[] seconds = new double[1];
        float[] bicubic = timed(() -> Upsampling.upsample(lr, scale, ResizeKernel.CUBIC).data(), seconds);
        results.put("bicubic", score(truth, bicubic, seconds[0]));
        images.put("bicubic", bicubic);
        float[] lanczos = timed(() -> lanczosConsistent(lowRes, n, scale, box), seconds);
        results.put("lanczos+dc", score(truth, lanczos, seconds[0]));
        images.put("lanczos+dc", lanczos);
        DiffusionOutput out = SrDiffusion.run(lowRes, n / scale, n / scale, scale, "box", noiseKnown ? noiseSigma : 0,
                prior, settings, ProgressListener.NONE, CancelToken.none());
        results.put("diffusion", score(truth, out.mean(), out.seconds()));
        String noise = noiseSigma > 0 ? String.format(", noise %.2f%s", noiseSigma, noiseKnown ? " given" : "") : "";
        add("SR", name, "x" + scale + " box" + label + noise, results, images, out, truth, n);
    }

    /** Single-coil k-space of a real image under a seeded 1-D mask ("random" or "equispaced") with the default centre. */
    record SimulatedMri(float[] mask, CoilArray kspace) {
    }

    static SimulatedMri simulateMri(float[] truth, double r, String maskType) {
        int n = side(truth);
        double centre = SamplingMasks.defaultCenterFraction(r);
        float[] mask = maskType.equals("random") ? SamplingMasks.random1d(n, n, r, centre, 1)
                : SamplingMasks.equispaced1d(n, n, r, centre, 1);
        CartesianMri op = new CartesianMri(n, n, mask);
        float[] complex = new float[2 * n * n];
        for (int i = 0; i < truth.length; i++) {
            complex[2 * i] = truth[i];
        }
        float[] kspace = new float[op.outputSize()];
        op.apply(complex, kspace);
        return new SimulatedMri(mask, new CoilArray(n, n, 1, kspace));
    }

    /** Adds Gaussian noise of std {@code sigma} (none when 0) to {@code values}, drawn from {@code seed}. */
    static void addGaussianNoise(float[] values, double sigma, long seed) {
        java.util.Random random = new java.util.Random(seed);
        for (int i = 0; sigma > 0 && i < values.length; i++) {
            values[i] += (float) (sigma * random.nextGaussian());
        }
    }

    /** A copy of an n×n image with the pixels outside the CT projector's circle set to zero. */
    static float[] insideCircle(float[] image, int n) {
        boolean[] circle = ParallelBeamProjector.circleMask(n);
        float[] truth = image.clone();
        for (int i = 0; i < truth.length; i++) {
            if (!circle[i]) {
                truth[i] = 0;
            }
        }
        return truth;
    }

    /** {@code views} angles evenly over [0°, 180°). */
    static double[] evenAngles(int views) {
        double[] angles = new double[views];
        for (int v = 0; v < views; v++) {
            angles[v] = 180.0 * v / views;
        }
        return angles;
    }

    /** The classical SR baseline: Lanczos-3 upsampling of the low-resolution image, then exact box consistency. */
    static float[] lanczosConsistent(float[] lowRes, int n, int scale, BoxDownsampling box) {
        return Upsampling.enforceConsistency(Upsampling.upsample(FloatImage.of(n / scale, n / scale, lowRes), scale,
                ResizeKernel.LANCZOS3).data(), lowRes, box);
    }

    private static void add(String task, String name, String setting, Map<String, double[]> results,
            Map<String, float[]> images, DiffusionOutput out, float[] truth, int n) {
        ROWS.add(new Row(task, name, setting, results));
        String best = bestClassical(results);
        double[] b = results.get(best);
        double[] d = results.get("diffusion");
        System.out.printf(
                "%-3s %-20s %-16s best classical %-12s %6.2f dB %.3f | diffusion %6.2f dB %.3f %5.1f s | gain %+5.2f dB%n",
                task, name, setting, best, b[0], b[1], d[0], d[1], d[2], d[0] - b[0]);
        if (name.startsWith("colin27 axial 100") && (setting.startsWith("R=8 random") || setting.equals("30 views")
                || setting.startsWith("x4 box") && !setting.contains("noise"))
                || name.startsWith("pydicom CT") && setting.equals("30 views")) {
            MONTAGES.add(
                    new Montage(task + " " + setting + " (" + name + ")", truth, images.get(best), best, out.mean(),
                            out.std(), n));
        }
    }

    private static String bestClassical(Map<String, double[]> results) {
        String best = null;
        for (Map.Entry<String, double[]> e : results.entrySet()) {
            if (!e.getKey().equals("diffusion") && (best == null || e.getValue()[0] > results.get(best)[0])) {
                best = e.getKey();
            }
        }
        return best;
    }

    private static void printTable() {
        System.out.println();
        System.out.println(
                "| task | image | setting | best classical (PSNR dB / SSIM / s) | diffusion (PSNR dB / SSIM / s) | gain dB |");
        System.out.println("|---|---|---|---|---|---|");
        for (Row row : ROWS) {
            String best = bestClassical(row.results());
            double[] b = row.results().get(best);
            double[] d = row.results().get("diffusion");
            System.out.printf("| %s | %s | %s | %s %.2f / %.3f / %.2f | %.2f / %.3f / %.1f | %+.2f |%n", row.task(),
                    row.image(), row.setting(), best, b[0], b[1], b[2], d[0], d[1], d[2], d[0] - b[0]);
        }
    }

    private static void writeMontage(Path file) throws Exception {
        if (MONTAGES.isEmpty()) {
            return;
        }
        int tile = 160;
        int label = 18;
        BufferedImage canvas = new BufferedImage(4 * tile, MONTAGES.size() * (tile + label),
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = canvas.createGraphics();
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        for (int row = 0; row < MONTAGES.size(); row++) {
            Montage m = MONTAGES.get(row);
            float max = 0;
            for (float v : m.truth()) {
                max = Math.max(max, v);
            }
            float stdMax = 1e-12f;
            for (float v : m.std()) {
                stdMax = Math.max(stdMax, v);
            }
            float[][] panels = {m.truth(), m.classical(), m.diffusion(), m.std()};
            String[] names = {"truth", "best classical: " + m.classicalName(), "diffusion",
                    "std (x" + String.format("%.1f", max / stdMax) + ")"};
            int y0 = row * (tile + label);
            for (int p = 0; p < 4; p++) {
                float scale = p == 3 ? stdMax : max;
                for (int y = 0; y < tile; y++) {
                    for (int x = 0; x < tile; x++) {
                        int sx = x * m.size() / tile;
                        int sy = y * m.size() / tile;
                        float v = panels[p][sy * m.size() + sx] / scale;
                        int grey = Math.max(0, Math.min(255, Math.round(255 * v)));
                        canvas.setRGB(p * tile + x, y0 + label + y, grey * 0x010101);
                    }
                }
                g.setColor(Color.WHITE);
                g.drawString(p == 0 ? m.label() : names[p], p * tile + 3, y0 + 13);
            }
        }
        g.dispose();
        File out = file.toFile();
        out.getParentFile().mkdirs();
        ImageIO.write(canvas, "png", out);
        System.out.println("montage: " + out);
    }
}
