package org.diffprior.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Static entry points for ImageJ 1.x macros, which work fully headless with plain ij.jar (no SciJava,
 * no menus): {@code call("org.diffprior.cli.Macros.run", "sr --input lr.tif --scale 2 --out hr.tif")}.
 * Every command of the command line is reachable this way with the same options and the same files.
 * Returns "0" on success, otherwise the exit status and the one-line reason, e.g. "2 lr.tif: no such file".
 */
public final class Macros {

    private Macros() {
    }

    /** Runs one DiffPrior command line in-process; see the class comment for the result format. */
    public static String run(String commandLine) {
        List<String> args = split(commandLine == null ? "" : commandLine);
        PrintStream savedErr = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status;
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            status = DiffPriorCli.commandLine().execute(args.toArray(String[]::new));
        } finally {
            System.setErr(savedErr);
        }
        String messages = err.toString(StandardCharsets.UTF_8).strip();
        if (status == 0) {
            return "0";
        }
        String[] lines = messages.split("\\R");
        String reason = lines.length == 0 ? "" : lines[lines.length - 1].replaceFirst("^diffprior: ", "");
        return status + " " + reason;
    }

    /** Splits a command line on white space, keeping single- or double-quoted parts (paths with spaces) whole. */
    static List<String> split(String line) {
        List<String> tokens = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        char quote = 0;
        boolean inToken = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    current.append(c);
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
                inToken = true;
            } else if (Character.isWhitespace(c)) {
                if (inToken) {
                    tokens.add(current.toString());
                    current.setLength(0);
                    inToken = false;
                }
            } else {
                current.append(c);
                inToken = true;
            }
        }
        if (inToken) {
            tokens.add(current.toString());
        }
        return tokens;
    }
}
