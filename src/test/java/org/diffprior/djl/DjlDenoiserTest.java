package org.diffprior.djl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DjlDenoiserTest {

    @Test
    void returnsTheExactImageWhenThereIsNoNoise() {
        try (PriorModel model = TinyModels.model(1, "v", 1)) {
            float[] xt = random(16 * 16, 2);
            float[] x0 = new DjlDenoiser(model).denoise(new float[][] {xt}, 16, 16, new double[] {0.5},
                    new double[] {0})[0];
            for (int i = 0; i < xt.length; i++) {
                assertEquals(xt[i] / 0.5, x0[i], 1e-6);
            }
        }
    }

    /**
     * Recomputes the unit conversion independently: the network sees (x_t - α m) / (s r) with
     * r = sqrt(α² + σ²/s²) and log-SNR of (α/r, σ/(s r)); complex images as real/imaginary planes.
     */
    @ParameterizedTest
    @CsvSource({"1, v", "1, x0", "1, eps", "2, v", "2, x0"})
    void feedsTheNetworkVariancePreservingNormalisedPlanes(int channels, String parameterisation) {
        int h = 8;
        int w = 12;
        double alpha = 0.8;
        double sigma = 0.3;
        try (PriorModel model = TinyModels.model(channels, parameterisation, 5)) {
            float[] xt = random(channels * h * w, 9);
            float[] x0 = new DjlDenoiser(model).denoise(new float[][] {xt}, h, w, new double[] {alpha},
                    new double[] {sigma})[0];
            double m = model.card().normalisationShift();
            double s = model.card().normalisationScale();
            double r = Math.sqrt(alpha * alpha + sigma * sigma / (s * s));
            double a = alpha / r;
            double g = sigma / (s * r);
            float[] planes = new float[xt.length];
            for (int c = 0; c < channels; c++) {
                for (int i = 0; i < h * w; i++) {
                    planes[c * h * w + i] = (float) ((xt[i * channels + c] - (c == 0 ? alpha * m : 0)) / (s * r));
                }
            }
            float[] out;
            try (NDManager manager = NDManager.newBaseManager()) {
                out = model.network(manager.create(planes, new Shape(1, channels, h, w)),
                        new float[] {(float) Math.log(a * a / (g * g))}).toFloatArray();
            }
            for (int c = 0; c < channels; c++) {
                for (int i = 0; i < h * w; i++) {
                    double in = planes[c * h * w + i];
                    double o = out[c * h * w + i];
                    double estimate = switch (parameterisation) {
                        case "v" -> a * in - g * o;
                        case "eps" -> (in - g * o) / a;
                        default -> o;
                    };
                    assertEquals(estimate * s + (c == 0 ? m : 0), x0[i * channels + c], 1e-5);
                }
            }
        }
    }

    @Test
    void batchesLargerThanTheEngineBatchEqualSingleCalls() {
        try (PriorModel model = TinyModels.model(2, "v", 3)) {
            DjlDenoiser denoiser = new DjlDenoiser(model);
            int n = DjlDenoiser.MAX_BATCH + 3;
            float[][] xt = new float[n][];
            double[] alpha = new double[n];
            double[] sigma = new double[n];
            for (int b = 0; b < n; b++) {
                xt[b] = random(2 * 16 * 16, 100 + b);
                double phi = 0.05 + 1.4 * b / n;
                alpha[b] = Math.cos(phi);
                sigma[b] = Math.sin(phi);
            }
            float[][] batched = denoiser.denoise(xt, 16, 16, alpha, sigma);
            for (int b = 0; b < n; b += 6) {
                float[] single = denoiser.denoise(new float[][] {xt[b]}, 16, 16, new double[] {alpha[b]},
                        new double[] {sigma[b]})[0];
                assertArrayEquals(single, batched[b], 1e-4f);
            }
        }
    }

    @Test
    void oddSizesArePaddedAndCroppedBack() {
        try (PriorModel model = TinyModels.model(1, "v", 3)) {
            float[] x0 = new DjlDenoiser(model).denoise(new float[][] {random(23 * 17, 4)}, 23, 17,
                    new double[] {0.9}, new double[] {0.4})[0];
            assertEquals(23 * 17, x0.length);
            for (float v : x0) {
                assertTrue(Float.isFinite(v));
            }
        }
    }

    @Test
    void sharesOneLoadedModelAcrossCalls(@TempDir Path dir) throws IOException {
        try (PriorModel model = TinyModels.model(1, "v", 3)) {
            model.save(dir);
        }
        DjlDenoiser first = DjlDenoiser.open(dir.toString());
        DjlDenoiser second = DjlDenoiser.open(dir.toString());
        assertTrue(first.model() == second.model());
        ModelStore.clearCache();
    }

    /**
     * Without a per-call manager each call leaked tens of MB; here 300 calls may add at most 40 MB of native memory.
     * One image alone also takes inference's zero-channel padding of small convolutions.
     */
    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void nativeMemoryStaysFlatOverHundredsOfCalls(int images) throws IOException {
        try (PriorModel model = TinyModels.model(1, "v", 3)) {
            DjlDenoiser denoiser = new DjlDenoiser(model);
            float[][] xt = Arrays.copyOf(new float[][] {random(64 * 64, 1), random(64 * 64, 2)}, images);
            double[] alpha = Arrays.copyOf(new double[] {0.7, 0.9}, images);
            double[] sigma = Arrays.copyOf(new double[] {0.714, 0.436}, images);
            // Warm-up until the allocator has its working set: in-place inference reaches it later (native memory
            // then stays flat over thousands of calls, measured).
            for (int i = 0; i < 200; i++) {
                denoiser.denoise(xt, 64, 64, alpha, sigma);
            }
            long before = nativeKilobytes();
            for (int i = 0; i < 300; i++) {
                denoiser.denoise(xt, 64, 64, alpha, sigma);
            }
            long growth = nativeKilobytes() - before;
            assertTrue(growth < 40_000, "resident memory grew by " + growth + " kB over 300 calls");
        }
    }

    /** Resident memory less the Java heap's committed size: what native allocations hold. */
    static long nativeKilobytes() throws IOException {
        System.gc();
        return residentKilobytes() - Runtime.getRuntime().totalMemory() / 1024;
    }

    static long residentKilobytes() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IllegalStateException("no VmRSS");
    }

    static float[] random(int n, long seed) {
        Random random = new Random(seed);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return v;
    }
}
