package org.diffprior.command;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.scijava.Context;
import org.scijava.app.StatusService;
import org.scijava.command.CommandService;
import org.scijava.log.LogService;
import org.scijava.module.ModuleService;

/** Base of the command tests: one minimal headless SciJava Context per test class, as Fiji would provide. */
abstract class CommandContextTest {

    static Context context;

    @BeforeAll
    static void startContext() {
        context = new Context(CommandService.class, ModuleService.class, StatusService.class, LogService.class);
    }

    @AfterAll
    static void stopContext() {
        context.dispose();
    }
}
