package org.diffprior.djl;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.GradientCollector;

/**
 * Runs small 3×3 convolutions forward and backward on the engine and compares output, input
 * gradient and weight gradient with a plain-Java reference. It exists because oneDNN has given
 * wrong or NaN results for some channel counts on some CPUs; the channel pairs checked are the ones
 * DiffPrior's networks use (inputs 1, 2 and multiples of 16).
 *
 * <pre>{@code
 * ConvolutionSelfCheck.Result result = ConvolutionSelfCheck.run();
 * if (!result.passed()) throw new IllegalStateException(result.summary());
 * }</pre>
 */
public final class ConvolutionSelfCheck {

    /** Relative tolerance (max abs error over max abs value) for float32 against double. */
    static final double TOLERANCE = 1e-4;

    /** Input channels, output channels, height, width: the shapes the U-Nets use, small and training-sized. */
    private static final int[][] CASES = {{1, 16, 9, 11}, {2, 32, 9, 11}, {16, 16, 9, 11}, {32, 64, 9, 11},
            {96, 32, 9, 11}, {1, 32, 64, 64}, {2, 32, 64, 64}, {32, 32, 32, 32}};

    /** Outcome of the check: the worst relative error and a line per failure. */
    public record Result(boolean passed, double worstRelativeError, List<String> failures) {

        /** One line for logs and the info command. */
        public String summary() {
            return passed
                    ? String.format("passed (conv forward/backward, worst relative error %.1e)", worstRelativeError)
                    : "FAILED: " + String.join("; ", failures)
                            + " (try DNNL_MAX_CPU_ISA=SSE41 before starting the JVM)";
        }
    }

    private ConvolutionSelfCheck() {
    }

    /** Runs the check on the bootstrap's device. */
    public static Result run() {
        EngineBootstrap.start();
        return EngineBootstrap.call(ConvolutionSelfCheck::runChecks);
    }

    private static Result runChecks() {
        List<String> failures = new ArrayList<>();
        double worst = 0;
        SplittableRandom random = new SplittableRandom(7);
        for (int[] shape : CASES) {
            int batch = 2;
            int in = shape[0];
            int out = shape[1];
            int height = shape[2];
            int width = shape[3];
            double[] input = gaussian(random, batch * in * height * width);
            double[] weight = gaussian(random, out * in * 9);
            double[] bias = gaussian(random, out);
            double[] upstream = gaussian(random, batch * out * height * width);
            double[][] reference = reference(input, weight, bias, upstream, batch, in, out, height, width);
            float[][] engine = engine(input, weight, bias, upstream, batch, in, out, height, width);
            String[] names = {"forward", "input gradient", "weight gradient"};
            for (int k = 0; k < 3; k++) {
                double error = relativeError(reference[k], engine[k]);
                worst = Math.max(worst, Double.isNaN(error) ? Double.POSITIVE_INFINITY : error);
                if (!(error <= TOLERANCE)) {
                    failures.add(String.format("%s of conv %d->%d channels at %dx%d: relative error %s", names[k], in,
                            out, height, width,
                            Double.isFinite(error) ? String.format("%.1e", error) : "NaN/inf"));
                }
            }
        }
        return new Result(failures.isEmpty(), worst, List.copyOf(failures));
    }

    private static float[][] engine(double[] input, double[] weight, double[] bias, double[] upstream, int batch,
            int in, int out, int height, int width) {
        try (NDManager manager = NDManager.newBaseManager(EngineBootstrap.device())) {
            NDArray x = manager.create(toFloat(input), new Shape(batch, in, height, width));
            NDArray w = manager.create(toFloat(weight), new Shape(out, in, 3, 3));
            NDArray b = manager.create(toFloat(bias), new Shape(out));
            NDArray r = manager.create(toFloat(upstream), new Shape(batch, out, height, width));
            x.setRequiresGradient(true);
            w.setRequiresGradient(true);
            b.setRequiresGradient(true);
            float[] y;
            try (GradientCollector collector = manager.getEngine().newGradientCollector()) {
                NDArray output = Conv2d.conv2d(x, w, b, new Shape(1, 1), new Shape(1, 1), new Shape(1, 1), 1)
                        .singletonOrThrow();
                y = output.toFloatArray();
                collector.backward(output.mul(r).sum());
            }
            return new float[][] {y, x.getGradient().toFloatArray(), w.getGradient().toFloatArray()};
        }
    }

    /** Forward output, gradient of sum(output * upstream) w.r.t. input and weight, in double. */
    static double[][] reference(double[] input, double[] weight, double[] bias, double[] upstream, int batch,
            int in, int out, int height, int width) {
        double[] y = new double[batch * out * height * width];
        double[] gx = new double[input.length];
        double[] gw = new double[weight.length];
        for (int n = 0; n < batch; n++) {
            for (int co = 0; co < out; co++) {
                for (int row = 0; row < height; row++) {
                    for (int col = 0; col < width; col++) {
                        int yi = ((n * out + co) * height + row) * width + col;
                        double sum = bias[co];
                        double r = upstream[yi];
                        for (int ci = 0; ci < in; ci++) {
                            for (int ky = 0; ky < 3; ky++) {
                                int sr = row + ky - 1;
                                if (sr < 0 || sr >= height) {
                                    continue;
                                }
                                for (int kx = 0; kx < 3; kx++) {
                                    int sc = col + kx - 1;
                                    if (sc < 0 || sc >= width) {
                                        continue;
                                    }
                                    int xi = ((n * in + ci) * height + sr) * width + sc;
                                    int wi = ((co * in + ci) * 3 + ky) * 3 + kx;
                                    sum += weight[wi] * input[xi];
                                    gx[xi] += weight[wi] * r;
                                    gw[wi] += input[xi] * r;
                                }
                            }
                        }
                        y[yi] = sum;
                    }
                }
            }
        }
        return new double[][] {y, gx, gw};
    }

    static double relativeError(double[] reference, float[] actual) {
        double maxError = 0;
        double maxValue = 0;
        for (int i = 0; i < reference.length; i++) {
            double e = Math.abs(reference[i] - actual[i]);
            if (!Double.isFinite(actual[i])) {
                return Double.NaN;
            }
            maxError = Math.max(maxError, e);
            maxValue = Math.max(maxValue, Math.abs(reference[i]));
        }
        return maxError / Math.max(maxValue, 1e-30);
    }

    private static double[] gaussian(SplittableRandom random, int n) {
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            // Sum of uniforms: cheap, deterministic, bell-shaped enough for a numerical check.
            // Rounded to float32 so the reference sees exactly the values the engine sees.
            values[i] = (float) (random.nextDouble() + random.nextDouble() + random.nextDouble() - 1.5);
        }
        return values;
    }

    private static float[] toFloat(double[] values) {
        float[] f = new float[values.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) values[i];
        }
        return f;
    }
}
