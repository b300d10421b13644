package org.diffprior.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.imageio.ImageIO;

import org.diffprior.physics.LinearOperator;
import org.diffprior.prior.Denoiser;
import org.diffprior.prior.GaussianPriorDenoiser;
import org.diffprior.solver.CgDataConsistency;
import org.diffprior.solver.CosineSchedule;
import org.diffprior.solver.DenseMatrixOperator;
import org.diffprior.solver.DiffusionSolver;
import org.diffprior.solver.GaussianReference;
import org.diffprior.solver.Measurement;
import org.diffprior.solver.NoiseSchedule;
import org.diffprior.solver.ProjectionDataConsistency;
import org.diffprior.solver.RedDiffOptions;
import org.diffprior.solver.RedDiffSolver;
import org.diffprior.solver.SamplerMethod;
import org.diffprior.solver.SamplingRequest;
import org.diffprior.solver.SamplingResult;
import org.diffprior.solver.TimeGrid;

/**
 * Error against the exact Gaussian posterior versus network evaluations (5, 10, 20, 50, 100) for every
 * sampler (driven by the exact posterior denoiser) and every data-consistency solver (driven by the prior
 * denoiser and the measurements). Problem: 16×16 stationary Gaussian prior, box downsampling ×2, noise
 * std 0.01. Prints a table and writes docs/sampler-convergence.png (plain Java2D).
 *
 * <pre>
 * java -cp target/classes:target/test-classes:$(cat cp.txt) org.diffprior.bench.SamplerBenchmark [out.png]
 * </pre>
 */
public final class SamplerBenchmark {

    private static final int[] EVALUATIONS = {5, 10, 20, 50, 100};
    private static final int SIZE = 16;
    private static final NoiseSchedule SCHEDULE = new CosineSchedule(1e-3, 0.99999, 64);

    private SamplerBenchmark() {
    }

    /** One method's errors: mean error (posterior-std units) and variance error, per evaluation count. */
    private record Curve(String name, double[] meanError, double[] varianceError, boolean solver) {
    }

    private interface Runner {
        double[] errors(GaussianReference reference, int evaluations);
    }

    public static void main(String[] args) throws IOException {
        String out = args.length > 0 ? args[0] : "docs/sampler-convergence.png";
        GaussianReference reference = new GaussianReference(SIZE, SIZE,
                DenseMatrixOperator.boxDownsampling(SIZE, SIZE, 2), 0.01, 2);
        Map<String, Runner> samplers = new LinkedHashMap<>();
        samplers.put("DDIM eta=0, uniform t", exact(SamplerMethod.DDIM, TimeGrid.UNIFORM_TIME));
        samplers.put("DDIM eta=0, uniform logSNR", exact(SamplerMethod.DDIM, TimeGrid.UNIFORM_LOG_SNR));
        samplers.put("DPM-Solver++ 2M, uniform logSNR", exact(SamplerMethod.DPM_SOLVER_2M, TimeGrid.UNIFORM_LOG_SNR));
        samplers.put("UniPC, uniform logSNR", exact(SamplerMethod.UNIPC, TimeGrid.UNIFORM_LOG_SNR));
        samplers.put("Ancestral (1000 particles)", (ref, nfe) -> moments(ref, DiffusionSolver.run(ref.posterior,
                base(nfe).method(SamplerMethod.ANCESTRAL).particles(1000).build())));
        Map<String, Runner> solvers = new LinkedHashMap<>();
        solvers.put("DDS eta=0.5, 5 CG prox gamma=1", (ref, nfe) -> solver(ref, base(nfe).eta(0.5)
                .dataConsistency(CgDataConsistency.proximal(5, 1.0))));
        solvers.put("DDS eta=0.5, 5 CG normal eq.", (ref, nfe) -> solver(ref, base(nfe).eta(0.5)
                .dataConsistency(CgDataConsistency.normalEquations(5))));
        solvers.put("DDS eta=0, 5 CG normal eq.", (ref, nfe) -> solver(ref, base(nfe).eta(0)
                .dataConsistency(CgDataConsistency.normalEquations(5))));
        solvers.put("DDNM eta=0.85", (ref, nfe) -> solver(ref, base(nfe).eta(0.85)
                .dataConsistency(new ProjectionDataConsistency())));
        solvers.put("DPM-Solver++ 2M + CG", (ref, nfe) -> solver(ref, base(nfe).method(SamplerMethod.DPM_SOLVER_2M)
                .timeGrid(TimeGrid.UNIFORM_LOG_SNR).dataConsistency(CgDataConsistency.normalEquations(5))));
        solvers.put("RED-diff lr 0.05, final proj.", (ref, nfe) -> moments(ref, RedDiffSolver.run(ref.prior,
                particlesAndData(ref, base(nfe).finalConsistency(new ProjectionDataConsistency())),
                RedDiffOptions.defaults().withLearningRate(0.05))));

        List<Curve> curves = new ArrayList<>();
        long start = System.nanoTime();
        for (boolean isSolver : new boolean[] {false, true}) {
            for (Map.Entry<String, Runner> entry : (isSolver ? solvers : samplers).entrySet()) {
                double[] mean = new double[EVALUATIONS.length];
                double[] variance = new double[EVALUATIONS.length];
                for (int i = 0; i < EVALUATIONS.length; i++) {
                    double[] e = entry.getValue().errors(reference, EVALUATIONS[i]);
                    mean[i] = e[0];
                    variance[i] = e[1];
                }
                curves.add(new Curve(entry.getKey(), mean, variance, isSolver));
            }
        }
        double pseudoInverse = reference.meanError(reference.measurement(true).pseudoInverseOfData());
        printTable(curves, pseudoInverse, (System.nanoTime() - start) * 1e-9);
        plot(curves, pseudoInverse, out);
        System.out.println("wrote " + out);
        overhead();
    }

