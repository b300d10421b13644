package org.diffprior.command;

import static org.diffprior.command.CommandFixtures.discs;
import static org.diffprior.command.CommandFixtures.img;
import static org.diffprior.command.CommandFixtures.pixels;
import static org.diffprior.command.CommandFixtures.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.diffprior.classical.SrInterpolation;
import org.diffprior.core.InvalidInputException;
import org.diffprior.core.Metrics;
import org.diffprior.io.Cfl;
import org.diffprior.io.FloatImage;
import org.diffprior.io.ImageFiles;
import org.diffprior.io.Tiffs;
import org.diffprior.physics.CoilArray;
import org.diffprior.physics.SamplingMasks;
import org.diffprior.task.MriSimulation;
import org.diffprior.task.Priors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scijava.command.CommandModule;

class MriReconstructionCommandTest extends CommandContextTest {

    private static final int SIZE = 32;
    /** Every input of the command, simulate mode. */
    static Map<String, Object> simulateInputs(float[] picture, String method) {
        return simulateInputs(picture, SIZE, method);
    }

    static Map<String, Object> simulateInputs(float[] picture, int size, String method) {
        Map<String, Object> inputs = new HashMap<>();
        inputs.put("image", img(size, size, picture));
        inputs.put("source", "simulate");
        inputs.put("estimate_sens", true);
        inputs.put("acceleration", 4.0);
        inputs.put("mask_type", "random");
        inputs.put("center_fraction", 0.0);
        inputs.put("coils", 1);
        inputs.put("noise_sigma", 0.0);
        inputs.put("method", method);
        inputs.put("model", "");
        inputs.put("steps", 30);
        inputs.put("samples", 1);
        inputs.put("seed", 3L);
        inputs.put("keep_samples", false);
        return inputs;
    }

    @Test
    void zeroFilledSimulationMatchesTheCentredDftDefinition() throws Exception {
        float[] picture = discs(SIZE, SIZE);
        CommandModule module = run(context, MriReconstructionCommand.class, simulateInputs(picture, "zero-filled"));
        assertFalse(module.isCanceled(), module.getCancelReason());
        float[] mask = pixels(module, "sampling_mask");
        assertEquals(4.0, SamplingMasks.acceleration(mask), 0.3, "acceleration of the simulated mask");
        float[] expected = CommandFixtures.zeroFilledByDefinition(picture, mask, SIZE, SIZE);
        assertArrayEquals(expected, pixels(module, "reconstruction"), 1e-4f);
        assertArrayEquals(expected, pixels(module, "zero_filled"), 1e-4f);
        assertNull(module.getOutput("std"), "no std map for one sample");
        assertNull(module.getOutput("samples_stack"));
    }

    @Test
    void l1WaveletBeatsZeroFillingOnAPiecewiseConstantPhantom() throws Exception {
        float[] picture = discs(64, 64);
        Map<String, Object> inputs = simulateInputs(picture, 64, "l1-wavelet");
        inputs.put("mask_type", "poisson");
        CommandModule module = run(context, MriReconstructionCommand.class, inputs);
        assertFalse(module.isCanceled(), module.getCancelReason());
        double wavelet = Metrics.psnr(picture, pixels(module, "reconstruction"));
        double zeroFilled = Metrics.psnr(picture, pixels(module, "zero_filled"));
        System.out.printf("MRI command, discs 64x64 poisson R=4: l1-wavelet %.2f dB, zero-filled %.2f dB%n", wavelet,
                zeroFilled);
        assertTrue(wavelet > zeroFilled + 1, "l1-wavelet " + wavelet + " dB vs zero-filled " + zeroFilled + " dB");
    }

    @Test
    void cgSenseWithSimulatedCoilsBeatsZeroFilling() throws Exception {
        float[] picture = discs(SIZE, SIZE);
        Map<String, Object> inputs = simulateInputs(picture, "cg-sense");
        inputs.put("coils", 4);
        CommandModule module = run(context, MriReconstructionCommand.class, inputs);
        assertFalse(module.isCanceled(), module.getCancelReason());
        double sense = Metrics.psnr(picture, pixels(module, "reconstruction"));
        double zeroFilled = Metrics.psnr(picture, pixels(module, "zero_filled"));
        System.out.printf("MRI command, discs 32x32 4 coils R=4: cg-sense %.2f dB, zero-filled %.2f dB%n", sense,
                zeroFilled);
        assertTrue(sense > zeroFilled + 1, "cg-sense " + sense + " dB vs zero-filled " + zeroFilled + " dB");
    }

