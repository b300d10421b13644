package org.diffprior.bench;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.diffprior.classical.MriReconstruction;
import org.diffprior.classical.MriReconstruction.Method;
import org.diffprior.core.CancelToken;
import org.diffprior.core.Metrics;
import org.diffprior.core.ProgressListener;
import org.diffprior.io.Cfl;
import org.diffprior.io.FloatImage;
import org.diffprior.io.ImageFiles;
import org.diffprior.physics.CartesianMri;
import org.diffprior.physics.CoilArray;
import org.diffprior.physics.CoilSensitivities;
import org.diffprior.physics.EspiritTest;
import org.diffprior.physics.LinearOperator;
import org.diffprior.physics.MultiCoilCartesianMri;
import org.diffprior.physics.SamplingMasks;

/**
 * MRI benchmark (a main class, not a test): classical reconstructions of Colin27 slices against BART's
 * {@code pics} on identical simulated data, printing PSNR / SSIM / seconds per method. Data come from
 * {@code scripts/extract_colin27.py}; k-space is simulated from the real-valued slice with a seeded 1-D mask
 * (R = 4 and 8, random and equispaced, InverseBench calibration widths), single-coil or 8 simulated coils
 * (the true maps are given to every method, ours and BART's), complex Gaussian noise σ = 0.002.
 * BART solves the same scaled problem: {@code pics -S -w s} with our scale s (99th percentile of the
 * zero-filled magnitude) and the same λ and iteration count.
 *
 * <p>TV at equal settings: BART 0.8's {@code pics -R T:3:0:λ} (src/grecon/optreg.c, linops/grad.c, iter/thresh.c)
 * minimises ½‖A x − y/s‖² + λ Σ_p ‖(∇x)_p‖₂ with circular forward differences along x and y and a complex soft
 * threshold joint over the gradient direction, i.e. isotropic complex TV, by ADMM (ρ = 0.5, at most 10 CG steps per
 * iteration, early stop at ABSTOL 1e-4 / RELTOL 1e-3). Ours is the same objective with Neumann instead of circular
 * differences (the image border is background), solved by Chambolle–Pock. Both TV results are scored on the same
 * objective (ours, Neumann) besides PSNR/SSIM. Slice 85, R4 random, λ = 0.01, near convergence: 1 coil ours (3000
 * iterations) 28.96 dB / objective 22.111, BART ({@code -i 4000}) 28.96 dB / 22.387; 8 coils ours (2000) 32.79 dB /
 * 24.199, BART ({@code -i 1500}) 32.80 dB / 24.432.
 *
 * <pre>
 * java -cp target/classes:target/test-classes:$(cat cp.txt) org.diffprior.bench.MriBenchmark --data target/colin27 --slice 85
 * java ... org.diffprior.bench.MriBenchmark --data target/colin27 --validate      # sweep the weights on slices 100-110
 * java ... org.diffprior.bench.MriBenchmark --data target/colin27 --skip-baselines --only "R4 rand" \
 *     --tv-lambda 0.01 --tv-iterations 3000 --bart-tv-iterations 4000 --bart-threads 2   # TV at convergence
 * </pre>
 */
public final class MriBenchmark {

    private static final double NOISE_SIGMA = 0.002;

    private MriBenchmark() {
    }

    /** One simulated acquisition. */
    private record Case(String label, float[] truth, CoilArray kspace, float[] mask, CoilArray maps) {
    }

