package org.diffprior.command;

import static org.diffprior.command.CommandFixtures.dims;
import static org.diffprior.command.CommandFixtures.discs;
import static org.diffprior.command.CommandFixtures.img;
import static org.diffprior.command.CommandFixtures.pixels;
import static org.diffprior.command.CommandFixtures.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.diffprior.classical.SrInterpolation;
import org.diffprior.core.Metrics;
import org.diffprior.io.Cfl;
import org.diffprior.io.FloatImage;
import org.diffprior.io.ImageFiles;
import org.diffprior.task.MriSimulation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scijava.command.CommandModule;

/**
 * The Active Subsampling command through a minimal SciJava context, with the untrained TorchScript test model
 * (the column choices are then arbitrary; what is checked is the budget and the bookkeeping of the outputs).
 */
class ActiveSubsamplingCommandTest extends CommandContextTest {

    private static final int SIZE = 32;
    private static final String TINY_MODEL = "src/test/resources/models/torchscript-tiny";
    /** Every input, simulate mode: R = 4 of 32 columns = 8 columns, 4 of them calibration (fraction 1/8). */
    static Map<String, Object> inputs(float[] picture) {
        Map<String, Object> inputs = new HashMap<>();
        inputs.put("image", img(SIZE, SIZE, picture));
        inputs.put("source", "simulate");
        inputs.put("estimate_sens", true);
        inputs.put("acceleration", 4.0);
        inputs.put("center_fraction", 0.125);
        inputs.put("particles", 2);
        inputs.put("steps", 8);
        inputs.put("rule", "entropy");
        inputs.put("model", TINY_MODEL);
        inputs.put("seed", 1L);
        inputs.put("coils", 1);
        return inputs;
    }

    @Test
    void simulatedRunSpendsExactlyTheBudgetAndItsOutputsAgree() throws Exception {
        CommandModule module = run(context, ActiveSubsamplingCommand.class, inputs(discs(SIZE, SIZE)));
        assertFalse(module.isCanceled(), module.getCancelReason());
        assertBookkeeping(module, 8, new int[] {14, 15, 16, 17});
    }

    @Test
    void multiCoilFileWithEstimatedSensitivitiesSpendsExactlyTheBudget(@TempDir Path dir) throws Exception {
        // Fully sampled 4-coil k-space (centre fraction 1 = every column), written as BART H×W×1×C.
        MriSimulation.Result full = MriSimulation.simulate(discs(SIZE, SIZE), SIZE, SIZE,
                new MriSimulation.Settings(1, "equispaced", 1.0, 4, 0, 0));
        Path kspace = dir.resolve("full.cfl");
        Cfl.write(kspace, full.kspace().toCfl());
        Map<String, Object> inputs = inputs(discs(SIZE, SIZE));
        inputs.remove("image");
        inputs.put("source", "file");
        inputs.put("kspace", kspace.toFile());
        inputs.put("acceleration", 3.0);
        inputs.put("center_fraction", 0.25);
        inputs.put("rule", "variance");
        CommandModule module = run(context, ActiveSubsamplingCommand.class, inputs);
        assertFalse(module.isCanceled(), module.getCancelReason());
        // floor(32 / 3) = 10 columns, the calibration block floor(0.25 · 32) = 8 columns from 16 − 4.
        assertBookkeeping(module, 10, new int[] {12, 13, 14, 15, 16, 17, 18, 19});

        inputs.put("estimate_sens", false);
        module = run(context, ActiveSubsamplingCommand.class, inputs);
        assertTrue(module.isCanceled());
        assertTrue(module.getCancelReason().startsWith("multi-coil k-space needs coil sensitivities"),
                module.getCancelReason());
        assertNull(module.getOutput("reconstruction"));
    }

    @Test
    void bundledBrainPriorBeatsZeroFillingOfItsOwnMaskOnAColin27Slice() throws Exception {
        FloatImage slice = ImageFiles.read(Path.of("test-images/colin27_val_axial079_128.tif"));
        float[] brain = SrInterpolation.degrade(slice.data(), 128, 128, 2, "box"); // 64x64, the prior's size
        Map<String, Object> inputs = inputs(brain);
        inputs.put("image", img(64, 64, brain));
        inputs.put("center_fraction", -1.0); // the default, 0.08 for R = 4
        inputs.put("model", "");
        inputs.put("particles", 4);
        inputs.put("steps", 20);
        long start = System.nanoTime();
        CommandModule module = run(context, ActiveSubsamplingCommand.class, inputs);
        double seconds = (System.nanoTime() - start) / 1e9;
        assertFalse(module.isCanceled(), module.getCancelReason());
        float[] mask = pixels(module, "sampling_mask");
        float ones = 0;
        for (float v : mask) {
            ones += v;
        }
        assertEquals(16 * 64, ones, "floor(64 / 4) columns of 64 rows");
        double ads = Metrics.psnr(brain, pixels(module, "reconstruction"));
        double zeroFilled = Metrics.psnr(brain, CommandFixtures.zeroFilledByDefinition(brain, mask, 64, 64));
        System.out.printf(
                "ADS command, Colin27 64x64 R=4: bundled prior (4 particles, 20 steps) %.2f dB, zero-filled %.2f dB, %.1f s%n",
                ads, zeroFilled, seconds);
        assertTrue(ads > zeroFilled + 1, "ADS " + ads + " dB vs zero-filled " + zeroFilled + " dB");
    }

