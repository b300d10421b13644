package org.diffprior.command;

import org.diffprior.djl.EngineReport;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.log.LogService;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * Plugins › DiffPrior › Engine Info: the same report as {@code diffprior info} (engine, device,
 * threads, natives, models, convolution self-check), as a text output and in the log.
 */
@Plugin(type = Command.class, menuPath = "Plugins>DiffPrior>Engine Info", headless = true)
public final class EngineInfoCommand implements Command {

    @Parameter(required = false)
    private LogService log;

    @Parameter(type = ItemIO.OUTPUT, label = "DiffPrior engine")
    private String report;

    @Parameter(type = ItemIO.OUTPUT, label = "Self-check passed")
    private boolean self_check_passed;

    @Override
    public void run() {
        EngineReport engine = EngineReport.create();
        report = engine.text();
        self_check_passed = engine.selfCheckPassed();
        if (log != null) {
            log.info(report);
        }
    }
}
