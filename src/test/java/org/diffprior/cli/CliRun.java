package org.diffprior.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Runs {@code diffprior args} in-process, as a user's shell would, and keeps what it printed on stderr. */
record CliRun(int status, String stderr) {

    static CliRun of(String... args) {
        PrintStream saved = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status;
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            status = DiffPriorCli.commandLine().execute(args);
        } finally {
            System.setErr(saved);
        }
        return new CliRun(status, err.toString(StandardCharsets.UTF_8));
    }
}
