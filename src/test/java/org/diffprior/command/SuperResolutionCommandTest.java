package org.diffprior.command;

import static org.diffprior.command.CommandFixtures.discs;
import static org.diffprior.command.CommandFixtures.img;
import static org.diffprior.command.CommandFixtures.pixels;
import static org.diffprior.command.CommandFixtures.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;

import net.imglib2.img.Img;
import net.imglib2.type.numeric.ARGBType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.scijava.command.CommandModule;

class SuperResolutionCommandTest extends CommandContextTest {

    static Map<String, Object> inputs(Object image, String source, int scale, String degradation, String method) {
        Map<String, Object> inputs = new HashMap<>();
        inputs.put("image", image);
        inputs.put("source", source);
        inputs.put("scale", scale);
        inputs.put("degradation", degradation);
        inputs.put("method", method);
        inputs.put("data_consistency", false);
        inputs.put("model", "");
        inputs.put("steps", 30);
        inputs.put("samples", 1);
        inputs.put("seed", 0L);
        inputs.put("keep_samples", false);
        return inputs;
    }

    static float[] ramp(int width, int height) {
        float[] image = new float[width * height];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image[y * width + x] = 0.1f + 0.01f * x + 0.02f * y;
            }
        }
        return image;
    }

    /** Means over scale × scale blocks, straight from the definition of the box degradation. */
    static float[] blockMeans(float[] image, int width, int height, int scale) {
        float[] out = new float[(width / scale) * (height / scale)];
        for (int y = 0; y < height / scale * scale; y++) {
            for (int x = 0; x < width / scale * scale; x++) {
                out[(y / scale) * (width / scale) + x / scale] += image[y * width + x] / (scale * scale);
            }
        }
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"box", "bicubic"})
    void bicubicReproducesALinearRampAwayFromTheBorder(String degradation) throws Exception {
        int size = 32;
        float[] ramp = ramp(size, size);
        CommandModule module = run(context, SuperResolutionCommand.class,
                inputs(img(size, size, ramp), "simulate", 2, degradation, "bicubic"));
        assertFalse(module.isCanceled(), module.getCancelReason());
        assertArrayEquals(new long[] {16, 16}, CommandFixtures.dims(module, "low_res"));
        float[] low = pixels(module, "low_res");
        if (degradation.equals("box")) {
            assertArrayEquals(blockMeans(ramp, size, size, 2), low, 1e-6f);
        }
        float[] high = pixels(module, "reconstruction");
        // Keys' cubic reproduces linear functions; imresize samples at the block centres, so the interior is exact.
        for (int y = 6; y < size - 6; y++) {
            for (int x = 6; x < size - 6; x++) {
                assertEquals(ramp[y * size + x], high[y * size + x], 1e-4, "pixel " + x + "," + y);
            }
        }
        assertNull(module.getOutput("std"));
    }

    @Test
    void dataConsistencyMakesTheBoxMeansEqualTheLowResInput() throws Exception {
        int size = 32;
        Map<String, Object> inputs = inputs(img(size, size, discs(size, size)), "simulate", 4, "box", "lanczos");
        inputs.put("data_consistency", true);
        CommandModule module = run(context, SuperResolutionCommand.class, inputs);
        assertFalse(module.isCanceled(), module.getCancelReason());
        assertArrayEquals(pixels(module, "low_res"), blockMeans(pixels(module, "reconstruction"), size, size, 4),
                1e-5f);
    }

    @Test
    void lowResInputIsEnlargedByTheScaleAndSimulationCropsToAMultiple() throws Exception {
        CommandModule enlarged = run(context, SuperResolutionCommand.class,
                inputs(img(8, 6, discs(8, 6)), "low-res", 3, "bicubic", "lanczos"));
        assertFalse(enlarged.isCanceled(), enlarged.getCancelReason());
        assertArrayEquals(new long[] {24, 18}, CommandFixtures.dims(enlarged, "reconstruction"));
        assertNull(enlarged.getOutput("low_res"), "no comparison image for a real low-resolution input");

        CommandModule cropped = run(context, SuperResolutionCommand.class,
                inputs(img(33, 31, discs(33, 31)), "simulate", 2, "box", "bicubic"));
        assertFalse(cropped.isCanceled(), cropped.getCancelReason());
        assertArrayEquals(new long[] {16, 15}, CommandFixtures.dims(cropped, "low_res"));
        assertArrayEquals(new long[] {32, 30}, CommandFixtures.dims(cropped, "reconstruction"));
    }

    @Test
    void montageIsAnRgbImageOfLowResAndResult() throws Exception {
        Map<String, Object> inputs = inputs(img(16, 16, discs(16, 16)), "low-res", 2, "bicubic", "bicubic");
        inputs.put("montage", true);
        CommandModule module = run(context, SuperResolutionCommand.class, inputs);
        assertFalse(module.isCanceled(), module.getCancelReason());
        @SuppressWarnings("unchecked")
        Img<ARGBType> montage = (Img<ARGBType>) module.getOutput("montage_image");
        // Two 256² cells (32² enlarged 8×), 10 px apart; titles above and figures below.
        assertEquals(10 + 2 * (256 + 10), montage.dimension(0));
        assertTrue(montage.dimension(1) > 256);
        assertNull(run(context, SuperResolutionCommand.class,
                inputs(img(16, 16, discs(16, 16)), "low-res", 2, "bicubic", "bicubic")).getOutput("montage_image"));
    }
}
