package org.diffprior.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import org.diffprior.io.FloatImage;
import org.diffprior.io.Tiffs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Output paths of every command: an output that is an input or another output of the same call is refused before
 * any work (exit 2, one line naming both options), and the outputs of one call are all replaced or none is.
 */
class OutputPathsTest {

    @TempDir
    Path dir;

    private Path image(String name, int size) throws IOException {
        Random random = new Random(size);
        float[] data = new float[size * size];
        for (int i = 0; i < data.length; i++) {
            data[i] = random.nextFloat();
        }
        Path file = dir.resolve(name);
        Tiffs.write(FloatImage.of(size, size, data), file);
        return file;
    }

    /** Status 2 and one line on stderr naming both options, no trace. */
    private static void refused(CliRun run, String output, String other) {
        String line = run.stderr().strip();
        assertEquals(2, run.status(), run.stderr());
        assertFalse(line.contains("\n") || line.contains("Exception") || line.contains("\tat "), run.stderr());
        assertTrue(line.startsWith("diffprior: " + output + " "), line);
        assertTrue(line.contains(" as " + other + ",") || line.contains(" as " + other + ";"), line);
    }

    private Map<Path, byte[]> contents(Path... files) throws IOException {
        Map<Path, byte[]> map = new LinkedHashMap<>();
        for (Path f : files) {
            map.put(f, Files.readAllBytes(f));
        }
        return map;
    }

    private static void unchanged(Map<Path, byte[]> before) throws IOException {
        for (Map.Entry<Path, byte[]> e : before.entrySet()) {
            assertArrayEquals(e.getValue(), Files.readAllBytes(e.getKey()), e.getKey().toString());
        }
    }

