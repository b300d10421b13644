package org.diffprior.cli;

import picocli.CommandLine.Command;

/** {@code diffprior data}: Make training and validation data from Debian packages (mricron-data, python3-pydicom). */
@Command(name = "data", mixinStandardHelpOptions = true, description = "Make training and validation data from Debian packages (mricron-data, python3-pydicom).")
final class DataCommand extends CliCommand {

    @Override
    protected int execute() {
        return notYetBuilt("'data'");
    }
}
