package org.diffprior.cli;

import picocli.CommandLine.Command;

/** {@code diffprior ct}: Reconstruct a CT image from a (sparse-view or limited-angle) sinogram. */
@Command(name = "ct", mixinStandardHelpOptions = true, description = "Reconstruct a CT image from a (sparse-view or limited-angle) sinogram.")
final class CtCommand extends CliCommand {

    @Override
    protected int execute() {
        return notYetBuilt("'ct'");
    }
}
