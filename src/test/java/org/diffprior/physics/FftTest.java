package org.diffprior.physics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.diffprior.io.Cfl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link CenteredFft2} equals the centred orthonormal DFT written out as a double sum, and BART's {@code fft -u 3}. */
class FftTest {

    @ParameterizedTest
    @CsvSource({"8, 8", "6, 10", "5, 7", "2, 3"})
    void forwardAndInverseMatchNaiveCentredDft(int height, int width) {
        float[] x = random(2 * height * width, height * 31L + width);
        float[] k = x.clone();
        CenteredFft2 fft = new CenteredFft2(height, width);
        fft.forward(k);
        double[] expected = naiveDft(x, height, width, -1);
        for (int i = 0; i < k.length; i++) {
            assertEquals(expected[i], k[i], 1e-5, "forward DFT differs at " + i);
        }
        float[] back = k.clone();
        fft.inverse(back);
        double[] expectedInverse = naiveDft(k, height, width, +1);
        for (int i = 0; i < back.length; i++) {
            assertEquals(expectedInverse[i], back[i], 1e-5, "inverse DFT differs at " + i);
            assertEquals(x[i], back[i], 1e-5, "inverse does not undo forward at " + i);
        }
    }

    @Test
    void dcOfAConstantImageLiesAtTheCentre() {
        CenteredFft2 fft = new CenteredFft2(6, 4);
        float[] x = new float[2 * 24];
        for (int i = 0; i < 24; i++) {
            x[2 * i] = 1f;
        }
        fft.forward(x);
        // DC = sum / sqrt(HW) = 24 / sqrt(24) at (row 3, column 2).
        assertEquals(Math.sqrt(24), x[2 * (3 * 4 + 2)], 1e-5);
    }

    @Test
    void batchTransformEqualsOneImageAtATime() {
        CenteredFft2 fft = new CenteredFft2(10, 12);
        float[] batch = random(2 * 10 * 12 * 5, 99);
        float[] expected = batch.clone();
        for (int i = 0; i < 5; i++) {
            fft.forward(expected, 2 * i * 120);
        }
        fft.forwardBatch(batch, 5);
        org.junit.jupiter.api.Assertions.assertArrayEquals(expected, batch, 0f);
        fft.inverseBatch(batch, 5);
        for (int i = 0; i < 5; i++) {
            fft.inverse(expected, 2 * i * 120);
        }
        org.junit.jupiter.api.Assertions.assertArrayEquals(expected, batch, 0f);
    }

    /**
     * From 128² on a transform shares its row and column passes out to the common pool unless it already runs in it
     * (a coil of a parallel stream): both ways must give the centred DFT, for even and odd sizes.
     */
    @ParameterizedTest
    @CsvSource({"160, 136", "129, 131"})
    void largeTransformsMatchTheSeparableDftFromAnyThread(int height, int width) {
        float[] x = random(2 * height * width, height * 7L + width);
        double[] expected = separableDft(x, height, width, -1);
        CenteredFft2 fft = new CenteredFft2(height, width);
        float[] direct = x.clone();
        fft.forward(direct);
        float[][] pooled = new float[3][];
        java.util.stream.IntStream.range(0, 3).parallel().forEach(i -> {
            pooled[i] = x.clone();
            fft.forward(pooled[i]);
        });
        double scale = 0;
        for (double v : expected) {
            scale = Math.max(scale, Math.abs(v));
        }
        for (float[] k : new float[][] {direct, pooled[0], pooled[1], pooled[2]}) {
            for (int i = 0; i < k.length; i++) {
                assertEquals(expected[i], k[i], 1e-5 * scale, "forward DFT differs at " + i);
            }
        }
        fft.inverse(direct);
        for (int i = 0; i < x.length; i++) {
            assertEquals(x[i], direct[i], 1e-5, "inverse does not undo forward at " + i);
        }
    }

    /** forwardRows is the centred orthonormal 1-D DFT of every row; inverseRows undoes it. */
    @ParameterizedTest
    @CsvSource({"6, 10", "5, 7", "130, 129"})
    void rowTransformIsTheCentredDftOfEachRow(int height, int width) {
        float[] x = random(2 * height * width, height * 13L + width);
        float[] k = x.clone();
        CenteredFft2 fft = new CenteredFft2(height, width);
        fft.forwardRows(k, 0);
        double[] expected = rowDft(x, height, width, -1);
        for (int i = 0; i < k.length; i++) {
            assertEquals(expected[i], k[i], 1e-4, "row DFT differs at " + i);
        }
        fft.inverseRows(k, 0);
        for (int i = 0; i < k.length; i++) {
            assertEquals(x[i], k[i], 1e-5, "inverseRows does not undo forwardRows at " + i);
        }
    }

