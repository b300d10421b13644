package org.diffprior.cli;

import picocli.CommandLine.Command;

/** {@code diffprior simulate sr}: a low-resolution image from an image (placeholder until the SR physics lands). */
@Command(name = "sr", mixinStandardHelpOptions = true, description = "Make a low-resolution image from an image.")
final class SimulateSrCommand extends CliCommand {

    @Override
    protected int execute() {
        return notYetBuilt("'simulate sr'");
    }
}
