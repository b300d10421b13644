package org.diffprior.cli;

import picocli.CommandLine.Command;

/** {@code diffprior simulate ct}: a sinogram from an image (placeholder until the CT physics lands). */
@Command(name = "ct", mixinStandardHelpOptions = true, description = "Make a sinogram from an image.")
final class SimulateCtCommand extends CliCommand {

    @Override
    protected int execute() {
        return notYetBuilt("'simulate ct'");
    }
}
