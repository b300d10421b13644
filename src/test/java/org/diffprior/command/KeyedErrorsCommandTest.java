package org.diffprior.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.List;

import org.diffprior.task.DiffusionSettings;
import org.junit.jupiter.api.Test;
import org.scijava.command.Command;
import org.scijava.command.CommandInfo;
import org.scijava.command.CommandService;
import org.scijava.module.Module;
import org.scijava.module.ModuleService;

/** Every reconstruction command has the shared diffusion parameters, with the task layer's defaults. */
class KeyedErrorsCommandTest extends CommandContextTest {

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
