package org.diffprior.command;

import static org.diffprior.command.CommandFixtures.discs;
import static org.diffprior.command.CommandFixtures.img;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.scijava.command.Command;
import org.scijava.command.CommandModule;
import org.scijava.command.CommandService;
import org.scijava.module.Module;
import org.scijava.module.ModuleRunner;
import org.scijava.module.ModuleService;

/**
 * Cancel stops the work between steps and publishes nothing, whether it comes as SciJava's
 * {@link org.scijava.Cancelable#cancel(String)} or as an interrupt of the command's thread.
 */
class CommandCancellationTest extends CommandContextTest {

    private static CommandModule module(Class<? extends Command> command, Map<String, Object> inputs) {
        CommandModule module = (CommandModule) context.service(ModuleService.class)
                .createModule(context.service(CommandService.class).getCommand(command));
        inputs.forEach(module::setInput);
        inputs.keySet().forEach(name -> module.resolveInput(name));
        return module;
    }

    /** Runs the module in this thread, as Fiji's module runner does on its worker thread. */
    private static void runHere(Module module) {
        new ModuleRunner(context, module, null, null).run();
    }

    @Test
    void interruptingTheThreadStopsSartAfterItsFirstSweep() {
        CommandModule module = module(CtReconstructionCommand.class,
                CtReconstructionCommandTest.inputs(img(32, 32, CtReconstructionCommandTest.disc(32, 32)), "simulate",
                        "sart"));
        Thread.currentThread().interrupt();
        try {
            runHere(module);
        } finally {
            Thread.interrupted();
        }
        assertTrue(module.isCanceled());
        assertEquals("cancelled by the user", module.getCancelReason());
        assertNull(module.getOutput("reconstruction"), "a cancelled run publishes no image");
        assertNull(module.getOutput("fbp"));
    }

    @Test
    void interruptingTheThreadStopsL1Wavelet() {
        CommandModule module = module(MriReconstructionCommand.class,
                MriReconstructionCommandTest.simulateInputs(discs(32, 32), "l1-wavelet"));
        Thread.currentThread().interrupt();
        try {
            runHere(module);
        } finally {
            Thread.interrupted();
        }
        assertTrue(module.isCanceled());
        assertNull(module.getOutput("reconstruction"));
        assertNull(module.getOutput("zero_filled"));
    }

    @Test
    void escapeInImageJCancelsTheTokenAtTheNextProgressReport() {
        SuperResolutionCommand command = new SuperResolutionCommand();
        try {
            command.progress().progress(1, 10, "step");
            assertFalse(command.cancelToken().isCancelled());
            ij.IJ.setKeyDown(java.awt.event.KeyEvent.VK_ESCAPE);
            command.progress().progress(2, 10, "step");
            assertTrue(command.cancelToken().isCancelled());
        } finally {
            ij.IJ.resetEscape();
        }
    }

    @Test
    void cancelableCancelKeepsItsReasonAndStopsBeforeAnyWork() {
        CommandModule module = module(SuperResolutionCommand.class,
                SuperResolutionCommandTest.inputs(img(16, 16, discs(16, 16)), "simulate", 2, "box", "bicubic"));
        module.cancel("stopped from the dialog");
        runHere(module);
        assertTrue(module.isCanceled());
        assertEquals("stopped from the dialog", module.getCancelReason());
        assertNull(module.getOutput("reconstruction"));
        assertNull(module.getOutput("low_res"));
    }

    @Test
    void anUncancelledRunOfTheSameModuleCompletes() {
        CommandModule module = module(CtReconstructionCommand.class,
                CtReconstructionCommandTest.inputs(img(32, 32, CtReconstructionCommandTest.disc(32, 32)), "simulate",
                        "sart"));
        runHere(module);
        assertFalse(module.isCanceled(), module.getCancelReason());
        assertTrue(module.getOutput("reconstruction") != null);
    }
}
