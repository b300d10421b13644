package org.diffprior.djl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.DataInputStream;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

/**
 * A TorchScript module made with Debian's python3-torch by scripts/torchscript/make_fixture.py loads
 * through model.json, gives PyTorch's own output, and is used as the eps-predictor its card declares.
 */
class TorchScriptModelTest {

    private static Path fixture() throws URISyntaxException {
        return Path.of(TorchScriptModelTest.class.getResource("/models/torchscript-tiny/model.json").toURI())
                .getParent();
    }

    private static float[] floats(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        float[] values = new float[bytes.length / 4];
        try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(bytes))) {
            for (int i = 0; i < values.length; i++) {
                values[i] = in.readFloat();
            }
        }
        return values;
    }

    @Test
    void importedModuleReproducesPyTorchsOutput() throws Exception {
        Path dir = fixture();
        try (PriorModel model = PriorModel.load(dir); NDManager manager = NDManager.newBaseManager()) {
            assertEquals("torchscript", model.card().format());
            float[] out = EngineBootstrap.call(() -> model.network(
                    manager.create(floats(dir.resolve("input.f32")), new Shape(2, 1, 8, 12)),
                    floats(dir.resolve("log_snr.f32"))).toFloatArray());
            assertArrayEquals(floats(dir.resolve("expected.f32")), out, 1e-5f);
        }
    }

    @Test
    void denoisesWithTheEpsParameterisationItsCardDeclares() throws Exception {
        Path dir = fixture();
        float[] xt = DjlDenoiserTest.random(8 * 12, 3);
        double alpha = 0.6;
        double sigma = 0.8;
        try (PriorModel model = PriorModel.load(dir); NDManager manager = NDManager.newBaseManager()) {
            float[] x0 = new DjlDenoiser(model).denoise(new float[][] {xt}, 8, 12, new double[] {alpha},
                    new double[] {sigma})[0];
            float[] eps = EngineBootstrap.call(() -> model.network(manager.create(xt, new Shape(1, 1, 8, 12)),
                    new float[] {(float) Math.log(alpha * alpha / (sigma * sigma))}).toFloatArray());
            for (int i = 0; i < xt.length; i++) {
                assertEquals((xt[i] - sigma * eps[i]) / alpha, x0[i], 1e-5);
            }
        }
    }
}
