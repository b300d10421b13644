package org.diffprior.cli;

import picocli.CommandLine.Command;

/** {@code diffprior mri}: Reconstruct an MRI image from undersampled Cartesian k-space. */
@Command(name = "mri", mixinStandardHelpOptions = true, description = "Reconstruct an MRI image from undersampled Cartesian k-space.")
final class MriCommand extends CliCommand {

    @Override
    protected int execute() {
        return notYetBuilt("'mri'");
    }
}
