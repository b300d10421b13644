package org.diffprior.cli;

import picocli.CommandLine.Command;

/** {@code diffprior train}: Train a diffusion prior on your own images. */
@Command(name = "train", mixinStandardHelpOptions = true, description = "Train a diffusion prior on your own images.")
final class TrainCommand extends CliCommand {

    @Override
    protected int execute() {
        return notYetBuilt("'train'");
    }
}
