package org.diffprior.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

import org.diffprior.batch.BatchRequest;
import org.diffprior.batch.CommandRunner;
import org.diffprior.core.InvalidInputException;
import picocli.CommandLine;

/**
 * The arguments of {@code diffprior batch}, parsed exactly as the command line parses them, for runners of a
 * batch other than the command itself (the Spark job of the {@code spark} module): the request, and whether
 * every command message should be shown.
 *
 * <pre>{@code
 * BatchArguments parsed = BatchArguments.parse(List.of("sr", "--in", "lr", "--out", "hr", "--scale", "2"), System.out);
 * BatchRunner runner = new BatchRunner(BatchArguments.IN_PROCESS, ProgressListener.NONE, System.out, null);
 * }</pre>
 */
public record BatchArguments(BatchRequest request, boolean verbose) {

    /** Runs one command line in this JVM, as {@code diffprior batch} does (models stay cached between files). */
    public static final CommandRunner IN_PROCESS = args -> DiffPriorCli.commandLine()
            .execute(args.toArray(String[]::new));

    /**
     * Parses {@code args} (what follows {@code diffprior batch}); bad ones give an {@link InvalidInputException}
     * whose {@link #message} is the command line's one line. Returns null after printing the usage (or the
     * version) to {@code helpOut} when {@code --help} (or {@code --version}) was asked for.
     */
    public static BatchArguments parse(List<String> args, PrintStream helpOut) {
        List<String> line = new ArrayList<>();
        line.add("batch");
        line.addAll(args);
        CommandLine.ParseResult parsed;
        try {
            parsed = DiffPriorCli.commandLine().parseArgs(line.toArray(String[]::new));
        } catch (CommandLine.ParameterException e) {
            throw new InvalidInputException("batch: " + e.getMessage(), e);
        }
        CommandLine.ParseResult batch = parsed.subcommand();
        if (batch.isVersionHelpRequested()) {
            parsed.commandSpec().commandLine().printVersionHelp(helpOut);
            return null;
        }
        if (batch.isUsageHelpRequested()) {
            batch.commandSpec().commandLine().usage(helpOut);
            return null;
        }
        BatchCommand command = batch.commandSpec().commandLine().getCommand();
        return new BatchArguments(command.request(), command.verbose);
    }

    /** The one-line message of a bad input, its parameters named as options ({@code {in}} is {@code --in}). */
    public static String message(InvalidInputException e) {
        return e.message(CliCommand::option);
    }
}
