package org.diffprior.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.diffprior.io.FloatImage;
import org.diffprior.io.Tiffs;
import org.diffprior.task.DiffusionSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

/**
 * The command line shows the task layer's keyed errors with its own option names, on one line with status 2, and
 * every shared diffusion parameter is an option of each diffusion command, with the task layer's default.
 */
class KeyedErrorsTest {

    /** Runs {@code diffprior args} in-process; returns the status and what it printed on stderr. */
    private static Object[] run(String... args) {
        PrintStream saved = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status;
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            status = DiffPriorCli.commandLine().execute(args);
        } finally {
            System.setErr(saved);
        }
        return new Object[] {status, err.toString(StandardCharsets.UTF_8)};
    }

    @Test
    void aBadDiffusionSettingIsNamedByItsOption(@TempDir Path dir) throws Exception {
        Path image = dir.resolve("low.tif");
        Tiffs.write(FloatImage.of(8, 8, new float[64]), image);
        String[] common = {"sr", "--input", image.toString(), "--scale", "2", "--out", dir.resolve("out.tif").toString(),
            "--model", "any-model"};
        Object[] steps = run(concat(common, "--steps", "0"));
        assertEquals(2, steps[0]);
        assertEquals("diffprior: --steps must lie in 1..1000, got 0" + System.lineSeparator(), steps[1]);
        Object[] cg = run(concat(common, "--cg-iterations", "101"));
        assertEquals(2, cg[0]);
        assertEquals("diffprior: --cg-iterations must lie in 0..100, got 101" + System.lineSeparator(), cg[1]);
        assertFalse(dir.resolve("out.tif").toFile().exists());
    }

    @Test
    void everyDiffusionCommandHasTheSharedParametersWithTheirDefaults() {
        DiffusionSettings defaults = DiffusionSettings.defaults();
        for (String command : new String[] {"mri", "ct", "sr"}) {
            CommandLine.Model.CommandSpec spec = DiffPriorCli.commandLine().getSubcommands().get(command).getCommandSpec();
            for (String key : DiffusionSettings.PARAMETERS) {
                assertNotNull(spec.findOption(CliCommand.option(key)), command + " " + CliCommand.option(key));
            }
            assertEquals("" + defaults.steps(), spec.findOption("--steps").defaultValue());
            assertEquals("" + defaults.samples(), spec.findOption("--samples").defaultValue());
            assertEquals("" + defaults.seed(), spec.findOption("--seed").defaultValue());
            assertEquals("" + defaults.eta(), spec.findOption("--eta").defaultValue());
            assertEquals("" + defaults.cgIterations(), spec.findOption("--cg-iterations").defaultValue());
        }
    }

    private static String[] concat(String[] head, String... tail) {
        String[] all = new String[head.length + tail.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(tail, 0, all, head.length, tail.length);
        return all;
    }
}
