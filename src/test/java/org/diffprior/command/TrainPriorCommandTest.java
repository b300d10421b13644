package org.diffprior.command;

import static org.diffprior.command.CommandFixtures.discs;
import static org.diffprior.command.CommandFixtures.img;
import static org.diffprior.command.CommandFixtures.pixels;
import static org.diffprior.command.CommandFixtures.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

import org.diffprior.io.FloatImage;
import org.diffprior.io.Tiffs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scijava.Context;
import org.scijava.app.StatusService;
import org.scijava.command.CommandModule;
import org.scijava.command.CommandService;
import org.scijava.log.LogService;

/**
 * Train Prior writes a model folder that the reconstruction commands take as {@code model=FOLDER}; with it the
 * diffusion method runs end to end through every command (a few steps of a tiny network: the checks are on
 * shapes, sample statistics and data consistency, not on image quality).
 */
class TrainPriorCommandTest {

    private static final int SIZE = 32;

    @TempDir
    static Path dir;

    private static Context context;
    private static CommandModule training;
    private static Path model;

    @BeforeAll
    static void trainATinyPrior() throws Exception {
        context = new Context(CommandService.class, StatusService.class, LogService.class);
        Path images = Files.createDirectories(dir.resolve("images"));
        SplittableRandom random = new SplittableRandom(1);
        for (int n = 0; n < 6; n++) {
            float[] picture = discs(SIZE, SIZE);
            for (int i = 0; i < picture.length; i++) {
                picture[i] *= (float) (0.5 + random.nextDouble());
            }
            Tiffs.write(FloatImage.of(SIZE, SIZE, picture), images.resolve("image" + n + ".tif"));
        }
        model = dir.resolve("my-prior");
        Map<String, Object> inputs = new HashMap<>();
        inputs.put("images", images.toFile());
        inputs.put("output", model.toFile());
        inputs.put("size", 16);
        inputs.put("steps", 3);
        inputs.put("batch", 2);
        inputs.put("channels", "1");
        inputs.put("network", "tiny");
        inputs.put("resume", false);
        training = run(context, TrainPriorCommand.class, inputs);
    }

    @AfterAll
    static void stopContext() {
        context.dispose();
    }

    @Test
    void trainingWritesTheModelFolderAndASummary() {
        assertFalse(training.isCanceled(), training.getCancelReason());
        String summary = (String) training.getOutput("summary");
        assertTrue(summary.startsWith("model written to " + model + " (3 steps"), summary);
        assertTrue(Files.isRegularFile(model.resolve("model.json")));
        assertTrue(Files.isRegularFile(model.resolve("weights.bin")));
    }

    @Test
    void missingTrainingImagesAreAOneLineReason() throws Exception {
        Map<String, Object> inputs = new HashMap<>();
        inputs.put("images", new File(dir.toFile(), "nothing-here"));
        inputs.put("output", dir.resolve("unused").toFile());
        inputs.put("size", 16);
        inputs.put("steps", 1);
        inputs.put("batch", 1);
        inputs.put("channels", "1");
        inputs.put("network", "tiny");
        inputs.put("resume", false);
        CommandModule module = run(context, TrainPriorCommand.class, inputs);
        assertTrue(module.isCanceled());
        assertFalse(module.getCancelReason().contains("\n"), module.getCancelReason());
        assertFalse(Files.exists(dir.resolve("unused").resolve("model.json")));
    }

    @Test
    void trainingIntoTheModelItStartsFromIsRefusedAndTheModelKept() throws Exception {
        byte[] weights = Files.readAllBytes(model.resolve("weights.bin"));
        Map<String, Object> inputs = new HashMap<>();
        inputs.put("images", dir.resolve("images").toFile());
        inputs.put("output", model.toFile());
        inputs.put("init_from", dir.resolve("images/../my-prior").toString());
        inputs.put("size", 16);
        inputs.put("steps", 1);
        inputs.put("batch", 1);
        inputs.put("channels", "1");
        inputs.put("network", "tiny");
        inputs.put("resume", false);
        CommandModule module = run(context, TrainPriorCommand.class, inputs);
        assertTrue(module.isCanceled());
        String reason = module.getCancelReason();
        assertTrue(reason.contains("output=") && reason.contains("init_from=") && !reason.contains("\n"), reason);
        assertArrayEquals(weights, Files.readAllBytes(model.resolve("weights.bin")));
    }

