package org.diffprior.command;

import static org.diffprior.command.CommandFixtures.img;
import static org.diffprior.command.CommandFixtures.pixels;
import static org.diffprior.command.CommandFixtures.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;

import org.diffprior.core.Metrics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.scijava.command.CommandModule;

class CtReconstructionCommandTest extends CommandContextTest {

    private static final int SIZE = 32;
    private static final int VIEWS = 60;
    private static final double RADIUS = 10;
    /** A uniform disc of value 1 centred on the rotation centre (N/2, N/2). */
    static float[] disc(int width, int height) {
        float[] image = new float[width * height];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double dx = x - width / 2;
                double dy = y - height / 2;
                image[y * width + x] = dx * dx + dy * dy <= RADIUS * RADIUS ? 1 : 0;
            }
        }
        return image;
    }

    static Map<String, Object> inputs(Object image, String source, String method) {
        Map<String, Object> inputs = new HashMap<>();
        inputs.put("image", image);
        inputs.put("source", source);
        inputs.put("angles", "0:180:" + VIEWS);
        inputs.put("views", VIEWS);
        inputs.put("i0", 0.0);
        inputs.put("method", method);
        inputs.put("filter", "ram-lak");
        inputs.put("model", "");
        inputs.put("steps", 30);
        inputs.put("samples", 1);
        inputs.put("seed", 0L);
        inputs.put("keep_samples", false);
        return inputs;
    }

    /** Diffusion, and auto (with a bundled CT prior and 60 views: the self-validated blend, CtAuto). */
    @ParameterizedTest
    @ValueSource(strings = {"diffusion", "auto"})
    void noisySimulationIsReconstructedWithItsPhotonCount(String method) throws Exception {
        Map<String, Object> inputs = inputs(img(SIZE, SIZE, disc(SIZE, SIZE)), "simulate", method);
        inputs.put("i0", 1e4);
        inputs.put("steps", 4);
        CommandModule module = run(context, CtReconstructionCommand.class, inputs);
        assertFalse(module.isCanceled(), module.getCancelReason());
        assertArrayEquals(new long[] {SIZE, SIZE}, CommandFixtures.dims(module, "reconstruction"));
        double psnr = Metrics.psnr(disc(SIZE, SIZE), pixels(module, "reconstruction"));
        assertTrue(psnr > 15, method + " PSNR " + psnr);
    }

    @ParameterizedTest
    @ValueSource(strings = {"fbp", "sart"})
    void simulatedDiscIsReconstructedFromItsRadonTransform(String method) throws Exception {
        float[] phantom = disc(SIZE, SIZE);
        CommandModule module = run(context, CtReconstructionCommand.class,
                inputs(img(SIZE, SIZE, phantom), "simulate", method));
        assertFalse(module.isCanceled(), module.getCancelReason());
        assertArrayEquals(new long[] {SIZE, VIEWS}, CommandFixtures.dims(module, "sinogram"));
        float[] sinogram = pixels(module, "sinogram");
        double mass = 0;
        for (float v : phantom) {
            mass += v;
        }
        for (int view = 0; view < VIEWS; view++) {
            double rowSum = 0;
            for (int bin = 0; bin < SIZE; bin++) {
                rowSum += sinogram[view * SIZE + bin];
            }
            // Every projection of an image integrates to its mass; the central ray crosses the diameter 2r.
            assertEquals(mass, rowSum, 0.01 * mass, "mass of view " + view);
            assertEquals(2 * RADIUS, sinogram[view * SIZE + SIZE / 2], 1.5, "central ray of view " + view);
        }
        double psnr = Metrics.psnr(phantom, pixels(module, "reconstruction"));
        System.out.printf("CT command, disc 32x32, %d views: %s %.2f dB%n", VIEWS, method, psnr);
        assertTrue(psnr > 20, method + " PSNR " + psnr);
        assertArrayEquals(new long[] {SIZE, SIZE}, CommandFixtures.dims(module, "fbp"));
    }

    @Test
    void sinogramModeWithTheSameAnglesGivesTheSimulatedResult() throws Exception {
        float[] phantom = disc(SIZE, SIZE);
        CommandModule simulated = run(context, CtReconstructionCommand.class,
                inputs(img(SIZE, SIZE, phantom), "simulate", "fbp"));
        CommandModule measured = run(context, CtReconstructionCommand.class,
                inputs(simulated.getOutput("sinogram"), "sinogram", "fbp"));
        assertFalse(measured.isCanceled(), measured.getCancelReason());
        assertArrayEquals(pixels(simulated, "reconstruction"), pixels(measured, "reconstruction"), 1e-5f);
        assertArrayEquals(pixels(simulated, "fbp"), pixels(measured, "reconstruction"), 1e-5f);
    }

    @Test
    void anyPictureIsCroppedToItsCentreSquare() throws Exception {
        int width = SIZE + 8;
        float[] wide = new float[width * SIZE];
        float[] square = disc(SIZE, SIZE);
        for (int y = 0; y < SIZE; y++) {
            System.arraycopy(square, y * SIZE, wide, y * width + 4, SIZE);
        }
        CommandModule cropped = run(context, CtReconstructionCommand.class,
                inputs(img(width, SIZE, wide), "simulate", "fbp"));
        CommandModule direct = run(context, CtReconstructionCommand.class,
                inputs(img(SIZE, SIZE, square), "simulate", "fbp"));
        assertArrayEquals(pixels(direct, "reconstruction"), pixels(cropped, "reconstruction"), 1e-6f);
    }

    @Test
    void anglesThatDoNotMatchTheRowsAreAOneLineReason() throws Exception {
        Map<String, Object> inputs = inputs(img(SIZE, 10, new float[SIZE * 10]), "sinogram", "fbp");
        inputs.put("angles", "0:180:12");
        CommandModule module = run(context, CtReconstructionCommand.class, inputs);
        assertTrue(module.isCanceled());
        assertEquals("the sinogram has 10 rows (views) but angles= gives 12 angles; they must match",
                module.getCancelReason());
    }
}
