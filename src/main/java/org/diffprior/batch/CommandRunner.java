package org.diffprior.batch;

import java.util.List;

/**
 * Runs one DiffPrior command line and returns its exit status (0 success, 2 bad input, 1 internal
 * failure); messages go to {@code System.err}, which the batch runner captures per file.
 *
 * <pre>{@code
 * CommandRunner inProcess = args -> DiffPriorCli.commandLine().execute(args.toArray(String[]::new));
 * }</pre>
 */
@FunctionalInterface
public interface CommandRunner {

    /** Runs {@code args} (command name first) and returns the exit status. */
    int run(List<String> args) throws Exception;
}