    @Test
    void badInputGivesAOneLineReasonAndNoOutputs() throws Exception {
        Map<String, Object> noFile = inputs(discs(SIZE, SIZE));
        noFile.put("source", "file");
        Map<String, Object> oneParticle = inputs(discs(SIZE, SIZE));
        oneParticle.put("particles", 1);
        Map<String, Object> badRule = inputs(discs(SIZE, SIZE));
        badRule.put("rule", "bogus");
        Map<String, Object> wideCalibration = inputs(discs(SIZE, SIZE));
        wideCalibration.put("center_fraction", 0.5); // 16 calibration columns > floor(32 / 4)
        for (Map<String, Object> inputs : List.of(noFile, oneParticle, badRule, wideCalibration)) {
            CommandModule module = run(context, ActiveSubsamplingCommand.class, inputs);
            assertTrue(module.isCanceled(), inputs.toString());
            String reason = module.getCancelReason();
            assertEquals(1, reason.lines().count(), reason);
            assertNull(module.getOutput("reconstruction"), reason);
            assertNull(module.getOutput("acquisition_order"), reason);
        }
        CommandModule module = run(context, ActiveSubsamplingCommand.class, noFile);
        assertEquals("source=file needs kspace=FILE.cfl (fully sampled k-space)", module.getCancelReason());
        module = run(context, ActiveSubsamplingCommand.class, wideCalibration);
        assertEquals(
                "calibration region of 16 columns exceeds the 8 columns allowed by acceleration 4.0; lower center_fraction=",
                module.getCancelReason());
    }

    /**
     * The mask is exactly {@code budget} whole columns; the order lists each of them once, the calibration
     * block first at step −1 and the rest at increasing reverse steps; the filling stack adds one listed
     * column per plane and ends at the mask; the images have the k-space's size and are finite.
     */
    private static void assertBookkeeping(CommandModule module, int budget, int[] calibration) {
        float[] mask = pixels(module, "sampling_mask");
        Set<Integer> maskColumns = new HashSet<>();
        for (int x = 0; x < SIZE; x++) {
            float first = mask[x];
            for (int y = 0; y < SIZE; y++) {
                assertTrue(mask[y * SIZE + x] == first && (first == 0 || first == 1), "column " + x + " not whole");
            }
            if (first == 1) {
                maskColumns.add(x);
            }
        }
        assertEquals(budget, maskColumns.size(), "columns in the mask");

        String[] entries = ((String) module.getOutput("acquisition_order")).split(" ");
        assertEquals(budget, entries.length, module.getOutput("acquisition_order").toString());
        List<Integer> columns = new ArrayList<>();
        int lastStep = -1;
        for (int i = 0; i < entries.length; i++) {
            String[] parts = entries[i].split("@");
            int column = Integer.parseInt(parts[0]);
            int step = Integer.parseInt(parts[1]);
            columns.add(column);
            if (i < calibration.length) {
                assertEquals(calibration[i], column, "calibration column " + i);
                assertEquals(-1, step);
            } else {
                assertTrue(step >= lastStep && step >= 0, "steps increase: " + entries[i]);
                lastStep = step;
            }
        }
        assertEquals(maskColumns, new HashSet<>(columns), "order lists the mask's columns");

        int planes = budget - calibration.length;
        assertArrayEquals(new long[] {SIZE, SIZE, planes}, dims(module, "mask_filling"));
        float[] filling = pixels(module, "mask_filling");
        int n = SIZE * SIZE;
        for (int k = 0; k < planes; k++) {
            int added = columns.get(calibration.length + k);
            for (int x = 0; x < SIZE; x++) {
                boolean expected = columns.subList(0, calibration.length + k + 1).contains(x);
                assertEquals(expected ? 1f : 0f, filling[k * n + x],
                        "plane " + k + " column " + x + " (added " + added + ")");
            }
        }
        assertArrayEquals(mask, java.util.Arrays.copyOfRange(filling, (planes - 1) * n, planes * n));

        assertArrayEquals(new long[] {SIZE, SIZE}, dims(module, "reconstruction"));
        assertArrayEquals(new long[] {SIZE, SIZE}, dims(module, "std"));
        for (float v : pixels(module, "reconstruction")) {
            assertTrue(Float.isFinite(v));
        }
        for (float v : pixels(module, "std")) {
            assertTrue(Float.isFinite(v) && v >= 0);
        }
    }
}
