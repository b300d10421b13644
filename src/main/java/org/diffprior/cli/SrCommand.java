package org.diffprior.cli;

import picocli.CommandLine.Command;

/** {@code diffprior sr}: Super-resolve an image by an integer scale. */
@Command(name = "sr", mixinStandardHelpOptions = true, description = "Super-resolve an image by an integer scale.")
final class SrCommand extends CliCommand {

    @Override
    protected int execute() {
        return notYetBuilt("'sr'");
    }
}