    public static void main(String[] args) throws Exception {
        Path data = Path.of("target/colin27");
        List<Integer> slices = new ArrayList<>(List.of(85));
        boolean validate = false;
        boolean bart = true;
        int size = 256;
        double tvLambda = MriReconstruction.DEFAULT_TV_LAMBDA;
        int tvIterations = MriReconstruction.DEFAULT_TV_ITERATIONS;
        int bartTvIterations = 100;
        String only = "";
        boolean skipBaselines = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--data" -> data = Path.of(args[++i]);
                case "--slice" -> slices = List.of(Integer.parseInt(args[++i]));
                case "--validate" -> validate = true;
                case "--espirit" -> {
                    espirit(data, slices.get(0));
                    return;
                }
                case "--no-bart" -> bart = false;
                case "--size" -> size = Integer.parseInt(args[++i]);
                case "--tv-lambda" -> tvLambda = Double.parseDouble(args[++i]);
                case "--tv-iterations" -> tvIterations = Integer.parseInt(args[++i]);
                case "--bart-tv-iterations" -> bartTvIterations = Integer.parseInt(args[++i]);
                case "--bart-threads" -> bartThreads = args[++i];
                case "--only" -> only = args[++i];
                case "--skip-baselines" -> skipBaselines = true;
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        if (validate) {
            validate(data, size);
            return;
        }
        bart = bart && onPath("bart");
        Path work = Files.createTempDirectory("mri-bench");
        System.out.printf("%-28s %-22s %8s %7s %8s%n", "case", "method", "PSNR", "SSIM", "seconds");
        for (int slice : slices) {
            for (Case c : cases(data, slice, size)) {
                if (!c.label().contains(only)) {
                    continue;
                }
                if (!skipBaselines) {
                    row(c, "zero-filled", run(c, Method.ZERO_FILLED, Double.NaN, 0));
                    row(c, "cg-sense (mu=" + MriReconstruction.DEFAULT_CG_MU + ")",
                            run(c, Method.CG_SENSE, Double.NaN, 0));
                    row(c, "l1-wavelet (ours)", run(c, Method.L1_WAVELET, Double.NaN, 0));
                    if (bart) {
                        row(c, "bart pics W (same)", bart(c, work, "W:3:0:" + MriReconstruction.DEFAULT_WAVELET_LAMBDA,
                                MriReconstruction.DEFAULT_WAVELET_ITERATIONS));
                    }
                }
                // Same objective on both sides: ½‖Ax − y/s‖² + λ Σ_p ‖(∇x)_p‖₂ with complex x, isotropic TV (BART's
                // prox_thresh is joint over the gradient direction and complex); BART's differences are circular,
                // ours Neumann, which only differs at the (near-zero) image border. BART solves it by ADMM.
                row(c, "tv " + tvLambda + " x" + tvIterations + " (ours)", runTv(c, tvLambda, tvIterations));
                if (bart) {
                    row(c, "bart T:" + tvLambda + " -i" + bartTvIterations,
                            bart(c, work, "T:3:0:" + tvLambda, bartTvIterations));
                }
            }
        }
    }

    /**
     * ESPIRiT on the slice at 256×256 with 8 simulated coils, R = 4 random mask (20 calibration columns, so a 24×20
     * calibration region), noise σ = 0.002: per-pixel subspace agreement |⟨S_a, S_b⟩|/(‖S_a‖‖S_b‖) inside the head
     * (pixels above 5 % of the maximum) of ours and BART's {@code ecalib -m1} with each other and with the truth.
     */
    private static void espirit(Path data, int slice) throws Exception {
        Case c = cases(data, slice, 256).stream().filter(k -> k.label().contains("R4 rand 8c")).findFirst()
                .orElseThrow();
        long start = System.nanoTime();
        CoilArray ours = org.diffprior.physics.Espirit.estimate(c.kspace(), c.mask(),
                org.diffprior.physics.Espirit.Settings.defaults());
        double oursSeconds = (System.nanoTime() - start) / 1e9;
        Path work = Files.createTempDirectory("espirit-bench");
        Cfl.write(work.resolve("k.cfl"), c.kspace().toCfl());
        start = System.nanoTime();
        ProcessBuilder builder = new ProcessBuilder("bart", "ecalib", "-m1", "k", "s").directory(work.toFile())
                .redirectErrorStream(true).redirectOutput(work.resolve("bart.log").toFile());
        builder.environment().put("OMP_NUM_THREADS", "1");
        if (builder.start().waitFor() != 0) {
            throw new IllegalStateException("bart ecalib failed: " + Files.readString(work.resolve("bart.log")));
        }
        double bartSeconds = (System.nanoTime() - start) / 1e9;
        CoilArray bart = CoilArray.fromCfl(Cfl.read(work.resolve("s")), "s");
        boolean[] head = new boolean[c.truth().length];
        for (int i = 0; i < head.length; i++) {
            head[i] = c.truth()[i] > 0.05f;
        }
        System.out.printf(Locale.ROOT, "ESPIRiT %s: ours %.1f s, bart %.1f s%n", c.label(), oursSeconds, bartSeconds);
        printAgreement("ours vs bart ecalib -m1", ours, bart, head);
        printAgreement("ours vs true maps", ours, c.maps(), head);
        printAgreement("bart vs true maps", bart, c.maps(), head);
    }

    private static void printAgreement(String what, CoilArray a, CoilArray b, boolean[] pixels) {
        double[] values = EspiritTest.sortedAgreement(a, b, pixels);
        double mean = Arrays.stream(values).average().orElse(0);
        System.out.printf(Locale.ROOT, "  %-26s mean %.4f  median %.4f  5th percentile %.4f  (%d pixels)%n", what, mean,
                values[values.length / 2], values[values.length / 20], values.length);
    }

