package org.diffprior.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.scijava.Context;
import org.scijava.command.CommandModule;
import org.scijava.command.CommandService;

class EngineInfoCommandTest {

    @Test
    void reportsEngineDeviceAndPassingSelfCheckHeadless() throws Exception {
        try (Context context = new Context(CommandService.class)) {
            CommandModule module = context.service(CommandService.class)
                    .run(EngineInfoCommand.class, false, Map.of()).get();
            assertFalse(module.isCanceled());
            String report = (String) module.getOutput("report");
            assertTrue(report.contains("Engine: PyTorch 2.7"), report);
            assertTrue(report.contains("GPU used: no"), report);
            assertTrue(report.contains("Self-check: passed"), report);
            assertEquals(Boolean.TRUE, module.getOutput("self_check_passed"));
        }
    }

    @Test
    void isInTheDiffPriorMenu() {
        org.scijava.plugin.Plugin plugin = EngineInfoCommand.class.getAnnotation(org.scijava.plugin.Plugin.class);
        assertEquals("Plugins>DiffPrior>Engine Info", plugin.menuPath());
    }
}
