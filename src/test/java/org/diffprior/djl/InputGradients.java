package org.diffprior.djl;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;

/**
 * Input gradients of the standard U-Nets (1 and 2 channels) on fixed inputs, in single or double
 * precision.
 */
final class InputGradients {

    private InputGradients() {
    }

    /**
     * Gradient of sum(network(x) * r) with respect to x, for fixed seeds; both channel counts concatenated.
     *
     * @param type {@link DataType#FLOAT32} (oneDNN's convolutions) or {@link DataType#FLOAT64} (PyTorch's own
     *        convolutions: libtorch sends only float32 convolutions on the CPU to oneDNN)
     */
    static double[] compute(DataType type) {
        EngineBootstrap.start();
        return EngineBootstrap.call(() -> {
            double[] one = compute(1, type);
            double[] two = compute(2, type);
            double[] all = new double[one.length + two.length];
            System.arraycopy(one, 0, all, 0, one.length);
            System.arraycopy(two, 0, all, one.length, two.length);
            return all;
        });
    }

    private static double[] compute(int channels, DataType type) {
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
                arrays.put(e.getKey(),
                        manager.create(weights.get(e.getKey()), new Shape(e.getValue())).toType(type, false));
            }
            Shape shape = new Shape(batch, channels, size, size);
            NDArray input = manager.create(x, shape).toType(type, false);
            input.setRequiresGradient(true);
            NDArray upstream = manager.create(r, shape).toType(type, false);
            NDArray e = manager.create(embedding, new Shape(batch, embedding.length / batch)).toType(type, false);
            try (GradientCollector collector = manager.getEngine().newGradientCollector()) {
                collector.backward(net.forward(arrays::get, input, e).mul(upstream).sum());
                NDArray gradient = input.getGradient();
                if (gradient.getDataType() != type) {
                    throw new IllegalStateException("gradient computed in " + gradient.getDataType() + ", not " + type);
                }
                return gradient.toType(DataType.FLOAT64, false).toDoubleArray();
            }
        }
    }
}
