package org.diffprior.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/** The public command-line contract of DESIGN.md section 4: every command present, help, exit codes. */
class CommandLineContractTest {

    @ParameterizedTest
    @ValueSource(
            strings = {"info", "models", "mri", "ct", "sr", "ads", "simulate", "train", "batch", "data", "compare"})
    void everyDocumentedCommandHasHelp(String command) {
        CommandLine cli = DiffPriorCli.commandLine();
        StringWriter out = new StringWriter();
        cli.setOut(new PrintWriter(out));
        assertEquals(0, cli.execute(command, "--help"));
        assertTrue(out.toString().contains("Usage: diffprior " + command), out.toString());
    }

    @Test
    void unknownOptionIsBadInputWithExitCodeTwo() {
        PrintStream saved = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err));
        try {
            assertEquals(2, DiffPriorCli.commandLine().execute("models", "--no-such-option"));
        } finally {
            System.setErr(saved);
        }
        assertTrue(err.toString().contains("--no-such-option"), err.toString());
    }
}
