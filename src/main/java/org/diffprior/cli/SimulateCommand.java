package org.diffprior.cli;

import picocli.CommandLine.Command;

/** {@code diffprior simulate}: Make measurements (k-space, sinogram, low-resolution image) from an image. */
@Command(name = "simulate", mixinStandardHelpOptions = true, description = "Make measurements (k-space, sinogram, low-resolution image) from an image.")
final class SimulateCommand extends CliCommand {

    @Override
    protected int execute() {
        return notYetBuilt("'simulate'");
    }
}
