package org.diffprior.cli;

import picocli.CommandLine.Command;

/** {@code diffprior batch}: Run a command on every file of a folder; skips finished files; writes a summary CSV. */
@Command(name = "batch", mixinStandardHelpOptions = true, description = "Run a command on every file of a folder; skips finished files; writes a summary CSV.")
final class BatchCommand extends CliCommand {

    @Override
    protected int execute() {
        return notYetBuilt("'batch'");
    }
}
