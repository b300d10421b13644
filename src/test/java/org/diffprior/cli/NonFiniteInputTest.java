package org.diffprior.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.diffprior.io.Cfl;
import org.diffprior.io.FloatImage;
import org.diffprior.io.Tiffs;
import org.diffprior.physics.CoilArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One NaN or infinity in measured data would spread over the whole reconstruction; every command refuses it with
 * one line naming where it lies (exit 2, no output), except at k-space points the mask does not sample, which no
 * reconstruction reads.
 */
class NonFiniteInputTest {

    private static final String NL = System.lineSeparator();

    /** Runs {@code diffprior args} in-process; returns the status and what it printed on stderr. */
    private static Object[] run(String... args) {
        CliRun run = CliRun.of(args);
        return new Object[] {run.status(), run.stderr()};
    }

    @Test
    void kspaceWithANanAtASampledPointIsRefusedAndAtAnUnsampledOneIgnored(@TempDir Path dir) throws Exception {
        int n = 16;
        float[] data = new float[2 * n * n];
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) Math.sin(i);
        }
        float[] mask = new float[n * n];
        Arrays.fill(mask, 1f);
        mask[3 * n + 5] = 0; // row 3, column 5 not sampled
        data[2 * (3 * n + 5)] = Float.NaN;
        Path maskFile = dir.resolve("mask.tif");
        Tiffs.write(FloatImage.of(n, n, mask), maskFile);
        Path unsampled = dir.resolve("unsampled.cfl");
        Cfl.write(unsampled, new CoilArray(n, n, 1, data.clone()).toCfl());
        for (String method : new String[] {"zero-filled", "cg-sense"}) {
            Object[] ok = run("mri", "--kspace", unsampled.toString(), "--mask", maskFile.toString(), "--method",
                    method,
                    "--out", dir.resolve("ok-" + method + ".tif").toString());
            assertEquals(0, ok[0], (String) ok[1]);
        }
        data[2 * (7 * n + 2) + 1] = Float.POSITIVE_INFINITY; // row 7, column 2: sampled
        Path sampled = dir.resolve("sampled.cfl");
        Cfl.write(sampled, new CoilArray(n, n, 1, data).toCfl());
        for (String method : new String[] {"zero-filled", "tv"}) {
            Path out = dir.resolve("bad-" + method + ".tif");
            Object[] bad = run("mri", "--kspace", sampled.toString(), "--mask", maskFile.toString(), "--method", method,
                    "--out", out.toString());
            assertEquals(2, bad[0]);
            assertEquals("diffprior: the k-space holds Infinity at coil 0, row 7, column 2, a sampled point; every "
                    + "measured value must be a finite number: repair or re-export it" + NL, bad[1]);
            assertFalse(Files.exists(out));
        }
    }

    @Test
    void aSinogramOrALowResolutionImageWithANanIsRefused(@TempDir Path dir) throws Exception {
        float[] sinogram = new float[6 * 16];
        Arrays.fill(sinogram, 1f);
        sinogram[2 * 16 + 9] = Float.NaN;
        Path sino = dir.resolve("sino.tif");
        Tiffs.write(FloatImage.of(16, 6, sinogram), sino);
        Path out = dir.resolve("ct.tif");
        Object[] ct = run("ct", "--sinogram", sino.toString(), "--angles", "0:180:6", "--method", "fbp", "--out",
                out.toString());
        assertEquals(2, ct[0]);
        assertEquals("diffprior: the sinogram holds NaN at plane 0, row 2, column 9; every value must be a finite "
                + "number: repair or re-export it" + NL, ct[1]);
        assertFalse(Files.exists(out));

        float[] low = new float[8 * 8];
        low[63] = Float.NEGATIVE_INFINITY;
        Path input = dir.resolve("low.tif");
        Tiffs.write(FloatImage.of(8, 8, low), input);
        Object[] sr = run("sr", "--input", input.toString(), "--scale", "2", "--method", "bicubic", "--out",
                dir.resolve("hr.tif").toString());
        assertEquals(2, sr[0]);
        assertEquals("diffprior: the low-resolution image holds -Infinity at plane 0, row 7, column 7; every value "
                + "must be a finite number: repair or re-export it" + NL, sr[1]);
    }
}