    private List<String> leftovers() throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.contains(".part")).toList();
        }
    }

    @Test
    void anOutputThatIsAnInputOfTheSameCallIsRefusedAndTheInputKept() throws IOException {
        Path x = image("x.tif", 16);
        String k = dir.resolve("k").toString();
        Path mask = dir.resolve("m.tif");
        assertEquals(0, CliRun.of("simulate", "mri", "--image", x.toString(), "--out-kspace", k, "--out-mask",
                mask.toString()).status());
        Path angles = Files.writeString(dir.resolve("angles.json"), "[0, 45, 90, 135]");
        Path hardLink = Files.createLink(dir.resolve("x-again.tif"), x);
        Path in = Files.createDirectories(dir.resolve("in"));
        Path batchInput = image("in/a.tif", 8);
        Map<Path, byte[]> inputs = contents(x, mask, Path.of(k + ".cfl"), Path.of(k + ".hdr"), angles, batchInput);
        String xs = x.toString();

        refused(CliRun.of("sr", "--input", xs, "--scale", "2", "--method", "bicubic", "--out", xs), "--out", "--input");
        refused(CliRun.of("sr", "--input", xs, "--scale", "2", "--method", "bicubic", "--out",
                dir.resolve("sub/../x.tif").toString()), "--out", "--input");
        refused(CliRun.of("simulate", "sr", "--image", xs, "--scale", "2", "--out", xs), "--out", "--image");
        refused(CliRun.of("simulate", "ct", "--image", xs, "--angles", "0:180:4", "--out", hardLink.toString()),
                "--out", "--image");
        refused(CliRun.of("simulate", "mri", "--image", xs, "--out-kspace", dir.resolve("k2").toString(),
                "--out-mask", xs), "--out-mask", "--image");
        refused(CliRun.of("mri", "--kspace", k + ".cfl", "--mask", mask.toString(), "--out", mask.toString()), "--out",
                "--mask");
        refused(CliRun.of("mri", "--kspace", k + ".cfl", "--mask", mask.toString(), "--method", "zero-filled", "--out",
                k + ".hdr"), "--out", "--kspace");
        refused(CliRun.of("ct", "--sinogram", xs, "--angles", angles.toString(), "--method", "fbp", "--out",
                angles.toString()), "--out", "--angles");
        refused(CliRun.of("ads", "--kspace", k, "--out", dir.resolve("ads.tif").toString(), "--mask-out",
                k + ".cfl"), "--mask-out", "--kspace");
        refused(CliRun.of("batch", "sr", "--in", in.toString(), "--out", dir.resolve("hr").toString(), "--summary",
                batchInput.toString(), "--scale", "2", "--method", "bicubic"), "--summary", "--in");
        refused(CliRun.of("train", "--images", xs, "--init-from", dir.resolve("model").toString(), "--out",
                dir.resolve("model").toString()), "--out", "--init-from");
        unchanged(inputs);
        assertFalse(Files.exists(dir.resolve("hr/a.tif")), "the batch stopped before any file");
        assertFalse(Files.exists(dir.resolve("ads.tif")));
        assertEquals(List.of(), leftovers());
    }

    @Test
    void twoOutputsOfOneCallMayNotShareAFile() throws IOException {
        Path x = image("x.tif", 16);
        Path out = dir.resolve("out.tif");
        refused(CliRun.of("sr", "--input", x.toString(), "--scale", "2", "--out", out.toString(), "--samples", "2",
                "--std-out", out.toString()), "--std-out", "--out");
        refused(CliRun.of("sr", "--input", x.toString(), "--scale", "2", "--out", out.toString(), "--samples", "2",
                "--std-out", dir.resolve("s.tif").toString(), "--samples-out", dir.resolve("s.tif").toString()),
                "--samples-out", "--std-out");
        refused(CliRun.of("ads", "--kspace", dir.resolve("k.cfl").toString(), "--out", out.toString(), "--mask-out",
                dir.resolve("m.tif").toString(), "--order-out", out.toString()), "--order-out", "--out");
        refused(CliRun.of("simulate", "mri", "--image", x.toString(), "--out-kspace", dir.resolve("k").toString(),
                "--out-mask", dir.resolve("m.tif").toString(), "--out-sens", dir.resolve("k.cfl").toString()),
                "--out-sens", "--out-kspace");
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of("x.tif"), files.map(p -> p.getFileName().toString()).toList());
        }
    }

    @Test
    void srAndCtTakeTwoSamplesByDefaultSoTheirStdMapsNeedNoSamplesOption() throws IOException {
        Path x = image("x.tif", 16);
        Path std = dir.resolve("std.tif");
        CliRun sr = CliRun.of("sr", "--input", x.toString(), "--scale", "2", "--out", dir.resolve("hr.tif").toString(),
                "--steps", "2", "--std-out", std.toString());
        assertEquals(0, sr.status(), sr.stderr());
        assertTrue(sr.stderr().contains("2 sample(s)"), sr.stderr());
        assertTrue(Files.size(std) > 0);
        Path ctStd = dir.resolve("ct-std.tif");
        CliRun ct = CliRun.of("ct", "--sinogram", x.toString(), "--angles", "0:180:16", "--method", "diffusion",
                "--steps", "2", "--out", dir.resolve("ct.tif").toString(), "--std-out", ctStd.toString());
        assertEquals(0, ct.status(), ct.stderr());
        assertTrue(ct.stderr().contains("2 sample(s)"), ct.stderr());
        assertTrue(Files.size(ctStd) > 0);
        // MRI keeps one sample: a std map there still asks for --samples, and nothing is written.
        String k = dir.resolve("k").toString();
        Path mask = dir.resolve("m.tif");
        assertEquals(0, CliRun.of("simulate", "mri", "--image", x.toString(), "--out-kspace", k, "--out-mask",
                mask.toString(), "--seed", "1").status());
        Path mriOut = dir.resolve("mri.tif");
        CliRun mri = CliRun.of("mri", "--kspace", k + ".cfl", "--mask", mask.toString(), "--method", "diffusion",
                "--steps", "2", "--out", mriOut.toString(), "--std-out", dir.resolve("mri-std.tif").toString());
        assertEquals(2, mri.status(), mri.stderr());
        assertTrue(mri.stderr().contains("--std-out needs at least 2 posterior samples"), mri.stderr());
        assertFalse(Files.exists(mriOut));
    }

    @Test
    void whenALaterOutputCannotBeWrittenNoOutputOfTheCallIsReplaced() throws IOException {
        Path x = image("x.tif", 16);
        String k = dir.resolve("k").toString();
        Path mask = dir.resolve("m.tif");
        assertEquals(0, CliRun.of("simulate", "mri", "--image", x.toString(), "--out-kspace", k, "--out-mask",
                mask.toString(), "--seed", "1").status());
        Map<Path, byte[]> earlier = contents(mask, Path.of(k + ".cfl"), Path.of(k + ".hdr"));
        Path blocker = Files.writeString(dir.resolve("a-file"), "not a folder");
        // The sensitivity maps' folder is a file (staging fails), or their name is too long (the rename fails).
        for (Path sens : List.of(blocker.resolve("s.cfl"), dir.resolve("s".repeat(252) + ".cfl"))) {
            CliRun run = CliRun.of("simulate", "mri", "--image", x.toString(), "--out-kspace", k, "--out-mask",
                    mask.toString(), "--seed", "2", "--coils", "2", "--out-sens", sens.toString());
            assertEquals(2, run.status(), run.stderr());
            assertTrue(run.stderr().contains(sens + ": cannot"), run.stderr());
            unchanged(earlier);
        }
        // The std map of a diffusion run, after its mean was written to its temporary.
        Path out = Files.writeString(dir.resolve("hr.tif"), "an earlier result");
        CliRun run = CliRun.of("sr", "--input", x.toString(), "--scale", "2", "--out", out.toString(), "--steps", "2",
                "--samples", "2", "--std-out", blocker.resolve("std.tif").toString());
        assertEquals(2, run.status(), run.stderr());
        assertTrue(run.stderr().contains(blocker.resolve("std.tif") + ": cannot make its folder"), run.stderr());
        assertEquals("an earlier result", Files.readString(out));
        assertEquals(List.of(), leftovers());
    }
}
