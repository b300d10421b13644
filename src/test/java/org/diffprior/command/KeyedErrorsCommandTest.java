package org.diffprior.command;

import static org.diffprior.command.CommandFixtures.discs;
import static org.diffprior.command.CommandFixtures.img;
import static org.diffprior.command.CommandFixtures.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.diffprior.task.DiffusionSettings;
import org.junit.jupiter.api.Test;
import org.scijava.command.Command;
import org.scijava.command.CommandInfo;
import org.scijava.command.CommandModule;
import org.scijava.command.CommandService;
import org.scijava.module.Module;
import org.scijava.module.ModuleService;

/**
 * Fiji shows the task layer's keyed errors with its macro keys, and every reconstruction command has the shared
 * diffusion parameters, with the task layer's defaults.
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
            assertEquals(defaults.samples(), module.getInput("samples"), command.getSimpleName());
            assertEquals(defaults.seed(), module.getInput("seed"), command.getSimpleName());
            assertEquals(defaults.eta(), module.getInput("eta"), command.getSimpleName());
            assertEquals(defaults.cgIterations(), module.getInput("cg_iterations"), command.getSimpleName());
        }
    }
}
