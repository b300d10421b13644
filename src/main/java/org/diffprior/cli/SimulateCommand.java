package org.diffprior.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code diffprior simulate}: makes measurements from an image for trying things out; one subcommand per
 * modality ({@code mri}, {@code ct}, {@code sr}).
 *
 * <pre>
 * diffprior simulate mri --image brain.tif --out-kspace k.cfl --out-mask mask.tif --acceleration 4
 * </pre>
 */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = "Make measurements (k-space, sinogram, low-resolution image) from an image.",
        subcommands = {SimulateMriCommand.class, SimulateCtCommand.class, SimulateSrCommand.class})
final class SimulateCommand extends CliCommand {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Runs only without a subcommand: that is bad input. */
    @Override
    protected int execute() {
        spec.commandLine().usage(System.err);
        System.err.println("diffprior: simulate needs a modality: mri, ct or sr");
        return BAD_INPUT;
    }
}