    /** Mean PSNR over validation slices for a grid of weights; prints the grid, chooses nothing by itself. */
    private static void validate(Path data, int size) throws Exception {
        int[] slices = {100, 105, 110};
        double[] mus = {0.0001, 0.0003, 0.001, 0.003, 0.01};
        double[] lambdas = {0.0001, 0.0002, 0.0005, 0.001, 0.002, 0.004};
        double[] cgSum = new double[mus.length];
        double[] l1Sum = new double[lambdas.length];
        int count = 0;
        for (int slice : slices) {
            for (Case c : cases(data, slice, size)) {
                count++;
                StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%3d %-24s", slice, c.label()));
                for (int i = 0; i < mus.length; i++) {
                    double p = run(c, Method.CG_SENSE, mus[i], 0)[0];
                    cgSum[i] += p;
                    line.append(String.format(Locale.ROOT, " mu=%g:%.2f", mus[i], p));
                }
                for (int i = 0; i < lambdas.length; i++) {
                    double p = run(c, Method.L1_WAVELET, lambdas[i], 0)[0];
                    l1Sum[i] += p;
                    line.append(String.format(Locale.ROOT, " l=%g:%.2f", lambdas[i], p));
                }
                System.out.println(line);
            }
        }
        for (int i = 0; i < mus.length; i++) {
            System.out.printf(Locale.ROOT, "CG-SENSE mu=%g mean PSNR %.3f%n", mus[i], cgSum[i] / count);
        }
        for (int i = 0; i < lambdas.length; i++) {
            System.out.printf(Locale.ROOT, "L1-wavelet lambda=%g mean PSNR %.3f%n", lambdas[i], l1Sum[i] / count);
        }
    }

    private static List<Case> cases(Path data, int slice, int size) {
        FloatImage image = ImageFiles.read(data.resolve("colin27_axial_" + slice + ".tif"));
        float[] truth = size == image.width() ? image.data() : downsample(image, image.width() / size);
        List<Case> cases = new ArrayList<>();
        for (int coils : new int[] {1, 8}) {
            for (double acceleration : new double[] {4, 8}) {
                for (String type : new String[] {"random", "equispaced"}) {
                    double fraction = SamplingMasks.defaultCenterFraction(acceleration);
                    float[] mask = type.equals("random")
                            ? SamplingMasks.random1d(size, size, acceleration, fraction, slice)
                            : SamplingMasks.equispaced1d(size, size, acceleration, fraction, slice);
                    CoilArray maps = coils == 1 ? null : CoilSensitivities.simulate(size, size, coils);
                    LinearOperator a = maps == null ? new CartesianMri(size, size, mask)
                            : new MultiCoilCartesianMri(size, size, mask, maps.data(), coils);
                    float[] x = new float[2 * size * size];
                    for (int i = 0; i < truth.length; i++) {
                        x[2 * i] = truth[i];
                    }
                    float[] y = new float[a.outputSize()];
                    a.apply(x, y);
                    Random random = new Random(slice * 1000L + coils);
                    int n = size * size;
                    for (int i = 0; i < y.length / 2; i++) {
                        if (mask[i % n] != 0) {
                            y[2 * i] += (float) (NOISE_SIGMA * random.nextGaussian());
                            y[2 * i + 1] += (float) (NOISE_SIGMA * random.nextGaussian());
                        }
                    }
                    String label = String.format(Locale.ROOT, "z%d %dx%d R%.0f %s %dc", slice, size, size, acceleration,
                            type.substring(0, 4), coils);
                    cases.add(new Case(label, truth, new CoilArray(size, size, coils, y), mask, maps));
                }
            }
        }
        return cases;
    }

    /** {PSNR, SSIM, seconds}. */
    private static double[] run(Case c, Method method, double lambda, int iterations) {
        long start = System.nanoTime();
        float[] result = MriReconstruction.run(new MriReconstruction.Request(c.kspace(), c.mask(), c.maps(), method,
                lambda, iterations, 1), ProgressListener.NONE, CancelToken.none()).magnitude();
        double seconds = (System.nanoTime() - start) / 1e9;
        int size = c.kspace().height();
        return new double[] {Metrics.psnr(c.truth(), result), Metrics.ssim(c.truth(), result, size, size), seconds};
    }

    /**
     * {PSNR, SSIM, seconds, objective}: our TV, and the TV objective ½‖A x/s − y/s‖² + λ TV(x/s) (our Neumann
     * isotropic TV) of the result, so that both solvers' outputs are scored on the same problem.
     */
    private static double[] runTv(Case c, double lambda, int iterations) {
        long start = System.nanoTime();
        MriReconstruction.Result result = MriReconstruction
                .run(new MriReconstruction.Request(c.kspace(), c.mask(), c.maps(),
                        Method.TV, lambda, iterations, 1), ProgressListener.NONE, CancelToken.none());
        double seconds = (System.nanoTime() - start) / 1e9;
        int size = c.kspace().height();
        float[] m = result.magnitude();
        return new double[] {Metrics.psnr(c.truth(), m), Metrics.ssim(c.truth(), m, size, size), seconds,
                tvObjective(c, result.complexImage(), lambda)};
    }

