package org.diffprior.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.file.Path;
import java.util.Arrays;

import org.diffprior.io.Cfl;
import org.diffprior.io.FloatImage;
import org.diffprior.io.Tiffs;
import org.diffprior.physics.CoilArray;
import org.diffprior.task.CtRequest;
import org.diffprior.task.DiffusionSettings;
import org.diffprior.task.SrRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The command line shows the task layer's keyed errors with its own option names, on one line with status 2, and
 * every shared diffusion parameter is an option of each diffusion command, with the task layer's default.
 * MRI and active subsampling name their parameters (and the coil maps, {@code --sensitivities}) the same way.
 */
class KeyedErrorsTest {

    /** Runs {@code diffprior args} in-process; returns the status and what it printed on stderr. */
    private static Object[] run(String... args) {
        CliRun run = CliRun.of(args);
        return new Object[] {run.status(), run.stderr()};
    }

    @Test
    void aBadDiffusionSettingIsNamedByItsOption(@TempDir Path dir) throws Exception {
        Path image = dir.resolve("low.tif");
        Tiffs.write(FloatImage.of(8, 8, new float[64]), image);
        String[] common = {"sr", "--input", image.toString(), "--scale", "2", "--out",
                dir.resolve("out.tif").toString(),
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
    void mriAndAdsParametersAreNamedByTheirOptions(@TempDir Path dir) throws Exception {
        String kspace = dir.resolve("k.cfl").toString();
        Cfl.write(Path.of(kspace), new CoilArray(8, 8, 1, new float[2 * 64]).toCfl());
        float[] ones = new float[64];
        Arrays.fill(ones, 1f);
        Path mask = dir.resolve("mask.tif");
        Tiffs.write(FloatImage.of(8, 8, ones), mask);
        String out = dir.resolve("out.tif").toString();
        String nl = System.lineSeparator();
        String[] mri = {"mri", "--kspace", kspace, "--mask", mask.toString(), "--out", out};
        Object[] noise = run(concat(mri, "--noise-sigma", "loud"));
        assertEquals(2, noise[0]);
        assertEquals("diffprior: --noise-sigma must be a number ≥ 0 or 'auto', got 'loud'" + nl, noise[1]);
        Object[] maps = run(concat(mri, "--sens", kspace, "--estimate-sens"));
        assertEquals(2, maps[0]);
        assertEquals("diffprior: give either --sensitivities or --estimate-sens, not both" + nl, maps[1]);
        Object[] adaptAuto = run(concat(mri, "--adapt-steps", "5"));
        assertEquals(2, adaptAuto[0]);
        assertEquals("diffprior: --adapt-steps adapts the prior for --method diffusion only, not auto; set --method "
                + "to diffusion or --adapt-steps to 0" + nl, adaptAuto[1]);
        Object[] adaptSteps = run(concat(mri, "--method", "diffusion", "--adapt-steps", "-1"));
        assertEquals(2, adaptSteps[0]);
        assertEquals("diffprior: --adapt-steps must lie in 0..1000, got -1" + nl, adaptSteps[1]);

        String[] ads = {"ads", "--kspace", kspace, "--out", out, "--mask-out", dir.resolve("m.tif").toString()};
        Object[] particles = run(concat(ads, "--particles", "1"));
        assertEquals(2, particles[0]);
        assertEquals("diffprior: --particles must lie in 2..256 (active subsampling compares particles), got 1" + nl,
                particles[1]);
        Object[] rule = run(concat(ads, "--rule", "bogus"));
        assertEquals(2, rule[0]);
        assertEquals("diffprior: --rule 'bogus' is unknown; use entropy, variance or max-variance" + nl, rule[1]);
        assertFalse(Path.of(out).toFile().exists());
    }

    @Test
    void coilMapsAreOneOptionWhoseOldNameStaysAnAlias() {
        for (String command : new String[] {"mri", "ads"}) {
            CommandLine.Model.CommandSpec spec = DiffPriorCli.commandLine().getSubcommands().get(command)
                    .getCommandSpec();
            CommandLine.Model.OptionSpec maps = spec.findOption(CliCommand.option("sensitivities"));
            assertNotNull(maps, command);
            assertEquals("--sensitivities", maps.longestName(), command);
            assertSame(maps, spec.findOption("--sens"), command);
        }
    }

    @Test
    void everyDiffusionCommandHasTheSharedParametersWithTheirDefaults() {
        DiffusionSettings defaults = DiffusionSettings.defaults();
        for (String command : new String[] {"mri", "ct", "sr"}) {
            CommandLine.Model.CommandSpec spec = DiffPriorCli.commandLine().getSubcommands().get(command)
                    .getCommandSpec();
            for (String key : DiffusionSettings.PARAMETERS) {
                assertNotNull(spec.findOption(CliCommand.option(key)), command + " " + CliCommand.option(key));
            }
            assertEquals("" + defaults.steps(), spec.findOption("--steps").defaultValue());
            // --samples has no fixed default: each task resolves its own (CT and SR 2, MRI 1).
            assertEquals(command.equals("sr") ? SrRequest.DEFAULT_SAMPLES
                    : command.equals("ct") ? CtRequest.DEFAULT_SAMPLES : defaults.samples(),
                    ((DiffusionOptions) spec.mixins().get("diffusion").userObject()).samples(), command);
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
