package org.diffprior.cli;

import picocli.CommandLine.Command;

/** {@code diffprior ads}: Active diffusion subsampling: choose k-space lines to acquire and reconstruct. */
@Command(name = "ads", mixinStandardHelpOptions = true, description = "Active diffusion subsampling: choose k-space lines to acquire and reconstruct.")
final class AdsCommand extends CliCommand {

    @Override
    protected int execute() {
        return notYetBuilt("'ads'");
    }
}
