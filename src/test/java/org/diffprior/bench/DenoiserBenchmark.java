package org.diffprior.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;

import org.diffprior.djl.DjlDenoiser;
import org.diffprior.djl.EngineBootstrap;
import org.diffprior.djl.ModelCard;
import org.diffprior.djl.ModelStore;
import org.diffprior.djl.PriorModel;
import org.diffprior.djl.UNet;
import org.diffprior.djl.UNetConfig;

/**
 * Milliseconds per network evaluation of the standard U-Net at 64, 128 and 256 pixels (batch 1 and
 * 8) and the process's peak resident memory. Not a test: run by hand.
 *
 * <pre>
 * java -cp target/classes:target/test-classes:$(cat cp.txt) org.diffprior.bench.DenoiserBenchmark [MODEL]
 * </pre>
 */
public final class DenoiserBenchmark {

    private DenoiserBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        EngineBootstrap.start();
        PriorModel model = args.length > 0 ? ModelStore.open(args[0]) : untrained();
        DjlDenoiser denoiser = new DjlDenoiser(model);
        System.out.println(String.join("\n", EngineBootstrap.describe()));
        System.out.println("model: " + model.source() + ", " + new UNet(model.card().network()).parameterCount()
                + " parameters");
        System.out.println("| size | batch | ms per call | ms per image |");
        System.out.println("|---|---|---|---|");
        for (int size : new int[] {64, 128, 256}) {
            for (int batch : new int[] {1, 8}) {
                float[][] xt = new float[batch][];
                double[] alpha = new double[batch];
                double[] sigma = new double[batch];
                Random random = new Random(1);
                for (int b = 0; b < batch; b++) {
                    xt[b] = new float[denoiser.channels() * size * size];
                    for (int i = 0; i < xt[b].length; i++) {
                        xt[b][i] = (float) random.nextGaussian();
                    }
                    alpha[b] = 0.8;
                    sigma[b] = 0.6;
                }
                int repeats = Math.max(3, 40 / (batch * (size / 64) * (size / 64)));
                double[] ms = new double[repeats];
                denoiser.denoise(xt, size, size, alpha, sigma);
                for (int r = 0; r < repeats; r++) {
                    long t = System.nanoTime();
                    denoiser.denoise(xt, size, size, alpha, sigma);
                    ms[r] = (System.nanoTime() - t) / 1e6;
                }
                Arrays.sort(ms);
                double median = ms[repeats / 2];
                System.out.printf("| %d | %d | %.1f | %.1f |%n", size, batch, median, median / batch);
            }
        }
        System.out.println("peak resident memory: " + peakKilobytes() / 1024 + " MB");
    }

    private static PriorModel untrained() {
        UNetConfig config = UNetConfig.standard(1);
        ModelCard card = new ModelCard("untrained", "benchmark", "djl", "unet-v1", config, 1, 64, "vp-cosine", "v", 0.5,
                0.5, "none", "none", 0, 0, Map.of(), Map.of());
        return PriorModel.of(card, new UNet(config).initialParameters(1));
    }

    private static long peakKilobytes() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }
}