    /**
     * Solver cost outside the network: DDS (5 CG, η 0.5) on 256×256 images, 8 particles, box ×4 operator,
     * with the FFT Wiener denoiser standing in for the network; denoiser time is reported apart.
     */
    private static void overhead() {
        int size = 256;
        GaussianPriorDenoiser prior = GaussianPriorDenoiser.powerLaw(size, size, 3, 0.02, 1, 0);
        long[] denoiserNanos = new long[1];
        Denoiser timed = new Denoiser() {
            @Override
            public int channels() {
                return 1;
            }

            @Override
            public float[][] denoise(float[][] xt, int h, int w, double[] alpha, double[] sigma) {
                long t = System.nanoTime();
                float[][] out = prior.denoise(xt, h, w, alpha, sigma);
                denoiserNanos[0] += System.nanoTime() - t;
                return out;
            }
        };
        BoxOperator box = new BoxOperator(size, 4);
        float[] truth = prior.sample(new Random(1));
        float[] y = new float[box.outputSize()];
        box.apply(truth, y);
        for (int particles : new int[] {1, 8}) {
            denoiserNanos[0] = 0;
            SamplingResult r = DiffusionSolver.run(timed, SamplingRequest.builder(size, size).particles(particles)
                    .steps(50).eta(0.5).measurement(new Measurement(box, y, 0, null))
                    .dataConsistency(CgDataConsistency.auto(5, 1.0)).build());
            System.out.printf("DDS 256x256, %d particle(s), 50 NFE, 5 CG/step: %.2f s total, %.2f s in the denoiser, "
                    + "%.1f ms/step solver overhead%n", particles, r.seconds(), denoiserNanos[0] * 1e-9,
                    (r.seconds() - denoiserNanos[0] * 1e-9) / 50 * 1e3);
        }
    }

    /** Matrix-free mean over s×s blocks of a square image (A Aᵀ = I/s²). */
    private static final class BoxOperator implements LinearOperator {
        private final int size;
        private final int scale;

        BoxOperator(int size, int scale) {
            this.size = size;
            this.scale = scale;
        }

        @Override
        public int inputSize() {
            return size * size;
        }

