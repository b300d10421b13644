package org.diffprior.djl;

import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;

/**
 * Input gradients of the standard U-Nets (1 and 2 channels) on fixed inputs; run as a main class in
 * a child JVM with another oneDNN ISA, it writes them to a file for comparison.
 */
final class InputGradients {

    private InputGradients() {
    }

    /** Gradient of sum(network(x) * r) with respect to x, for fixed seeds; both channel counts concatenated. */
    static float[] compute() {
        EngineBootstrap.start();
        return EngineBootstrap.call(() -> {
            float[] one = compute(1);
            float[] two = compute(2);
            float[] all = new float[one.length + two.length];
            System.arraycopy(one, 0, all, 0, one.length);
            System.arraycopy(two, 0, all, one.length, two.length);
            return all;
        });
    }

    private static float[] compute(int channels) {
        UNet net = new UNet(UNetConfig.standard(channels));
        Map<String, float[]> weights = net.initialParameters(7);
        Random random = new Random(channels);
        int batch = 2;
        int size = 32;
        float[] x = new float[batch * channels * size * size];
        float[] r = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) random.nextGaussian();
            r[i] = (float) random.nextGaussian();
        }
        float[] embedding = new float[batch * 2 * net.config().embeddingFrequencies()];
        for (int b = 0; b < batch; b++) {
            float[] features = net.embeddingFeatures(b == 0 ? -2.0 : 3.0);
            System.arraycopy(features, 0, embedding, b * features.length, features.length);
        }
        try (NDManager manager = NDManager.newBaseManager(EngineBootstrap.device())) {
            Map<String, NDArray> arrays = new LinkedHashMap<>();
            for (Map.Entry<String, long[]> e : net.parameterShapes().entrySet()) {
                arrays.put(e.getKey(), manager.create(weights.get(e.getKey()), new Shape(e.getValue())));
            }
            Shape shape = new Shape(batch, channels, size, size);
            NDArray input = manager.create(x, shape);
            input.setRequiresGradient(true);
            NDArray upstream = manager.create(r, shape);
            NDArray e = manager.create(embedding, new Shape(batch, embedding.length / batch));
            try (GradientCollector collector = manager.getEngine().newGradientCollector()) {
                collector.backward(net.forward(arrays::get, input, e).mul(upstream).sum());
                return input.getGradient().toFloatArray();
            }
        }
    }

    /** Writes {@link #compute()} to the file named by the first argument. */
    public static void main(String[] args) throws IOException {
        float[] gradient = compute();
        try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(Path.of(args[0])))) {
            out.writeInt(gradient.length);
            for (float v : gradient) {
                out.writeFloat(v);
            }
        }
    }
}