    @Test
    void fileModeReadsCflAndMaskLikeTheSimulation(@TempDir Path dir) throws Exception {
        float[] picture = discs(SIZE, SIZE);
        MriSimulation.Result sim = MriSimulation.simulate(picture, SIZE, SIZE,
                new MriSimulation.Settings(4, "equispaced", Double.NaN, 1, 0, 5));
        Path kspace = dir.resolve("k.cfl");
        Cfl.write(kspace, sim.kspace().toCfl());
        Path mask = dir.resolve("mask.tif");
        Tiffs.write(FloatImage.of(SIZE, SIZE, sim.mask()), mask);
        Map<String, Object> inputs = simulateInputs(picture, "zero-filled");
        inputs.remove("image");
        inputs.put("source", "file");
        inputs.put("kspace", kspace.toFile());
        inputs.put("mask", mask.toFile());
        CommandModule module = run(context, MriReconstructionCommand.class, inputs);
        assertFalse(module.isCanceled(), module.getCancelReason());
        assertArrayEquals(CommandFixtures.zeroFilledByDefinition(picture, sim.mask(), SIZE, SIZE),
                pixels(module, "reconstruction"), 1e-4f);
        assertNull(module.getOutput("zero_filled"), "comparison images only in simulate mode");
        CoilArray back = CoilArray.fromCfl(Cfl.read(kspace), "k");
        assertEquals(1, back.coils());
    }

    @Test
    void missingFilesGiveAOneLineReasonInsteadOfAnException() throws Exception {
        Map<String, Object> inputs = simulateInputs(discs(SIZE, SIZE), "zero-filled");
        inputs.put("source", "file");
        CommandModule module = run(context, MriReconstructionCommand.class, inputs);
        assertTrue(module.isCanceled());
        assertEquals("source=file needs kspace=FILE.cfl and mask=IMAGE", module.getCancelReason());
        assertNull(module.getOutput("reconstruction"));
    }

    @Test
    void bundledBrainPriorBeatsZeroFillingOnAColin27Slice() throws Exception {
        FloatImage slice = ImageFiles.read(Path.of("test-images/colin27_val_axial079_128.tif"));
        float[] brain = SrInterpolation.degrade(slice.data(), 128, 128, 2, "box"); // 64x64, the prior's size
        Map<String, Object> inputs = simulateInputs(brain, 64, "diffusion");
        inputs.put("steps", 20);
        long start = System.nanoTime();
        CommandModule module = run(context, MriReconstructionCommand.class, inputs);
        double seconds = (System.nanoTime() - start) / 1e9;
        assertFalse(module.isCanceled(), module.getCancelReason());
        double diffusion = Metrics.psnr(brain, pixels(module, "reconstruction"));
        double zeroFilled = Metrics.psnr(brain, pixels(module, "zero_filled"));
        System.out.printf(
                "MRI command, Colin27 64x64 R=4: diffusion (bundled, 20 steps) %.2f dB, zero-filled %.2f dB, %.1f s%n",
                diffusion, zeroFilled, seconds);
        assertTrue(diffusion > zeroFilled + 1, "diffusion " + diffusion + " dB vs zero-filled " + zeroFilled + " dB");
    }

    @Test
    void diffusionWithoutABundledPriorSaysWhichKeyToSet() {
        // This build bundles every prior, so ask the rule of a build that bundles none; the commands show its
        // keyed message as below (TaskCommand's rendering).
        InvalidInputException missing = assertThrows(InvalidInputException.class,
                () -> Priors.modelName(null, Priors.Task.CT, List.of()));
        String shown = missing.message(TaskCommand::macroKey);
        assertTrue(shown.startsWith("no bundled CT prior"), shown);
        assertTrue(shown.contains("set model= to a model name"), shown);
    }
}
