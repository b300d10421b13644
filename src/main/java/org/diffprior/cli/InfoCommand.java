package org.diffprior.cli;

import picocli.CommandLine.Command;

/** {@code diffprior info}: Print engine, version, device(s), threads and the models found. */
@Command(name = "info", mixinStandardHelpOptions = true, description = "Print engine, version, device(s), threads and the models found.")
final class InfoCommand extends CliCommand {

    @Override
    protected int execute() {
        return notYetBuilt("'info'");
    }
}
