package org.diffprior.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.diffprior.io.Cfl;
import org.diffprior.io.FastMriFiles;
import org.diffprior.io.FloatImage;
import org.diffprior.io.ImageFiles;
import org.diffprior.io.Tiffs;
import org.diffprior.physics.CoilArray;
import org.diffprior.physics.SamplingMasks;
import org.diffprior.prior.GaussianPriorDenoiser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * fastMRI HDF5 through {@code mri}, {@code ads} and {@code batch}, on the h5py fixtures of
 * scripts/make_fastmri_fixture.py: the same reconstruction as from the same k-space written as .cfl, the mask
 * from the file or the data, slices, the reference reconstruction as ground truth, and bad files as exit 2.
 */
class FastMriCommandsTest {

    @TempDir
    Path dir;

    private static Path fixture(String name) {
        try {
            return Path.of(FastMriCommandsTest.class.getResource("/org/diffprior/io/fastmri/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private String p(String name) {
        return dir.resolve(name).toString();
    }

    /** The same k-space as a .cfl pair and the same columns as a mask image: what `mri` took before .h5. */
    private void asCflAndMask(Path h5, String base) throws IOException {
        Cfl.write(dir.resolve(base + ".cfl"), FastMriFiles.readKspace(h5));
        int rows = (int) FastMriFiles.readKspace(h5).dim(0);
        boolean[] columns = FastMriFiles.readColumnMask(h5).orElseThrow();
        Tiffs.write(FloatImage.of(columns.length, rows, SamplingMasks.fromColumns(rows, columns)),
                dir.resolve(base + "_mask.tif"));
    }

    @Test
    void mriFromH5EqualsMriFromTheSameKspaceAsCfl() throws IOException {
        Path h5 = fixture("undersampled_mask.h5");
        asCflAndMask(h5, "k");
        for (String method : List.of("zero-filled", "cg-sense")) {
            String[] extra = method.equals("cg-sense") ? new String[] {"--estimate-sens"} : new String[0];
            CliRun fromCfl = CliRun.of(concat(new String[] {"mri", "--kspace", p("k.cfl"), "--mask", p("k_mask.tif"),
                    "--out", p("cfl.tif"), "--method", method}, extra));
            assertEquals(0, fromCfl.status(), fromCfl.stderr());
            // The mask dataset of the file, and the points holding data of the file without one: the same columns.
            List<String> files = method.equals("cg-sense") ? List.of("undersampled_nomask.h5")
                    : List.of("undersampled_mask.h5", "undersampled_nomask.h5");
            for (String file : files) {
                CliRun fromH5 = CliRun.of(concat(new String[] {"mri", "--kspace", fixture(file).toString(), "--out",
                        p("h5.tif"), "--method", method}, extra));
                assertEquals(0, fromH5.status(), fromH5.stderr());
                assertTrue(fromH5.stderr().contains(file.contains("nomask") ? "where the k-space holds data"
                        : "mask dataset"), fromH5.stderr());
                FloatImage expected = ImageFiles.read(dir.resolve("cfl.tif"));
                FloatImage actual = ImageFiles.read(dir.resolve("h5.tif"));
                assertEquals(2, actual.slices(), "one plane per slice");
                assertArrayEquals(expected.data(), actual.data(), 0f, method + " from " + file);
            }
        }
        // A given mask wins over the file's.
        CliRun given = CliRun.of("mri", "--kspace", h5.toString(), "--mask", p("k_mask.tif"), "--out", p("g.tif"),
                "--method", "zero-filled");
        assertEquals(0, given.status(), given.stderr());
        assertFalse(given.stderr().contains("no --mask"), given.stderr());
    }

    @Test
    void slicesReadOnlyThoseSlicesOfH5AndCfl() throws IOException {
        Path h5 = fixture("full_multicoil.h5");
        assertEquals(0, CliRun.of("mri", "--kspace", h5.toString(), "--out", p("all.tif"), "--method", "zero-filled")
                .status());
        Cfl.write(dir.resolve("k.cfl"), FastMriFiles.readKspace(h5));
        for (String input : List.of(h5.toString(), p("k.cfl"))) {
            CliRun one = CliRun.of("mri", "--kspace", input, "--slices", "1", "--out", p("one.tif"), "--method",
                    "zero-filled");
            assertEquals(0, one.status(), one.stderr());
            FloatImage plane = ImageFiles.read(dir.resolve("one.tif"));
            assertEquals(1, plane.slices());
            assertArrayEquals(ImageFiles.read(dir.resolve("all.tif")).slice(1), plane.data(), 0f, input);
        }
        CliRun range = CliRun.of("mri", "--kspace", h5.toString(), "--slices", "0-1", "--out", p("range.tif"),
                "--method", "zero-filled");
        assertEquals(0, range.status(), range.stderr());
        assertArrayEquals(ImageFiles.read(dir.resolve("all.tif")).data(), ImageFiles.read(dir.resolve("range.tif"))
                .data(), 0f);
    }

    @Test
    void badH5FilesAndSlicesAreExitTwoWithOneLine() throws IOException {
        Path truncated = dir.resolve("cut.h5");
        byte[] whole = Files.readAllBytes(fixture("full_multicoil.h5"));
        Files.write(truncated, Arrays.copyOf(whole, whole.length - 4000));
        Path text = Files.writeString(dir.resolve("text.h5"), "not an HDF5 file ".repeat(40));
        record Case(String[] args, String says) {
        }
        String full = fixture("full_multicoil.h5").toString();
        List<Case> cases = List.of(
                new Case(new String[] {"--kspace", fixture("no_kspace.h5").toString()}, "no 'kspace' dataset"),
                new Case(new String[] {"--kspace", fixture("real_kspace.h5").toString()}, "expected complex64"),
                new Case(new String[] {"--kspace", fixture("rank2_kspace.h5").toString()}, "has shape [16, 16]"),
                new Case(new String[] {"--kspace", fixture("bad_mask.h5").toString()}, "one value per k-space column"),
                new Case(new String[] {"--kspace", truncated.toString()}, "truncated"),
                new Case(new String[] {"--kspace", text.toString()}, "not an HDF5 file"),
                new Case(new String[] {"--kspace", p("absent.h5")}, "no such file"),
                new Case(new String[] {"--kspace", full, "--slices", "2"}, "--slices 2 does not exist"),
                new Case(new String[] {"--kspace", full, "--slices", "1-0"}, "--slices must be"),
                new Case(new String[] {"--kspace", full, "--slices", "x"}, "--slices must be"));
        for (Case c : cases) {
            CliRun run = CliRun.of(concat(concat(new String[] {"mri"}, c.args()), new String[] {"--out", p("x.tif"),
                    "--method", "zero-filled"}));
            String where = String.join(" ", c.args()) + ": " + run.stderr();
            assertEquals(2, run.status(), where);
            assertEquals(1, run.stderr().strip().lines().count(), where);
            assertTrue(run.stderr().contains(c.says()), where);
            assertFalse(run.stderr().contains("\tat "), where);
            assertFalse(Files.exists(dir.resolve("x.tif")), where);
        }
    }

    @Test
    void adsTakesAFullySampledH5SliceAsItsSource() throws IOException {
        Path h5 = fixture("full_multicoil.h5");
        AdsCommand.ModelResolver saved = AdsCommand.models;
        AdsCommand.models = (model, height, width) -> new AdsCommand.Prior(
                GaussianPriorDenoiser.powerLaw(height, width, 3, 0.1, 0.1, 0.3), 1.0);
        try {
            // Slice 1 as .cfl: the same columns, the same image.
            Cfl.write(dir.resolve("s1.cfl"), FastMriFiles.readKspaceSlice(h5, 1));
            float[] maps = new float[2 * 4 * 24 * 20];
            for (int i = 0; i < maps.length; i += 2) {
                maps[i] = 0.5f; // four equal coils, Σ|S|² = 1
            }
            Cfl.write(dir.resolve("maps.cfl"), new CoilArray(24, 20, 4, maps).toCfl());
            String[] common = {"--sens", p("maps.cfl"), "--acceleration", "2", "--center-fraction", "0.2", "--steps",
                    "4", "--particles", "2", "--seed", "3"};
            CliRun fromCfl = CliRun.of(concat(new String[] {"ads", "--kspace", p("s1.cfl"), "--out", p("c.tif"),
                    "--mask-out", p("cm.tif")}, common));
            assertEquals(0, fromCfl.status(), fromCfl.stderr());
            CliRun fromH5 = CliRun.of(concat(new String[] {"ads", "--kspace", h5.toString(), "--slices", "1", "--out",
                    p("h.tif"), "--mask-out", p("hm.tif")}, common));
            assertEquals(0, fromH5.status(), fromH5.stderr());
            assertArrayEquals(ImageFiles.read(dir.resolve("cm.tif")).data(), ImageFiles.read(dir.resolve("hm.tif"))
                    .data(), 0f);
            assertArrayEquals(ImageFiles.read(dir.resolve("c.tif")).data(), ImageFiles.read(dir.resolve("h.tif"))
                    .data(), 0f);

            CliRun noSlice = CliRun.of(concat(new String[] {"ads", "--kspace", h5.toString(), "--out", p("n.tif"),
                    "--mask-out", p("nm.tif")}, common));
            assertEquals(2, noSlice.status(), noSlice.stderr());
            assertTrue(noSlice.stderr().contains("holds 2 slices; choose one with --slices N"), noSlice.stderr());
            CliRun undersampled = CliRun.of(concat(new String[] {"ads", "--kspace",
                    fixture("undersampled_mask.h5").toString(), "--slices", "0", "--out", p("u.tif"), "--mask-out",
                    p("um.tif")}, common));
            assertEquals(2, undersampled.status(), undersampled.stderr());
            assertTrue(undersampled.stderr().contains("is undersampled (column 1 holds no data"),
                    undersampled.stderr());
            assertFalse(Files.exists(dir.resolve("n.tif")) || Files.exists(dir.resolve("u.tif")));
        } finally {
            AdsCommand.models = saved;
        }
    }

    @Test
    void batchScoresH5InputsAgainstTheirCroppedReference() throws IOException {
        Path in = Files.createDirectories(dir.resolve("in"));
        Files.copy(fixture("full_multicoil.h5"), in.resolve("knee.h5"));
        Files.copy(fixture("undersampled_mask.h5"), in.resolve("test.h5"));
        CliRun batch = CliRun.of("batch", "mri", "--in", in.toString(), "--out", p("out"), "--method",
                "zero-filled");
        assertEquals(0, batch.status(), batch.stderr());
        List<String> csv = Files.readAllLines(dir.resolve("out").resolve("batch-summary.csv"));
        assertEquals(3, csv.size(), String.join("\n", csv));
        // Fully sampled: root-sum-of-squares zero-filling is the reference before fastMRI's crop to 16 x 16.
        String[] knee = csv.get(1).split(",", -1);
        assertEquals(List.of("knee.h5", "done", "0"), Arrays.asList(knee).subList(0, 3));
        assertTrue(Double.parseDouble(knee[4]) > 60, "PSNR " + knee[4]);
        assertEquals(1.0, Double.parseDouble(knee[5]), 1e-4, "SSIM");
        assertTrue(knee[6].contains("centre-cropped to 16x16"), knee[6]);
        FloatImage recon = ImageFiles.read(dir.resolve("out").resolve("knee.tif"));
        assertEquals(20, recon.width(), "the output keeps the k-space's size");
        assertEquals(24, recon.height());
        // A test file has no reference: no metrics, no complaint.
        assertTrue(csv.get(2).startsWith("test.h5,done,0,"), csv.get(2));
        assertTrue(csv.get(2).endsWith(",,,"), csv.get(2));

        // A .cfl input scored against TRUTH/BASE.h5.
        Path cfl = Files.createDirectories(dir.resolve("cfl"));
        Cfl.write(cfl.resolve("knee.cfl"), FastMriFiles.readKspace(in.resolve("knee.h5")));
        Path truth = Files.createDirectories(dir.resolve("truth"));
        Files.copy(in.resolve("knee.h5"), truth.resolve("knee.h5"));
        CliRun againstTruth = CliRun.of("batch", "mri", "--in", cfl.toString(), "--out", p("fromcfl"), "--truth",
                truth.toString(), "--method", "zero-filled");
        assertEquals(0, againstTruth.status(), againstTruth.stderr());
        String[] fromCfl = Files.readAllLines(dir.resolve("fromcfl").resolve("batch-summary.csv")).get(1)
                .split(",", -1);
        assertEquals(knee[4], fromCfl[4], "the same PSNR as from the .h5 itself");

        // --slices reaches the reference too.
        CliRun slice = CliRun.of("batch", "mri", "--in", in.toString(), "--out", p("one"), "--pattern", "knee*",
                "--method", "zero-filled", "--slices", "1");
        assertEquals(0, slice.status(), slice.stderr());
        String[] one = Files.readAllLines(dir.resolve("one").resolve("batch-summary.csv")).get(1).split(",", -1);
        assertTrue(Double.parseDouble(one[4]) > 60, "PSNR " + one[4]);
    }

    private static String[] concat(String[] first, String[] second) {
        String[] all = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, all, first.length, second.length);
        return all;
    }
}
