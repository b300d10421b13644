package org.diffprior.command;

import static org.diffprior.command.CommandFixtures.discs;
import static org.diffprior.command.CommandFixtures.img;
import static org.diffprior.command.CommandFixtures.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.diffprior.io.Cfl;
import org.diffprior.io.FloatImage;
import org.diffprior.io.Tiffs;
import org.diffprior.task.CtRequest;
import org.diffprior.task.DiffusionSettings;
import org.diffprior.task.MriSimulation;
import org.diffprior.task.SrRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scijava.command.Command;
import org.scijava.command.CommandInfo;
import org.scijava.command.CommandModule;
import org.scijava.command.CommandService;
import org.scijava.module.Module;
import org.scijava.module.ModuleService;

/**
 * Fiji shows the task layer's keyed errors with its macro keys (for MRI and active subsampling too), and every
 * reconstruction command has the shared diffusion parameters, with the task layer's defaults.
 */
class KeyedErrorsCommandTest extends CommandContextTest {

    private static String reasonFor(String key, Object value) throws Exception {
        Map<String, Object> inputs = SuperResolutionCommandTest.inputs(img(16, 16, discs(16, 16)), "simulate", 2, "box",
                "diffusion");
        inputs.put("model", "any-model");
        inputs.put(key, value);
        CommandModule module = run(context, SuperResolutionCommand.class, inputs);
        assertTrue(module.isCanceled(), key + "=" + value + " ran");
        assertNull(module.getOutput("reconstruction"));
        return module.getCancelReason();
    }

    @Test
    void aBadDiffusionSettingIsNamedByItsMacroKey() throws Exception {
        assertEquals("steps= must lie in 1..1000, got 0", reasonFor("steps", 0));
        assertEquals("cg_iterations= must lie in 0..100, got 101", reasonFor("cg_iterations", 101));
        assertEquals("eta= must lie in [0, 1], got 1.5", reasonFor("eta", 1.5));
    }

    private static String reasonFor(Class<? extends Command> command, Map<String, Object> inputs) throws Exception {
        CommandModule module = run(context, command, inputs);
        assertTrue(module.isCanceled(), command.getSimpleName() + " ran with " + inputs);
        assertNull(module.getOutput("reconstruction"));
        return module.getCancelReason();
    }

    @Test
    void mriAndAdsParametersAreNamedByTheirMacroKeys(@TempDir Path dir) throws Exception {
        float[] picture = discs(32, 32);
        assertEquals("method= 'magic' is unknown; use one of auto, diffusion, zero-filled, cg-sense, l1-wavelet, tv",
                reasonFor(MriReconstructionCommand.class,
                        MriReconstructionCommandTest.simulateInputs(picture, "magic")));
        Map<String, Object> adapt = MriReconstructionCommandTest.simulateInputs(picture, "auto");
        adapt.put("adapt_steps", 5);
        assertEquals("adapt_steps= adapts the prior for method= diffusion only, not auto; set method= to diffusion "
                + "or adapt_steps= to 0", reasonFor(MriReconstructionCommand.class, adapt));
        // Multi-coil k-space from a file, without maps and without estimating them.
        MriSimulation.Result sim = MriSimulation.simulate(picture, 32, 32, new MriSimulation.Settings(4, "equispaced",
                Double.NaN, 4, 0, 1));
        Path kspace = dir.resolve("k.cfl");
        Cfl.write(kspace, sim.kspace().toCfl());
        Path mask = dir.resolve("mask.tif");
        Tiffs.write(FloatImage.of(32, 32, sim.mask()), mask);
        Map<String, Object> file = MriReconstructionCommandTest.simulateInputs(picture, "cg-sense");
        file.put("source", "file");
        file.put("kspace", kspace.toFile());
        file.put("mask", mask.toFile());
        file.put("estimate_sens", false);
        assertEquals("cg-sense of multi-coil data needs coil sensitivities; give sensitivities= or estimate_sens=",
                reasonFor(MriReconstructionCommand.class, file));

        Map<String, Object> ads = ActiveSubsamplingCommandTest.inputs(picture);
        ads.put("particles", 1);
        assertEquals("particles= must lie in 2..256 (active subsampling compares particles), got 1",
                reasonFor(ActiveSubsamplingCommand.class, ads));
        ads.put("rule", "max-variance"); // the command line's name is a macro's too: particles are the problem
        assertEquals("particles= must lie in 2..256 (active subsampling compares particles), got 1",
                reasonFor(ActiveSubsamplingCommand.class, ads));
        ads.put("rule", "bogus");
        assertEquals("rule= 'bogus' is unknown; use entropy, variance or max-variance",
                reasonFor(ActiveSubsamplingCommand.class, ads));
    }

    @Test
    void everyReconstructionCommandHasTheSharedParametersWithTheirDefaults() {
        DiffusionSettings defaults = DiffusionSettings.defaults();
        for (Class<? extends Command> command : List.of(MriReconstructionCommand.class, CtReconstructionCommand.class,
                SuperResolutionCommand.class)) {
            CommandInfo info = context.service(CommandService.class).getCommand(command);
            for (String key : DiffusionSettings.PARAMETERS) {
                assertNotNull(info.getInput(key), command.getSimpleName() + " " + key);
            }
            Module module = context.service(ModuleService.class).createModule(info);
            assertEquals(defaults.steps(), module.getInput("steps"), command.getSimpleName());
            assertEquals(command == SuperResolutionCommand.class ? SrRequest.DEFAULT_SAMPLES
                    : command == CtReconstructionCommand.class ? CtRequest.DEFAULT_SAMPLES : defaults.samples(),
                    module.getInput("samples"), command.getSimpleName());
            assertEquals(defaults.seed(), module.getInput("seed"), command.getSimpleName());
            assertEquals(defaults.eta(), module.getInput("eta"), command.getSimpleName());
            assertEquals(defaults.cgIterations(), module.getInput("cg_iterations"), command.getSimpleName());
        }
    }
}
