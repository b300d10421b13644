package org.diffprior.batch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.diffprior.cli.DiffPriorCli;
import org.diffprior.core.Metrics;
import org.diffprior.io.Cfl;
import org.diffprior.io.ComplexArray;
import org.diffprior.io.FloatImage;
import org.diffprior.io.ImageFiles;
import org.diffprior.io.Tiffs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code diffprior batch mri} in-process on k-space whose zero-filled reconstruction is known in closed form:
 * a single coefficient v at the DC position (H/2, W/2) of the centred orthonormal DFT is the constant image
 * v / sqrt(H W) (DESIGN.md section 3).
 */
class BatchCommandTest {

    private static final int HEIGHT = 8;
    private static final int WIDTH = 12;

    @TempDir
    Path dir;

    private String out = "";
    private String err = "";

    private int run(String... args) {
        PrintStream savedOut = System.out;
        PrintStream savedErr = System.err;
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
            return DiffPriorCli.commandLine().execute(args);
        } finally {
            System.setOut(savedOut);
            System.setErr(savedErr);
            out = stdout.toString(StandardCharsets.UTF_8);
            err = stderr.toString(StandardCharsets.UTF_8);
        }
    }

    /** k-space that is zero except for {@code re + i im} at the DC position. */
    static void writeDcKspace(Path file, float re, float im, int height, int width) throws IOException {
        float[] data = new float[2 * height * width];
        int dc = height / 2 + (width / 2) * height;   // BART order: dimension 0 (row) fastest
        data[2 * dc] = re;
        data[2 * dc + 1] = im;
        Cfl.write(file, new ComplexArray(new long[] {height, width}, data));
    }

    static FloatImage constant(int width, int height, float value) {
        float[] data = new float[width * height];
        Arrays.fill(data, value);
        return FloatImage.of(width, height, data);
    }

    @Test
    void reconstructsGoodFilesReportsTheTruncatedOneAndSkipsOnRerun() throws IOException {
        Path kspace = Files.createDirectories(dir.resolve("kspace"));
        Path recon = Files.createDirectories(dir.resolve("recon"));
        Path truth = Files.createDirectories(dir.resolve("truth"));
        Path mask = dir.resolve("mask.tif");
        Tiffs.write(constant(WIDTH, HEIGHT, 1f), mask);
        writeDcKspace(kspace.resolve("a.cfl"), 96f, 0f, HEIGHT, WIDTH);
        writeDcKspace(kspace.resolve("b.cfl"), 0f, 48f, HEIGHT, WIDTH);
        writeDcKspace(kspace.resolve("bad.cfl"), 1f, 0f, HEIGHT, WIDTH);
        byte[] whole = Files.readAllBytes(kspace.resolve("bad.cfl"));
        Files.write(kspace.resolve("bad.cfl"), Arrays.copyOf(whole, whole.length / 2));
        writeDcKspace(kspace.resolve("done.cfl"), 1f, 0f, HEIGHT, WIDTH);
        FloatImage previous = constant(WIDTH, HEIGHT, 123f);
        Tiffs.write(previous, recon.resolve("done.tif"));
        Tiffs.write(constant(WIDTH, HEIGHT, 10f), truth.resolve("a.tif"));

        int status = run("batch", "mri", "--in", kspace.toString(), "--out", recon.toString(), "--truth",
                truth.toString(),
                "--mask", mask.toString(), "--method", "zero-filled");

        assertEquals(2, status, "one bad input: exit 2\n" + out + err);
        assertTrue(out.contains("2 done, 1 skipped, 1 failed"), out);
        assertTrue(err.strip().endsWith("diffprior: batch: 2 done, 1 skipped, 1 failed; reasons in "
                + recon.resolve(BatchRequest.SUMMARY_NAME)), "the last stderr line is the one-line reason: " + err);
        double root = Math.sqrt(HEIGHT * WIDTH);
        float[] a = ImageFiles.read(recon.resolve("a.tif")).data();
        float[] b = ImageFiles.read(recon.resolve("b.tif")).data();
        assertEquals(HEIGHT * WIDTH, a.length);
        for (int i = 0; i < a.length; i++) {
            assertEquals(96 / root, a[i], 1e-4);
            assertEquals(48 / root, b[i], 1e-4);
        }
        assertFalse(Files.exists(recon.resolve("bad.tif")));
        assertArrayEquals(previous.data(), ImageFiles.read(recon.resolve("done.tif")).data(),
                "existing output untouched");

        List<String> csv = Files.readAllLines(recon.resolve(BatchRequest.SUMMARY_NAME));
        assertEquals(SummaryCsv.HEADER, csv.get(0));
        String[] rowA = csv.get(1).split(",", -1);
        assertEquals("a.cfl", rowA[0]);
        assertEquals("done", rowA[1]);
        assertEquals(20 * Math.log10(10 / (10 - 96 / root)), Double.parseDouble(rowA[4]), 1e-3,
                "constant error: closed-form PSNR");
        assertTrue(csv.get(2).startsWith("b.cfl,done,0,"), csv.get(2));
        assertTrue(csv.get(3).startsWith("bad.cfl,failed,2,"), csv.get(3));
        assertTrue(csv.get(3).contains("bad.cfl"), "the reason names the file: " + csv.get(3));
        assertTrue(csv.get(4).startsWith("done.cfl,skipped,,,"), csv.get(4));

        int again = run("batch", "mri", "--in", kspace.toString(), "--out", recon.toString(),
                "--mask", mask.toString(), "--method", "zero-filled");
        assertEquals(2, again);
        assertTrue(out.contains("0 done, 3 skipped, 1 failed"), out);
        Files.delete(kspace.resolve("bad.cfl"));
        assertEquals(0, run("batch", "mri", "--in", kspace.toString(), "--out", recon.toString(),
                "--mask", mask.toString(), "--method", "zero-filled"), out + err);
        assertTrue(out.contains("0 done, 3 skipped, 0 failed"), out);
    }

    @Test
    void nestedCommandsWithOtherOutputOptionsAndPerFileNames() throws IOException {
        Path images = Files.createDirectories(dir.resolve("images"));
        Tiffs.write(constant(WIDTH, HEIGHT, 2f), images.resolve("two.tif"));
        Tiffs.write(constant(WIDTH, HEIGHT, 3f), images.resolve("three.tif"));
        Path kspace = dir.resolve("kspace");
        int status = run("batch", "simulate", "mri", "--in", images.toString(), "--out", kspace.toString(),
                "--output-option", "--out-kspace", "--output-extension", "cfl",
                "--out-mask", dir.resolve("masks/{name}_mask.tif").toString(), "--acceleration", "2",
                "--center-fraction", "0.25");
        assertEquals(0, status, out + err);
        assertTrue(out.contains("2 done, 0 skipped, 0 failed"), out);
        for (String name : new String[] {"two", "three"}) {
            assertTrue(Files.isRegularFile(dir.resolve("masks/" + name + "_mask.tif")), name);
            // A constant image c has only the DC coefficient c sqrt(H W), which the centre sampling keeps.
            float[] k = Cfl.read(kspace.resolve(name + ".cfl")).data();
            int dc = HEIGHT / 2 + (WIDTH / 2) * HEIGHT;
            assertEquals((name.equals("two") ? 2 : 3) * Math.sqrt(HEIGHT * WIDTH), k[2 * dc], 1e-3);
        }
    }

    @Test
    void superResolvesAFolderWithTheDefaultInputOptionAndScoresAgainstTruth() throws IOException {
        Path lowRes = Files.createDirectories(dir.resolve("lr"));
        Path truth = Files.createDirectories(dir.resolve("truth"));
        for (String name : new String[] {"mr_small_norm", "colin27_val_coronal094_128"}) {
            Files.copy(Path.of("test-images", name + ".tif"), truth.resolve(name + ".tif"));
            assertEquals(0, run("simulate", "sr", "--image", truth.resolve(name + ".tif").toString(), "--scale", "2",
                    "--degradation", "box", "--out", lowRes.resolve(name + ".tif").toString()), err);
        }
        Path highRes = dir.resolve("hr");
        assertEquals(0,
                run("batch", "sr", "--in", lowRes.toString(), "--out", highRes.toString(), "--truth", truth.toString(),
                        "--scale", "2", "--method", "bicubic", "--degradation", "box"),
                out + err);
        List<String> csv = Files.readAllLines(highRes.resolve(BatchRequest.SUMMARY_NAME));
        assertEquals(3, csv.size());
        for (String row : csv.subList(1, 3)) {
            String[] cells = row.split(",", -1);
            String base = cells[0].replace(".tif", "");
            FloatImage reference = ImageFiles.read(truth.resolve(base + ".tif"));
            FloatImage result = ImageFiles.read(highRes.resolve(base + ".tif"));
            assertEquals(reference.width(), result.width());
            assertEquals("done", cells[1]);
            assertEquals(Metrics.psnr(reference.data(), result.data()), Double.parseDouble(cells[4]), 1e-3);
            assertTrue(Double.parseDouble(cells[5]) > 0.8 && Double.parseDouble(cells[5]) < 1, row);
        }
    }

    @Test
    void unknownCommandsAndCommandsWithoutInputAreBadInputWithOneLine() throws IOException {
        Path in = Files.createDirectories(dir.resolve("in"));
        assertEquals(2, run("batch", "nope", "--in", in.toString(), "--out", dir.resolve("o").toString()));
        assertEquals(1, err.strip().lines().count(), err);
        assertTrue(err.contains("'nope' is not a command to batch"), err);
        assertEquals(2, run("batch", "info", "--in", in.toString(), "--out", dir.resolve("o").toString()));
        assertTrue(err.contains("--input-option"), err);
        assertEquals(2,
                run("batch", "mri", "--in", dir.resolve("absent").toString(), "--out", dir.resolve("o").toString()));
        assertTrue(err.contains("is not a folder"), err);
    }
}
