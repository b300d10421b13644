package org.diffprior.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of {@code bin/diffprior}. Exit codes: 0 success, 2 bad input (one line on stderr),
 * 1 internal failure.
 */
@Command(name = "diffprior", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Diffusion-model priors for MRI, CT and super-resolution reconstruction.",
        subcommands = {
                InfoCommand.class, ModelsCommand.class, MriCommand.class, CtCommand.class, SrCommand.class,
                AdsCommand.class, SimulateCommand.class, TrainCommand.class, BatchCommand.class,
                DataCommand.class, CompareCommand.class, CommandLine.HelpCommand.class
        })
public final class DiffPriorCli implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.err);
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command");
    }

    /** Builds the configured command line; tests use it to run commands in-process. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new DiffPriorCli());
        // Bad options are bad input: status 2, as for bad files.
        cli.setParameterExceptionHandler((ex, args) -> {
            System.err.println("diffprior: " + ex.getMessage());
            return 2;
        });
        return cli;
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}