        @Override
        public int outputSize() {
            return (size / scale) * (size / scale);
        }

        @Override
        public void apply(float[] x, float[] y) {
            int low = size / scale;
            Arrays.fill(y, 0);
            for (int r = 0; r < size; r++) {
                for (int c = 0; c < size; c++) {
                    y[(r / scale) * low + c / scale] += x[r * size + c] / (scale * scale);
                }
            }
        }

        @Override
        public void adjoint(float[] y, float[] x) {
            int low = size / scale;
            for (int r = 0; r < size; r++) {
                for (int c = 0; c < size; c++) {
                    x[r * size + c] = y[(r / scale) * low + c / scale] / (scale * scale);
                }
            }
        }
    }

    private static SamplingRequest.Builder base(int evaluations) {
        return SamplingRequest.builder(SIZE, SIZE).schedule(SCHEDULE).steps(evaluations).seed(1);
    }

    private static Runner exact(SamplerMethod method, TimeGrid grid) {
        return (reference, evaluations) -> {
            double[][] m = GaussianReference.exactMomentsOfDeterministicSampler(reference.posterior,
                    base(evaluations).method(method).timeGrid(grid).build());
            return new double[] {reference.meanError(m[0]), reference.varianceErrorOfVariances(m[1])};
        };
    }

    private static double[] solver(GaussianReference reference, SamplingRequest.Builder request) {
        return moments(reference, DiffusionSolver.run(reference.prior, particlesAndData(reference, request)));
    }

    private static SamplingRequest particlesAndData(GaussianReference reference, SamplingRequest.Builder request) {
        return request.particles(64).measurement(reference.measurement(true)).build();
    }

    private static double[] moments(GaussianReference reference, SamplingResult result) {
        return new double[] {reference.meanError(result.mean()), reference.varianceError(result.std())};
    }

    private static void printTable(List<Curve> curves, double pseudoInverse, double seconds) {
        StringBuilder header = new StringBuilder(String.format("| %-40s |", "method (NFE →)"));
        StringBuilder rule = new StringBuilder("|" + "-".repeat(42) + "|");
        for (int n : EVALUATIONS) {
            header.append(String.format(" %13d |", n));
            rule.append("-".repeat(15)).append("|");
        }
        System.out.println("Error against the exact posterior, 16x16 Gaussian prior, box x2, noise 0.01.");
        System.out.println("Each cell: mean error (RMS, in posterior-std units) / variance error (RMS relative).");
        System.out.println(
                "Samplers use the exact posterior denoiser; solvers the prior denoiser + data (64 particles).");
        System.out.println(header);
        System.out.println(rule);
        for (Curve c : curves) {
            StringBuilder row = new StringBuilder(String.format("| %-40s |", (c.solver() ? "[solver] " : "")
                    + c.name()));
            for (int i = 0; i < EVALUATIONS.length; i++) {
                row.append(String.format(" %6.4f/%6.4f |", c.meanError()[i], c.varianceError()[i]));
            }
            System.out.println(row);
        }
        System.out.printf("pseudo-inverse A⁺y: mean error %.4f. Total %.1f s.%n", pseudoInverse, seconds);
    }