    @ParameterizedTest
    @CsvSource({"16, 12", "9, 11"})
    void matchesBartFftUnitary(int height, int width, @TempDir Path dir) throws Exception {
        assumeTrue(onPath("bart"), "bart is not on PATH");
        bart(dir, "zeros", "2", Integer.toString(height), Integer.toString(width), "z");
        bart(dir, "noise", "-s", "7", "z", "x");
        bart(dir, "fft", "-u", "3", "x", "k");
        CoilArray x = CoilArray.fromCfl(Cfl.read(dir.resolve("x")), "x");
        CoilArray expected = CoilArray.fromCfl(Cfl.read(dir.resolve("k")), "k");
        float[] k = x.data().clone();
        new CenteredFft2(height, width).forward(k);
        double scale = 0;
        for (float v : expected.data()) {
            scale = Math.max(scale, Math.abs(v));
        }
        for (int i = 0; i < k.length; i++) {
            assertEquals(expected.data()[i], k[i], 1e-5 * scale, "differs from bart fft -u 3 at " + i);
        }
    }

    static boolean onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }

    static void bart(Path dir, String... args) throws Exception {
        String[] command = new String[args.length + 1];
        command[0] = "bart";
        System.arraycopy(args, 0, command, 1, args.length);
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("bart.log").toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("bart " + String.join(" ", args) + " failed: "
                    + Files.readString(dir.resolve("bart.log")));
        }
    }

    private static float[] random(int n, long seed) {
        Random random = new Random(seed);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return v;
    }

    /** The centred orthonormal 1-D DFT along x of every row, in double: Σ_r x[r] exp(sign·2πi (q − W/2)(r − W/2)/W) / √W. */
    private static double[] rowDft(float[] x, int height, int width, int sign) {
        double[] in = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            in[i] = x[i];
        }
        return dftAlong(in, height, width, sign, true);
    }

    /** The centred 2-D DFT as 1-D DFTs along the rows, then along the columns, in double. */
    private static double[] separableDft(float[] x, int height, int width, int sign) {
        return dftAlong(rowDft(x, height, width, sign), height, width, sign, false);
    }

    private static double[] dftAlong(double[] in, int height, int width, int sign, boolean alongRows) {
        int n = alongRows ? width : height;
        int lines = alongRows ? height : width;
        double[] cos = new double[n * n];
        double[] sin = new double[n * n];
        for (int q = 0; q < n; q++) {
            for (int r = 0; r < n; r++) {
                double phase = sign * 2 * Math.PI * (double) (q - n / 2) * (r - n / 2) / n;
                cos[q * n + r] = Math.cos(phase);
                sin[q * n + r] = Math.sin(phase);
            }
        }
        double norm = Math.sqrt(n);
        double[] out = new double[in.length];
        for (int line = 0; line < lines; line++) {
            for (int q = 0; q < n; q++) {
                double re = 0;
                double im = 0;
                for (int r = 0; r < n; r++) {
                    int i = 2 * (alongRows ? line * width + r : r * width + line);
                    re += in[i] * cos[q * n + r] - in[i + 1] * sin[q * n + r];
                    im += in[i] * sin[q * n + r] + in[i + 1] * cos[q * n + r];
                }
                int o = 2 * (alongRows ? line * width + q : q * width + line);
                out[o] = re / norm;
                out[o + 1] = im / norm;
            }
        }
        return out;
    }

    /** Σ_r x[r] exp(sign·2πi Σ_d (q_d − N_d/2)(r_d − N_d/2)/N_d) / sqrt(HW), N/2 rounded down. */
    private static double[] naiveDft(float[] x, int height, int width, int sign) {
        double[] out = new double[2 * height * width];
        for (int qy = 0; qy < height; qy++) {
            for (int qx = 0; qx < width; qx++) {
                double re = 0;
                double im = 0;
                for (int ry = 0; ry < height; ry++) {
                    for (int rx = 0; rx < width; rx++) {
                        double phase = sign * 2 * Math.PI * ((double) (qy - height / 2) * (ry - height / 2) / height
                                + (double) (qx - width / 2) * (rx - width / 2) / width);
                        double c = Math.cos(phase);
                        double s = Math.sin(phase);
                        int i = 2 * (ry * width + rx);
                        re += x[i] * c - x[i + 1] * s;
                        im += x[i] * s + x[i + 1] * c;
                    }
                }
                double norm = Math.sqrt((double) height * width);
                out[2 * (qy * width + qx)] = re / norm;
                out[2 * (qy * width + qx) + 1] = im / norm;
            }
        }
        return out;
    }
}
