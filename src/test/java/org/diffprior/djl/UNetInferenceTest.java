package org.diffprior.djl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UNetInferenceTest {

    /**
     * Two images of 32×32, and one, whose smaller convolutions (every level below the first, and the first of a
     * one-channel image) inference pads with zero channels so that libtorch keeps them on oneDNN.
     */
    @ParameterizedTest
    @CsvSource({"1, 2", "2, 2", "1, 1", "2, 1"})
    void inferenceInPlaceGivesTheForwardPassAndLeavesInputsAndWeightsAlone(int channels, int batch) {
        // The standard network (projections on the skips of every level change, 8 groups) with trained-looking
        // weights: random GroupNorm scales and shifts and biases, so every in-place step changes the result if it
        // is wrong, and an embedding bias that differs per image of the batch.
        EngineBootstrap.start();
        UNet net = new UNet(UNetConfig.standard(channels));
        Random random = new Random(7);
        Map<String, float[]> weights = net.initialParameters(3);
        for (Map.Entry<String, float[]> e : weights.entrySet()) {
            if (e.getKey().endsWith(".g") || e.getKey().endsWith(".b")) {
                float[] v = e.getValue();
                for (int i = 0; i < v.length; i++) {
                    v[i] += (float) (0.3 * random.nextGaussian());
                }
            }
        }
        int size = 32;
        assertTrue(batch > 1 || channels * size * size <= UNet.NATIVE_CONVOLUTION_VALUES);
        float[] input = new float[batch * channels * size * size];
        for (int i = 0; i < input.length; i++) {
            input[i] = (float) random.nextGaussian();
        }
        try (NDManager manager = NDManager.newBaseManager(EngineBootstrap.device())) {
            Map<String, NDArray> arrays = new LinkedHashMap<>();
            for (Map.Entry<String, long[]> e : net.parameterShapes().entrySet()) {
                arrays.put(e.getKey(), manager.create(weights.get(e.getKey()), new Shape(e.getValue())));
            }
            NDArray x = manager.create(input, new Shape(batch, channels, size, size));
            NDArray embedding = net.embedding(manager, batch == 1 ? new float[] {2f} : new float[] {-3f, 4f});
            float[] forward = net.forward(arrays::get, x, embedding).toFloatArray();
            float[] infer = net.infer(arrays::get, x, embedding).toFloatArray();
            assertArrayEquals(forward, infer, 1e-5f);
            assertArrayEquals(input, x.toFloatArray(), 0f);
            for (Map.Entry<String, NDArray> e : arrays.entrySet()) {
                assertArrayEquals(weights.get(e.getKey()), e.getValue().toFloatArray(), 0f, e.getKey());
            }
            // And inference twice gives the same: nothing it overwrote was read again.
            assertArrayEquals(infer, net.infer(arrays::get, x, embedding).toFloatArray(), 0f);
            double energy = 0;
            for (float v : infer) {
                energy += v * v;
            }
            assertTrue(energy > 0, "the network's output is not all zeros");
        }
    }
}