    private static double tvObjective(Case c, float[] complexImage, double lambda) {
        int size = c.kspace().height();
        LinearOperator a = c.maps() == null ? new CartesianMri(size, size, c.mask())
                : new MultiCoilCartesianMri(size, size, c.mask(), c.maps().data(), c.maps().coils());
        float[] zeroFilled = new float[a.inputSize()];
        a.adjoint(c.kspace().data(), zeroFilled);
        float scale = (float) robustMax(zeroFilled);
        float[] x = complexImage.clone();
        for (int i = 0; i < x.length; i++) {
            x[i] /= scale;
        }
        float[] y = c.kspace().data().clone();
        float[] mask = c.mask();
        int n = size * size;
        for (int i = 0; i < y.length / 2; i++) {
            // Unsampled points are not data (A masks them), so they take no part in the residual.
            float keep = mask[i % n];
            y[2 * i] = y[2 * i] * keep / scale;
            y[2 * i + 1] = y[2 * i + 1] * keep / scale;
        }
        return new org.diffprior.solver.ChambollePock(a, size, size, 2).objective(x, y, lambda);
    }

    /** OMP_NUM_THREADS for BART; 1 by default (see below). */
    private static String bartThreads = "1";

    private static double[] bart(Case c, Path work, String regulariser, int iterations) throws Exception {
        int size = c.kspace().height();
        CoilArray maps = c.maps();
        if (maps == null) {
            float[] ones = new float[2 * size * size];
            for (int i = 0; i < size * size; i++) {
                ones[2 * i] = 1;
            }
            maps = new CoilArray(size, size, 1, ones);
        }
        Cfl.write(work.resolve("k.cfl"), c.kspace().toCfl());
        Cfl.write(work.resolve("s.cfl"), maps.toCfl());
        LinearOperator a = c.maps() == null ? new CartesianMri(size, size, c.mask())
                : new MultiCoilCartesianMri(size, size, c.mask(), maps.data(), maps.coils());
        float[] zeroFilled = new float[a.inputSize()];
        a.adjoint(c.kspace().data(), zeroFilled);
        double scale = robustMax(zeroFilled);
        long start = System.nanoTime();
        ProcessBuilder builder = new ProcessBuilder("bart", "pics", "-S", "-w", Double.toString(scale), "-R",
                regulariser, "-i",
                Integer.toString(iterations), "k", "s", "x").directory(work.toFile()).redirectErrorStream(true)
                .redirectOutput(work.resolve("bart.log").toFile());
        // One OpenMP thread: on a shared, loaded machine spinning OpenMP threads made BART 10x slower in wall time.
        builder.environment().put("OMP_NUM_THREADS", bartThreads);
        Process p = builder.start();
        if (!p.waitFor(600, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("bart pics failed: " + Files.readString(work.resolve("bart.log")));
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        float[] complex = CoilArray.fromCfl(Cfl.read(work.resolve("x")), "x").data();
        float[] magnitude = new float[size * size];
        for (int i = 0; i < magnitude.length; i++) {
            magnitude[i] = (float) Math.hypot(complex[2 * i], complex[2 * i + 1]);
        }
        double objective = regulariser.startsWith("T:")
                ? tvObjective(c, complex, Double.parseDouble(regulariser.substring(regulariser.lastIndexOf(':') + 1)))
                : Double.NaN;
        return new double[] {Metrics.psnr(c.truth(), magnitude), Metrics.ssim(c.truth(), magnitude, size, size),
                seconds,
                objective};
    }

    private static double robustMax(float[] complex) {
        int n = complex.length / 2;
        double[] magnitude = new double[n];
        for (int i = 0; i < n; i++) {
            magnitude[i] = Math.hypot(complex[2 * i], complex[2 * i + 1]);
        }
        Arrays.sort(magnitude);
        return magnitude[Math.min(n - 1, (int) Math.floor(0.99 * n))];
    }

    private static float[] downsample(FloatImage image, int factor) {
        int w = image.width() / factor;
        int h = image.height() / factor;
        float[] out = new float[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double s = 0;
                for (int dy = 0; dy < factor; dy++) {
                    for (int dx = 0; dx < factor; dx++) {
                        s += image.get(x * factor + dx, y * factor + dy, 0);
                    }
                }
                out[y * w + x] = (float) (s / (factor * factor));
            }
        }
        return out;
    }

    private static void row(Case c, String method, double[] r) {
        System.out.printf(Locale.ROOT, "%-28s %-22s %8.2f %7.4f %8.2f%s%n", c.label(), method, r[0], r[1], r[2],
                r.length > 3 && !Double.isNaN(r[3]) ? String.format(Locale.ROOT, "  objective %.6f", r[3]) : "");
    }

    private static boolean onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }
}
