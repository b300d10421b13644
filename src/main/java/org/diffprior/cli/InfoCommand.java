package org.diffprior.cli;

import org.diffprior.djl.EngineBootstrap;
import org.diffprior.djl.EngineReport;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code diffprior info}: Print engine, version, device(s), threads and the models found. */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = "Print engine, version, device(s), threads and the models found.")
final class InfoCommand extends CliCommand {

    @Option(names = "--device", defaultValue = "cpu", description = "cpu, gpu or auto (default ${DEFAULT-VALUE}).")
    String device;

    @Override
    protected int execute() {
        EngineBootstrap.start(EngineBootstrap.DeviceChoice.parse(device));
        EngineReport report = EngineReport.create();
        System.out.println(report.text());
        // A failed self-check means results would be wrong: report it as an internal failure.
        return report.selfCheckPassed() ? OK : INTERNAL_ERROR;
    }
}