    private static void diffusionInputs(Map<String, Object> inputs) {
        inputs.put("method", "diffusion");
        inputs.put("model", model.toString());
        inputs.put("steps", 3);
        inputs.put("samples", 2);
        inputs.put("seed", 7L);
        inputs.put("keep_samples", true);
    }

    /** Mean of a width × height × K stack, computed here from the samples output. */
    private static float[] meanOfStack(float[] stack, int pixels) {
        int k = stack.length / pixels;
        float[] mean = new float[pixels];
        for (int s = 0; s < k; s++) {
            for (int i = 0; i < pixels; i++) {
                mean[i] += stack[s * pixels + i] / k;
            }
        }
        return mean;
    }

    @Test
    void superResolutionDiffusionKeepsTheBoxMeansAndReturnsStdAndSamples() throws Exception {
        Map<String, Object> inputs = SuperResolutionCommandTest.inputs(img(SIZE, SIZE, discs(SIZE, SIZE)), "simulate",
                2,
                "box", "diffusion");
        diffusionInputs(inputs);
        CommandModule module = run(context, SuperResolutionCommand.class, inputs);
        assertFalse(module.isCanceled(), module.getCancelReason());
        assertArrayEquals(new long[] {SIZE, SIZE, 2}, CommandFixtures.dims(module, "samples_stack"));
        assertArrayEquals(new long[] {SIZE, SIZE}, CommandFixtures.dims(module, "std"));
        float[] reconstruction = pixels(module, "reconstruction");
        assertArrayEquals(meanOfStack(pixels(module, "samples_stack"), SIZE * SIZE), reconstruction, 1e-5f);
        // DDNM projection: every sample, hence the mean, has exactly the measured block means.
        assertArrayEquals(pixels(module, "low_res"),
                SuperResolutionCommandTest.blockMeans(reconstruction, SIZE, SIZE, 2), 1e-4f);
        double stdSum = 0;
        for (float s : pixels(module, "std")) {
            assertTrue(s >= 0);
            stdSum += s;
        }
        assertTrue(stdSum > 0, "two samples with different noise differ somewhere");
    }

    @Test
    void ctAndMriDiffusionRunThroughTheirCommands() throws Exception {
        Map<String, Object> ct = CtReconstructionCommandTest.inputs(
                img(SIZE, SIZE, CtReconstructionCommandTest.disc(SIZE, SIZE)),
                "simulate", "diffusion");
        diffusionInputs(ct);
        CommandModule ctModule = run(context, CtReconstructionCommand.class, ct);
        assertFalse(ctModule.isCanceled(), ctModule.getCancelReason());
        assertArrayEquals(meanOfStack(pixels(ctModule, "samples_stack"), SIZE * SIZE),
                pixels(ctModule, "reconstruction"), 1e-5f);
        assertArrayEquals(new long[] {SIZE, SIZE}, CommandFixtures.dims(ctModule, "fbp"));

        Map<String, Object> mri = MriReconstructionCommandTest.simulateInputs(discs(SIZE, SIZE), "diffusion");
        diffusionInputs(mri);
        CommandModule mriModule = run(context, MriReconstructionCommand.class, mri);
        assertFalse(mriModule.isCanceled(), mriModule.getCancelReason());
        assertArrayEquals(new long[] {SIZE, SIZE, 2}, CommandFixtures.dims(mriModule, "samples_stack"));
        assertArrayEquals(new long[] {SIZE, SIZE}, CommandFixtures.dims(mriModule, "std"));
        assertEquals(SIZE * SIZE, pixels(mriModule, "zero_filled").length);
    }
}
