package org.diffprior.cli;

import picocli.CommandLine.Command;

/** {@code diffprior models}: List bundled and user models with their cards. */
@Command(name = "models", mixinStandardHelpOptions = true, description = "List bundled and user models with their cards.")
final class ModelsCommand extends CliCommand {

    @Override
    protected int execute() {
        return notYetBuilt("'models'");
    }
}