    private static void plot(List<Curve> curves, double pseudoInverse, String out) throws IOException {
        int width = 1480;
        int height = 620;
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        Color[] palette = {new Color(31, 119, 180), new Color(255, 127, 14), new Color(44, 160, 44),
                new Color(214, 39, 40), new Color(148, 103, 189), new Color(140, 86, 75), new Color(227, 119, 194),
                new Color(127, 127, 127), new Color(188, 189, 34), new Color(23, 190, 207), new Color(0, 0, 0)};
        int panelWidth = 470;
        int top = 60;
        int panelHeight = 480;
        String[] titles = {"mean error vs exact posterior (posterior-std units)", "variance error (RMS relative)"};
        for (int panel = 0; panel < 2; panel++) {
            int left = 80 + panel * (panelWidth + 90);
            double low = 1e-5;
            double high = 2;
            g.setStroke(new BasicStroke(1));
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
            g.drawString(titles[panel], left, top - 15);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            for (int decade = -5; decade <= 0; decade++) {
                int y = yOf(Math.pow(10, decade), low, high, top, panelHeight);
                g.setColor(new Color(225, 225, 225));
                g.drawLine(left, y, left + panelWidth, y);
                g.setColor(Color.BLACK);
                g.drawString("1e" + decade, left - 40, y + 4);
            }
            for (int n : EVALUATIONS) {
                int x = xOf(n, left, panelWidth);
                g.setColor(new Color(225, 225, 225));
                g.drawLine(x, top, x, top + panelHeight);
                g.setColor(Color.BLACK);
                g.drawString(Integer.toString(n), x - 6, top + panelHeight + 18);
            }
            g.drawRect(left, top, panelWidth, panelHeight);
            g.drawString("network evaluations", left + panelWidth / 2 - 55, top + panelHeight + 38);
            if (panel == 0) {
                int y = yOf(pseudoInverse, low, high, top, panelHeight);
                g.setColor(Color.GRAY);
                g.setStroke(
                        new BasicStroke(1, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {6, 4}, 0));
                g.drawLine(left, y, left + panelWidth, y);
                g.drawString("pseudo-inverse", left + 5, y - 4);
            }
            for (int c = 0; c < curves.size(); c++) {
                Curve curve = curves.get(c);
                double[] values = panel == 0 ? curve.meanError() : curve.varianceError();
                g.setColor(palette[c % palette.length]);
                g.setStroke(curve.solver() ? new BasicStroke(2, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10,
                        new float[] {8, 4}, 0) : new BasicStroke(2));
                for (int i = 0; i < EVALUATIONS.length; i++) {
                    int x = xOf(EVALUATIONS[i], left, panelWidth);
                    int y = yOf(values[i], low, high, top, panelHeight);
                    g.fillOval(x - 3, y - 3, 7, 7);
                    if (i > 0) {
                        g.drawLine(xOf(EVALUATIONS[i - 1], left, panelWidth),
                                yOf(values[i - 1], low, high, top, panelHeight), x, y);
                    }
                }
            }
        }
        g.setStroke(new BasicStroke(2));
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        int legendX = 80 + 2 * (panelWidth + 90) - 20;
        for (int c = 0; c < curves.size(); c++) {
            int y = top + 10 + c * 22;
            g.setColor(palette[c % palette.length]);
            g.setStroke(curves.get(c).solver() ? new BasicStroke(2, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER,
                    10, new float[] {8, 4}, 0) : new BasicStroke(2));
            g.drawLine(legendX, y, legendX + 25, y);
            g.setColor(Color.BLACK);
            g.drawString((curves.get(c).solver() ? "[prior+DC] " : "[exact] ") + curves.get(c).name(),
                    legendX + 32, y + 4);
        }
        g.drawString("16x16 Gaussian prior, box x2, noise 0.01", legendX, top + 20 + curves.size() * 22);
        g.drawString("cosine schedule, alpha in [1e-3, 0.99999]", legendX, top + 38 + curves.size() * 22);
        g.drawString("solvers: 64 particles, Monte-Carlo floor of the mean error ~0.125", legendX,
                top + 56 + curves.size() * 22);
        g.dispose();
        Path target = Path.of(out);
        if (target.getParent() != null) {
            Files.createDirectories(target.getParent());
        }
        Path temporary = Files.createTempFile(target.toAbsolutePath().getParent(), "plot", ".png");
        ImageIO.write(image, "png", temporary.toFile());
        Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static int xOf(int evaluations, int left, int width) {
        double f = (Math.log(evaluations) - Math.log(5)) / (Math.log(100) - Math.log(5));
        return left + 15 + (int) Math.round(f * (width - 30));
    }

    private static int yOf(double value, double low, double high, int top, int height) {
        double v = Math.max(low, Math.min(high, value));
        double f = (Math.log(high) - Math.log(v)) / (Math.log(high) - Math.log(low));
        return top + (int) Math.round(f * height);
    }

}
